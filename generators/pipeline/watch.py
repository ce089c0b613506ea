"""`policydocs watch`: build, then rebuild whenever content or templates are saved."""

from __future__ import annotations

import sys
from pathlib import Path

from generators.pipeline.command import run_build
from generators.project import Project

READY = "watching for changes"


def run_watch(project: Project, *, jobs: int | None) -> int:
    from watchfiles import watch

    watched = [project.content, project.templates]
    print(
        f"building, then watching {', '.join(_short(p, project) for p in watched)} (Ctrl-C stops)",
        flush=True,
    )
    run_build(project, force=False, jobs=jobs, as_json=False)
    sys.stdout.flush()
    ready = False
    try:
        # yield_on_timeout: the first empty yield tells that the watcher is in place,
        # so "watching for changes" is only printed once a save would be seen.
        for changes in watch(
            *watched, debounce=400, step=100, rust_timeout=300, yield_on_timeout=True
        ):
            if not changes:
                if not ready:
                    print(READY, flush=True)
                    ready = True
                continue
            names = sorted({_short(Path(path), project) for _, path in changes})
            print(f"changed: {', '.join(names)}", flush=True)
            run_build(project, force=False, jobs=jobs, as_json=False)
            sys.stdout.flush()
    except KeyboardInterrupt:
        pass
    return 0


def _short(path: Path, project: Project) -> str:
    try:
        return str(path.resolve().relative_to(project.root))
    except ValueError:
        return str(path)

"""Progress while rendering: a rich bar on a terminal, plain lines in CI, silence for --json."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

from generators.pipeline.jobs import Job


@contextlib.contextmanager
def progress(total: int, quiet: bool) -> Iterator[Callable[[Job, bool], None]]:
    if quiet or total == 0:
        yield lambda job, ok: None
        return
    if sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with Progress(
            TextColumn("rendering"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            transient=True,
        ) as bar:
            task = bar.add_task("", total=total)

            def advance(job: Job, ok: bool) -> None:
                bar.update(task, advance=1, description=job.path)

            yield advance
        return
    done = 0

    def line(job: Job, ok: bool) -> None:
        nonlocal done
        done += 1
        print(f"[{done}/{total}] {'rendered' if ok else 'FAILED'} {job.path}", file=sys.stderr)

    yield line

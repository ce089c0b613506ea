"""`policydocs build [--force] [--jobs N] [--json]`: regenerate what is outdated, say why."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generators.atomic import remove_stale_temporaries, write_atomic
from generators.build.faults import pause_point
from generators.build.lock import BuildLocked, build_lock
from generators.build.manifest import (
    Manifest,
    OutputRecord,
    file_altered,
    load_manifest,
    save_manifest,
)
from generators.build.progress import progress
from generators.build.runner import Rendered, RenderPool, default_workers, discard
from generators.build.snapshot import source_files, stat_files
from generators.problems import ContentInvalid, Problem
from generators.project import Project

if TYPE_CHECKING:
    from generators.build.jobs import Job
    from generators.build.plan import Decision

# A no-op build stops after comparing file stats; what it would need only for real
# work (pydantic, Jinja, the planner) is imported inside _build_with.

CHANGES_NAME = "CHANGES.md"
EXIT_LOCKED = 75


@dataclass
class BuildResult:
    rebuilt: list[dict[str, object]] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "rebuilt": self.rebuilt,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "seconds": round(self.seconds, 3),
            "notes": self.notes,
        }


def run_build(project: Project, *, force: bool, jobs: int | None, as_json: bool) -> int:
    start = time.perf_counter()
    try:
        with build_lock(project.output):
            result, status = _build(
                project, force=force, workers=jobs or default_workers(), quiet=as_json
            )
    except BuildLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except OSError as exc:
        print(
            f"error: cannot write to {project.output}: {exc.strerror} "
            f"({exc.filename or ''}); output/ is unchanged",
            file=sys.stderr,
        )
        return 1
    if result is None:
        return status
    result.seconds = time.perf_counter() - start
    _report(result, as_json)
    return status


def _build(
    project: Project, *, force: bool, workers: int, quiet: bool
) -> tuple[BuildResult | None, int]:
    output = project.output
    remove_stale_temporaries(output)
    manifest, full_reason = load_manifest(output)
    stats = stat_files(source_files(project), project.root)
    if (
        not force
        and manifest is not None
        and manifest.inputs == stats
        and _intact(manifest, output)
    ):
        return BuildResult(unchanged=len(manifest.outputs)), 0
    with RenderPool(project.root, workers) as pool:
        return _build_with(project, pool, manifest, full_reason, stats, force=force, quiet=quiet)


def _build_with(
    project: Project,
    pool: RenderPool,
    manifest: Manifest | None,
    full_reason: str,
    stats: dict[str, list[int]],
    *,
    force: bool,
    quiet: bool,
) -> tuple[BuildResult | None, int]:
    from generators.build.changes import content_snapshot
    from generators.build.plan import decide, plan_content_jobs
    from generators.build.sources import MissingFonts, SourceIndex, require_harfbuzz_subset
    from generators.build.validation import validate_for_build

    output = project.output

    try:
        corpus, problems = validate_for_build(project)
    except ContentInvalid as exc:
        _print_problems(exc.problems)
        return None, 1
    if any(p.severity == "error" for p in problems):
        _print_problems(problems)
        return None, 1
    warnings = [p for p in problems if p.severity == "warning"]

    index = SourceIndex(project)
    try:
        jobs = plan_content_jobs(corpus, index)
    except MissingFonts as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None, 1
    decisions = decide(jobs, manifest, output, force=force, full_reason=full_reason)
    todo = [d for d in decisions if d.reasons]
    try:
        if any(d.job.kind == "brief" for d in todo):
            require_harfbuzz_subset()
    except MissingFonts as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None, 1

    rendered, failures = _render([d.job for d in todo], pool, quiet)
    if failures:
        discard(rendered)
        return None, 1

    from generators.build.portal_plan import plan_portal

    fresh = {r.path: r for r in rendered}
    outputs_now = {
        job.path: (
            fresh[job.path].sha256
            if job.path in fresh
            else manifest.outputs[job.path].sha256
            if manifest
            else ""
        )
        for job in jobs
    }
    from generators.build.changes import compare
    from generators.build.edition import edition_baseline, edition_marks, snapshot_fingerprints

    edition = corpus.settings.edition.isoformat()
    snapshot = content_snapshot(corpus)
    baseline = edition_baseline(
        edition,
        manifest.edition if manifest else "",
        manifest.edition_baseline if manifest else None,
        manifest.clauses if manifest else None,
    )
    marks = edition_marks(baseline, snapshot)
    writes_log = compare(manifest.clauses if manifest else {}, snapshot).any
    portal_job = plan_portal(
        corpus,
        index,
        outputs_now,
        fresh,
        output,
        marks=marks,
        changes_log=CHANGES_NAME if writes_log or (output / CHANGES_NAME).exists() else None,
    )
    portal_decision = decide([portal_job], manifest, output, force=force, full_reason=full_reason)[
        0
    ]
    if portal_decision.reasons:
        more, failures = _render([portal_job], pool, quiet)
        if failures:
            discard(rendered)
            return None, 1
        rendered += more
        todo.append(portal_decision)
    decisions.append(portal_decision)

    result = BuildResult(
        notes=[f"{len(warnings)} warning(s): run `policydocs check`"] if warnings else []
    )
    pause_point("commit", output)
    new_manifest = Manifest(
        inputs=stats,
        clauses=snapshot,
        edition=edition,
        edition_baseline=baseline if baseline is not None else snapshot_fingerprints(snapshot),
    )
    for item in rendered:
        os.replace(item.temp, output / item.path)
    for decision in decisions:
        path = decision.job.path
        new_manifest.outputs[path] = _record(
            decision.job, output, manifest.outputs.get(path) if manifest else None
        )
        if decision.reasons:
            result.rebuilt.append({"path": path, "reasons": list(decision.reasons)})
        else:
            result.unchanged += 1
    if manifest is not None:
        for path in sorted(set(manifest.outputs) - set(new_manifest.outputs)):
            with contextlib.suppress(FileNotFoundError):
                (output / path).unlink()
            result.removed.append(path)
    _write_changes(output, manifest, new_manifest, todo, edition, result, marks)
    pause_point("manifest", output)
    save_manifest(output, new_manifest)
    return result, 0


def _render(jobs: list[Job], pool: RenderPool, quiet: bool) -> tuple[list[Rendered], list[str]]:
    with progress(len(jobs), quiet) as on_done:
        rendered, failed = pool.render(jobs, on_done)
    messages = [f"{f.path}: {f.message}" for f in failed]
    for message in messages:
        print(f"error: {message}", file=sys.stderr)
    if messages:
        print(
            f"build failed: {len(messages)} output(s) could not be rendered; output/ is unchanged",
            file=sys.stderr,
        )
    return rendered, messages


def _record(job: Job, output: Path, previous: OutputRecord | None) -> OutputRecord:
    from generators.fingerprint import bytes_fingerprint

    path = output / job.path
    stat = os.stat(path)
    if (
        previous is not None
        and previous.size == stat.st_size
        and previous.mtime_ns == stat.st_mtime_ns
        and previous.deps == job.deps
    ):
        return previous
    return OutputRecord(
        kind=job.kind,
        deps=job.deps,
        sha256=bytes_fingerprint(path.read_bytes()),
        size=stat.st_size,
        mtime_ns=stat.st_mtime_ns,
    )


def _intact(manifest: Manifest, output: Path) -> bool:
    return all(not file_altered(output / path, record) for path, record in manifest.outputs.items())


def _write_changes(
    output: Path,
    old: Manifest | None,
    new: Manifest,
    todo: list[Decision],
    edition: str,
    result: BuildResult,
    marks: dict[str, str] | None,
) -> None:
    from generators.build.changes import compare, render_report

    changes = compare(old.clauses if old else {}, new.clauses)
    if not changes.any:
        return
    regenerated: dict[str, list[str]] = {}
    for decision in todo:
        for reason in decision.reasons:
            for clause_id in changes.changed:
                if f"clause {clause_id} " in reason + " ":
                    regenerated.setdefault(clause_id, []).append(decision.job.path)
    report = render_report(
        changes, regenerated, edition, full_rebuild=old is None, edition_marks=marks
    )
    write_atomic(output / CHANGES_NAME, report.encode("utf-8"))
    result.notes.append(
        f"content changes: {len(changes.added)} clause(s) added, {len(changes.removed)} removed, "
        f"{len(changes.changed)} changed, {len(changes.became_stale)} translation(s) became "
        f"stale (see output/{CHANGES_NAME})"
    )


def _print_problems(problems: list[Problem]) -> None:
    errors = [p for p in problems if p.severity == "error"]
    for problem in errors:
        print(problem, file=sys.stderr)
    print(
        f"build stopped: {len(errors)} error(s) in content or templates; nothing was written "
        "to output/",
        file=sys.stderr,
    )


def _report(result: BuildResult, as_json: bool) -> None:
    if as_json:
        json.dump(result.as_json(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    for item in result.rebuilt:
        reasons = list(item["reasons"])  # type: ignore[call-overload]
        shown = "; ".join(reasons[:3]) + (
            f"; and {len(reasons) - 3} more" if len(reasons) > 3 else ""
        )
        print(f"{item['path']}: {shown}")
    for path in result.removed:
        print(f"{path}: removed (its source is gone)")
    for note in result.notes:
        print(note)
    print(
        f"rebuilt {len(result.rebuilt)}, unchanged {result.unchanged}, "
        f"removed {len(result.removed)} in {result.seconds:.2f} s"
    )

"""`policydocs build [--force] [--jobs N] [--json]`: regenerate what is outdated, say why."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generators.atomic import remove_stale_temporaries, write_atomic
from generators.lock import Lock, ProjectLocked, print_notes, project_lock
from generators.paths import inside
from generators.pipeline.edition import CHANGES_NAME
from generators.pipeline.filestate import FileRecord, settle
from generators.pipeline.inputs import observe_inputs, same_contents
from generators.pipeline.jobs import DEFAULT_JOB_TIMEOUT
from generators.pipeline.manifest import (
    MANIFEST_NAME,
    ForgedManifest,
    Manifest,
    OutputRecord,
    forged_problems,
    load_manifest,
    observe_outputs,
)
from generators.problems import Problem
from generators.project import Project

if TYPE_CHECKING:
    from generators.kinds.contract import OutputFiles
    from generators.pipeline.edition import EditionState
    from generators.pipeline.plan import Decision
    from generators.pipeline.workers import Rendered, RenderPool

# A no-op build stops after comparing file contents; what it would need only for real
# work (pydantic, Jinja, the planner) is imported inside _build_with, and render
# processes start only when there is something to render.

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


@dataclass(frozen=True)
class BuildOptions:
    force: bool = False
    workers: int = 0
    """0: one per core."""
    job_timeout: float = DEFAULT_JOB_TIMEOUT
    quiet: bool = False


def run_build(
    project: Project,
    *,
    force: bool,
    jobs: int | None,
    as_json: bool,
    job_timeout: float = DEFAULT_JOB_TIMEOUT,
) -> int:
    start = time.perf_counter()
    options = BuildOptions(force, jobs or 0, job_timeout, as_json)
    try:
        with project_lock(project.output, "build") as lock:
            print_notes(lock)
            result, status = _build(project, lock, options)
    except ProjectLocked as exc:
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


def _build(project: Project, lock: Lock, options: BuildOptions) -> tuple[BuildResult | None, int]:
    output = project.output
    remove_stale_temporaries(output)
    try:
        manifest, full_reason = load_manifest(output)
    except ForgedManifest:
        for problem in forged_problems(output):
            print(problem, file=sys.stderr)
        print(
            "build stopped: the manifest names files outside output/; nothing was written "
            "or deleted (delete output/manifest.json to rebuild everything)",
            file=sys.stderr,
        )
        return None, 1
    inputs, readable = observe_inputs(project, manifest.inputs if manifest else {})
    current = observe_outputs(manifest, output) if manifest else {}
    if (
        not options.force
        and manifest is not None
        and readable
        and same_contents(inputs, manifest.inputs)
        and all(
            current.get(path) is not None and current[path].sha256 == record.sha256  # type: ignore[union-attr]
            for path, record in manifest.outputs.items()
        )
    ):
        return _unchanged(output, manifest, inputs, current), 0
    from generators.pipeline.workers import RenderPool

    with RenderPool(
        project.root, options.workers, timeout=options.job_timeout, on_start=lock.record_workers
    ) as pool:
        return _build_with(project, pool, manifest, full_reason, inputs, current, options)


def _unchanged(
    output: Path,
    manifest: Manifest,
    inputs: dict[str, FileRecord],
    current: dict[str, FileRecord | None],
) -> BuildResult:
    """Nothing to do. Files whose stat changed but whose contents did not (a touch, a
    checkout) get fresh stat records, so the next build need not read them again."""
    result = BuildResult(unchanged=len(manifest.outputs))
    outputs = {
        path: OutputRecord(record.kind, record.deps, current[path] or record.file)
        for path, record in manifest.outputs.items()
    }
    reread = sum(1 for k, r in inputs.items() if manifest.inputs[k] != r) + sum(
        1 for p, r in outputs.items() if manifest.outputs[p].file != r.file
    )
    if reread:
        manifest.inputs, manifest.outputs = inputs, outputs
        write_atomic(inside(output, MANIFEST_NAME), manifest.to_json())
        result.notes.append(f"{reread} file(s) with a new time stamp re-read: contents unchanged")
    return result


def _build_with(
    project: Project,
    pool: RenderPool,
    manifest: Manifest | None,
    full_reason: str,
    inputs: dict[str, FileRecord],
    current: dict[str, FileRecord | None],
    options: BuildOptions,
) -> tuple[BuildResult | None, int]:
    from generators.checking import check_project
    from generators.content_cache import CACHE_NAME
    from generators.fingerprint import bytes_fingerprint
    from generators.pipeline.cached import open_content_cache
    from generators.pipeline.commit import Commit, CommitFailed
    from generators.pipeline.edition import edition_state
    from generators.pipeline.faults import pause_point
    from generators.pipeline.outputs import NoOutputs, RenderedOutputs
    from generators.pipeline.plan import BadPlan, decide, plan_jobs, since_last_build
    from generators.pipeline.progress import progress
    from generators.pipeline.registry import output_kinds
    from generators.pipeline.sources import MissingFonts, SourceIndex, require_harfbuzz_subset

    output = project.output
    index = SourceIndex(project)
    cache = open_content_cache(output, index, manifest, force=options.force)
    checked = check_project(project, strict=False, cache=cache)
    if checked.errors or checked.corpus is None:
        _print_problems(checked.problems)
        return None, 1
    corpus, warnings = checked.corpus, checked.warnings
    state = edition_state(corpus, manifest, output)
    kinds = output_kinds()
    since = since_last_build(manifest, inputs, current=current, force=options.force)
    embedding = {kind.name for kind in kinds if kind.embeds_fonts}
    decisions: list[Decision] = []
    # Two stages: the outputs made from content, then those that read other outputs
    # (planned from what the first stage rendered, or the last build left). Within a
    # stage the heaviest kinds are planned first, and each outdated output goes to a
    # render process as soon as it is planned (the first one starts the processes).
    with progress(options.quiet) as tracker:
        for reads_outputs in (False, True):
            stage = sorted(
                (kind for kind in kinds if kind.reads_outputs == reads_outputs),
                key=lambda kind: -kind.weight,
            )
            if reads_outputs:
                fresh = {r.path: r for r in pool.rendered}
                shas = {
                    d.job.path: fresh[d.job.path].sha256
                    if d.job.path in fresh
                    else manifest.outputs[d.job.path].sha256
                    if manifest
                    else ""
                    for d in decisions
                }
                outputs: OutputFiles = RenderedOutputs(
                    output, shas, fresh, marks=state.marks, changes_log=state.changes_log
                )
            else:
                outputs = NoOutputs()
            try:
                for job in plan_jobs(stage, corpus, index, outputs, since):
                    [decision] = decide(
                        [job], manifest, current, force=options.force, full_reason=full_reason
                    )
                    decisions.append(decision)
                    if decision.reasons:
                        if job.kind in embedding:
                            require_harfbuzz_subset()
                        tracker.expect()
                        pool.submit([job])
            except (MissingFonts, BadPlan) as exc:
                print(f"error: {exc}", file=sys.stderr)
                pool.close()
                _discard(pool.rendered)
                return None, 1
            pool.finish(tracker.finished)
            if pool.failed:
                _report_failures(pool)
                return None, 1
    pool.close()

    result = BuildResult(
        notes=[f"{len(warnings)} warning(s): run `policydocs check`"] if warnings else []
    )
    if since is not None:
        made = sum(1 for d in decisions if d.job.kept is None)
        result.notes.append(
            f"read {len(corpus.policies) - cache.hits} of {len(corpus.policies)} policy "
            f"file(s) again and made {made} of {len(decisions)} output view(s) again; the "
            "rest is as the last build found it"
        )
    rendered = {r.path: r for r in pool.rendered}
    commit = Commit(output)
    for path in sorted(rendered):
        commit.replace(path, Path(rendered[path].temp))
    kept = {d.job.path for d in decisions}
    for path in sorted(set(manifest.outputs) - kept if manifest else ()):
        commit.remove(path)
    report = _changes_report(manifest, state, decisions, result)
    if report is not None:
        commit.write(CHANGES_NAME, report)
    cached = cache.to_json()
    commit.write(CACHE_NAME, cached)

    def new_manifest() -> bytes:
        made = Manifest(
            inputs=inputs,
            clauses=state.snapshot,
            edition=state.edition,
            edition_baseline=state.baseline_to_keep(),
            content_cache=bytes_fingerprint(cached),
        )
        for decision in decisions:
            job = decision.job
            if job.path in rendered:
                file = settle(inside(output, job.path), FileRecord(rendered[job.path].sha256))
            else:
                file = current.get(job.path) or FileRecord("")
            deps = (
                job.kept
                if job.kept is not None
                else {part.encode(): fingerprint for part, fingerprint in job.deps.items()}
            )
            made.outputs[job.path] = OutputRecord(job.kind, deps, file)
        return made.to_json()

    commit.finally_write(MANIFEST_NAME, new_manifest)
    pause_point("commit", output)
    try:
        result.removed = commit.apply()
    except CommitFailed as exc:
        print(f"error: build failed while committing: {exc}", file=sys.stderr)
        return None, 1
    for decision in decisions:
        if decision.reasons:
            result.rebuilt.append(
                {"path": decision.job.path, "reasons": [str(r) for r in decision.reasons]}
            )
        else:
            result.unchanged += 1
    return result, 0


def _report_failures(pool: RenderPool) -> None:
    """Say what could not be rendered; discard every temporary."""
    pool.close()
    for failure in pool.failed:
        print(f"error: {failure.path}: {failure.message}", file=sys.stderr)
    if pool.abandoned:
        print(
            f"stopped {len(pool.abandoned)} other render job(s) that had not finished",
            file=sys.stderr,
        )
    _discard(pool.rendered)
    print(
        f"build failed: {len(pool.failed)} output(s) could not be rendered; output/ is unchanged",
        file=sys.stderr,
    )


def _discard(rendered: list[Rendered]) -> None:
    for item in rendered:
        try:
            Path(item.temp).unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            print(f"could not remove {item.temp}: {exc.strerror}", file=sys.stderr)


def _changes_report(
    old: Manifest | None,
    state: EditionState,
    decisions: list[Decision],
    result: BuildResult,
) -> bytes | None:
    from generators.deps import ClausePart
    from generators.pipeline.changes import compare, render_report
    from generators.pipeline.reasons import PartChanged

    changes = compare(old.clauses if old else {}, state.snapshot)
    if not changes.any:
        return None
    regenerated: dict[str, list[str]] = {}
    for decision in decisions:
        clauses = {
            reason.part.qualified_id
            for reason in decision.reasons
            if isinstance(reason, PartChanged) and isinstance(reason.part, ClausePart)
        }
        for clause_id in sorted(clauses & set(changes.changed)):
            regenerated.setdefault(clause_id, []).append(decision.job.path)
    report = render_report(
        changes, regenerated, state.edition, full_rebuild=old is None, edition_marks=state.marks
    )
    result.notes.append(
        f"content changes: {len(changes.added)} clause(s) added, {len(changes.removed)} removed, "
        f"{len(changes.changed)} changed, {len(changes.became_stale)} translation(s) became "
        f"stale (see output/{CHANGES_NAME})"
    )
    return report.encode("utf-8")


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

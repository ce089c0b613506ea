"""`policydocs import FILE|FOLDER... [--json] [--write] [--id ID] [--force]`."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from generators.importer.listing import Duplicate, merge_sources
from generators.importer.read import ImportProblem, SourceRead, read_file
from generators.importer.records import policy_json
from generators.importer.structure import ImportedPolicy
from generators.importer.write import WriteRefused, write_policies
from generators.lock import ProjectLocked, project_lock
from generators.project import Project

EXIT_LOCKED = 75
SOURCE_SUFFIXES = frozenset({".txt", ".text", ".htm", ".html", ".shtml", ".pdf", ".docx", ".doc"})


def run_import(
    project: Project,
    sources: list[Path],
    *,
    as_json: bool,
    write: bool,
    policy_id: str | None,
    force: bool = False,
) -> int:
    files, skipped = expand_sources(sources)
    reads = [read_file(path) for path in files]
    merged = merge_sources(reads)
    problems = [p for read in reads for p in read.problems] + skipped
    for problem in problems:
        where = f"{problem.file}:{problem.line}" if problem.line else problem.file
        print(f"{where}: {problem.severity}: {problem.message}", file=sys.stderr)
    for duplicate in merged.duplicates:
        print(f"{duplicate.message()}", file=sys.stderr)
    errors = [p for p in problems if p.severity == "error"]
    if as_json:
        _print_json(reads, merged.policies, merged.duplicates, problems)
    elif not write:
        for policy, _ in merged.policies:
            caps = sum(1 for c in policy.clauses if any(i.max_cny for i in c.incentives))
            print(
                f"{policy.title} ({policy.level or 'level unknown'}): "
                f"{len(policy.clauses)} clauses, {caps} with a money cap"
            )
    if write and merged.policies:
        if policy_id is not None and len(merged.policies) != 1:
            print(
                f"error: --id names one policy, but the sources hold {len(merged.policies)}",
                file=sys.stderr,
            )
            return 1
        status = _write(project, merged.policies, policy_id, force, as_json)
        if status:
            return status
    return 1 if errors or not merged.policies else 0


def expand_sources(sources: list[Path]) -> tuple[list[Path], list[ImportProblem]]:
    """Files as given, and the policy files (by suffix) of each folder, in name order."""
    files: list[Path] = []
    skipped: list[ImportProblem] = []
    for source in sources:
        if source.is_dir():
            for path in sorted(source.rglob("*")):
                if path.name.startswith(".") or path.is_dir():
                    continue
                if path.suffix.lower() in SOURCE_SUFFIXES:
                    files.append(path)
                else:
                    skipped.append(
                        ImportProblem(str(path), None, "skipped: not a policy file type", "warning")
                    )
        else:
            files.append(source)
    seen: set[Path] = set()
    unique = []
    for path in files:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique, skipped


def _write(
    project: Project,
    policies: list[tuple[ImportedPolicy, Path]],
    policy_id: str | None,
    force: bool,
    as_json: bool,
) -> int:
    out = sys.stderr if as_json else sys.stdout
    try:
        # The build's lock: an import never writes content/ under a running build or
        # another import, and says so instead of losing one of the two results.
        with project_lock(project.output, "import --write"):
            written = write_policies(policies, project.content, policy_id, force=force)
    except ProjectLocked as exc:
        print(f"error: {exc}; nothing was imported", file=sys.stderr)
        return EXIT_LOCKED
    except WriteRefused as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 1
    for item in written:
        verb = "created" if item.created else "updated"
        print(
            f"{verb} {item.path.relative_to(project.content.parent)}: "
            f"{len(item.clauses_added)} added, {len(item.clauses_changed)} changed, "
            f"{len(item.clauses_removed)} removed (source {item.source})",
            file=out,
        )
    return 0


def _print_json(
    reads: list[SourceRead],
    policies: list[tuple[ImportedPolicy, Path]],
    duplicates: list[Duplicate],
    problems: list[ImportProblem],
) -> None:
    total: Counter[str] = Counter()
    for read in reads:
        total.update(read.repairs)
    document = {
        "policies": [{**policy_json(p), "file": str(f)} for p, f in policies],
        "problems": [p.as_json() for p in problems],
        "files": [
            {
                "file": read.file,
                "format": read.format,
                "policies": len(read.policies),
                "repairs": dict(sorted(read.repairs.items())),
            }
            for read in reads
        ],
        "repairs": dict(sorted(total.items())),
        "duplicates": [d.as_json() for d in duplicates],
    }
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")

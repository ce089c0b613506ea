"""Read a source file into imported policies: the importer's one entry point."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generators.importer.decode import SourceRefused, decode_source
from generators.importer.segment import split_policies
from generators.importer.structure import ImportedPolicy, NoStructure, build_policy


@dataclass(frozen=True)
class ImportProblem:
    file: str
    line: int | None
    message: str


def read_source(path: Path) -> tuple[list[ImportedPolicy], list[ImportProblem]]:
    """Every policy in the file, and a problem for each part that could not be read."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [ImportProblem(name, None, f"cannot read file: {exc.strerror}")]
    try:
        text = decode_source(data)
    except SourceRefused as exc:
        return [], [ImportProblem(name, None, str(exc))]
    raws = split_policies(text)
    policies: list[ImportedPolicy] = []
    problems: list[ImportProblem] = []
    for raw in raws:
        try:
            policy = build_policy(raw)
        except NoStructure as exc:
            label = f"policy {raw.title!r}: " if raw.title else "no recognisable policy: "
            problems.append(ImportProblem(name, raw.line, f"{label}{exc}"))
            continue
        if not raw.title:
            problems.append(
                ImportProblem(
                    name, raw.line, "no policy title found before the first numbered clause"
                )
            )
            continue
        policies.append(policy)
    if not policies and not problems:
        problems.append(ImportProblem(name, None, "no recognisable policy in the file"))
    return policies, problems

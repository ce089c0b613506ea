"""Several sources (saved pages of one search listing, a folder) merged into one corpus.

The same policy reached twice is imported once and reported: the same title on two
pages (kept once), or a re-issued policy (the same title under a new document number or
date: the later issue is kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generators.importer.read import SourceRead
from generators.importer.structure import ImportedPolicy

_YEAR = re.compile(r"[〔\[【(（]\s*(\d{4})\s*[〕\]】)）]\s*(\d+)")


@dataclass(frozen=True)
class Duplicate:
    title: str
    kept: tuple[str, int, str | None]
    """(file, line, document number) of the copy imported."""
    dropped: tuple[str, int, str | None]
    reason: str
    """`same title` (the same text, or not) or `re-issued`."""

    def message(self) -> str:
        kept_file, kept_line, kept_number = self.kept
        file, line, number = self.dropped
        if self.reason == "re-issued":
            return (
                f"{file}:{line}: warning: {self.title!r} was re-issued ({number or 'no number'} "
                f"→ {kept_number or 'no number'}); imported the later issue from "
                f"{kept_file}:{kept_line}"
            )
        return (
            f"{file}:{line}: warning: {self.title!r} ({self.reason}) is also in "
            f"{kept_file}:{kept_line}; imported once, from there"
        )

    def as_json(self) -> dict[str, object]:
        def place(where: tuple[str, int, str | None]) -> dict[str, object]:
            return {"file": where[0], "line": where[1], "doc_number": where[2]}

        return {
            "title": self.title,
            "reason": self.reason,
            "kept": place(self.kept),
            "dropped": place(self.dropped),
        }


@dataclass
class Merged:
    policies: list[tuple[ImportedPolicy, Path]] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)


def merge_sources(reads: list[SourceRead]) -> Merged:
    merged = Merged()
    index: dict[str, int] = {}
    for read in reads:
        for policy in read.policies:
            key = "".join(policy.title.split())
            here = (read.file, policy.line, policy.doc_number)
            if key not in index:
                index[key] = len(merged.policies)
                merged.policies.append((policy, Path(read.file)))
                continue
            position = index[key]
            earlier, earlier_file = merged.policies[position]
            there = (str(earlier_file), earlier.line, earlier.doc_number)
            if _issue(policy) != _issue(earlier) and None not in (_issue(policy), _issue(earlier)):
                if _issue(policy) > _issue(earlier):  # type: ignore[operator]
                    merged.policies[position] = (policy, Path(read.file))
                    merged.duplicates.append(Duplicate(policy.title, here, there, "re-issued"))
                else:
                    merged.duplicates.append(Duplicate(policy.title, there, here, "re-issued"))
                continue
            reason = (
                "same title, same text"
                if _text(policy) == _text(earlier)
                else ("same title, different text")
            )
            merged.duplicates.append(Duplicate(policy.title, there, here, reason))
    return merged


def _issue(policy: ImportedPolicy) -> tuple[str, int] | None:
    """When a policy was issued: its date, else the year and number of its document number."""
    if policy.issued:
        return (policy.issued, 0)
    if policy.doc_number and (m := _YEAR.search(policy.doc_number)):
        return (m.group(1), int(m.group(2)))
    return None


def _text(policy: ImportedPolicy) -> list[tuple[str | None, str]]:
    return [(c.title, c.text) for c in policy.clauses]

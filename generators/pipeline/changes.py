"""What changed in the content since the last build: the change report (output/CHANGES.md)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generators.model import Corpus


def content_snapshot(corpus: Corpus) -> dict[str, dict[str, str]]:
    snapshot: dict[str, dict[str, str]] = {}
    for policy in corpus.policies:
        for clause in policy.clauses:
            parts = [t for t in (clause.title, clause.text) if t is not None]
            zh = "\n".join(t.zh for t in parts)
            english = parts
            statuses = {t.status for t in english}
            status = (
                "missing"
                if "missing" in statuses
                else ("stale" if "stale" in statuses else "current")
            )
            snapshot[policy.qualified(clause)] = {"zh": zh, "en": status}
    return snapshot


@dataclass
class ContentChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, str] = field(default_factory=dict)
    """Clause id to a diff of its Chinese."""
    became_stale: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.became_stale)


def compare(old: dict[str, dict[str, str]], new: dict[str, dict[str, str]]) -> ContentChanges:
    changes = ContentChanges()
    changes.added = [c for c in new if c not in old]
    changes.removed = [c for c in old if c not in new]
    for clause_id in new:
        if clause_id not in old:
            continue
        before, after = old[clause_id], new[clause_id]
        if before.get("zh") != after["zh"]:
            changes.changed[clause_id] = chinese_diff(before.get("zh", ""), after["zh"])
        if before.get("en") == "current" and after["en"] == "stale":
            changes.became_stale.append(clause_id)
    return changes


def chinese_diff(before: str, after: str) -> str:
    """A diff by sentence, so one changed figure shows as one changed sentence."""
    return "\n".join(
        difflib.unified_diff(
            _sentences(before), _sentences(after), "before", "after", lineterm="", n=1
        )
    )


def _sentences(text: str) -> list[str]:
    sentences: list[str] = []
    current = ""
    for char in text:
        current += char
        if char in "。；;！？\n":
            sentences.append(current.strip())
            current = ""
    if current.strip():
        sentences.append(current.strip())
    return sentences


def render_report(
    changes: ContentChanges,
    regenerated: dict[str, list[str]],
    edition: str,
    full_rebuild: bool,
    edition_marks: dict[str, str] | None = None,
) -> str:
    """CHANGES.md: clauses added, removed, changed (with a Chinese diff), stale English,
    and every clause this edition added or changed so far (the portal marks these)."""
    lines = [f"# Content changes (edition {edition})", ""]
    if full_rebuild:
        lines += ["No earlier build to compare with: every clause is listed as added.", ""]
    if edition_marks:
        lines += [
            f"## In this edition so far ({len(edition_marks)})",
            "",
            "Clauses added or changed since the edition began, over all its builds; the "
            "portal marks these measures.",
            "",
        ]
        lines += [f"- {qid} ({mark})" for qid, mark in sorted(edition_marks.items())] + [""]
    for title, items in (("Clauses added", changes.added), ("Clauses removed", changes.removed)):
        if items:
            lines += [f"## {title} ({len(items)})", ""] + [f"- {c}" for c in items] + [""]
    if changes.changed:
        lines += [f"## Clauses changed ({len(changes.changed)})", ""]
        for clause_id, diff in changes.changed.items():
            lines += [f"### {clause_id}", "", "```diff", diff, "```", ""]
            outputs = regenerated.get(clause_id, [])
            if outputs:
                lines += ["Regenerated: " + ", ".join(outputs), ""]
    if changes.became_stale:
        lines += [
            f"## English that became stale ({len(changes.became_stale)})",
            "",
            "The Chinese changed; English outputs show these clauses as translation "
            "pending until a translator confirms them.",
            "",
        ]
        lines += [f"- {c}" for c in changes.became_stale] + [""]
    return "\n".join(lines)

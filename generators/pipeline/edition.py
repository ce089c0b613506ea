"""Which clauses this edition added or changed, from the manifests' clause snapshots.

An edition is the `edition` date of content/settings.yaml. The manifest keeps, besides
the last build's clause snapshot, the fingerprints of every clause's Chinese as they were
when the edition began: the last build of the previous edition, or, when no build of an
earlier edition is known, the first build of this one. A clause whose Chinese differs from
that baseline was changed in this edition; one absent from it was added.
"""

from __future__ import annotations

from generators.fingerprint import text_fingerprint

Snapshot = dict[str, dict[str, str]]


def snapshot_fingerprints(snapshot: Snapshot) -> dict[str, str]:
    return {qid: text_fingerprint(entry.get("zh", "")) for qid, entry in snapshot.items()}


def edition_baseline(
    edition: str,
    previous_edition: str,
    previous_baseline: dict[str, str] | None,
    previous_snapshot: Snapshot | None,
) -> dict[str, str] | None:
    """The clauses as this edition began; None when no earlier build says."""
    if previous_snapshot is None:
        return None
    if previous_edition == edition and previous_baseline is not None:
        return previous_baseline
    return snapshot_fingerprints(previous_snapshot)


def edition_marks(baseline: dict[str, str] | None, snapshot: Snapshot) -> dict[str, str] | None:
    """'new' or 'changed' per clause added or changed since the baseline (None: unknown)."""
    if baseline is None:
        return None
    marks: dict[str, str] = {}
    for qid, fingerprint in snapshot_fingerprints(snapshot).items():
        if qid not in baseline:
            marks[qid] = "new"
        elif baseline[qid] != fingerprint:
            marks[qid] = "changed"
    return marks

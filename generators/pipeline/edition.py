"""Which clauses this edition added or changed, from the manifests' clause snapshots.

An edition is the `edition` date of content/settings.yaml. The manifest keeps, besides
the last build's clause snapshot, the fingerprints of every clause's Chinese as they were
when the edition began: the last build of the previous edition, or, when no build of an
earlier edition is known, the first build of this one. A clause whose Chinese differs from
that baseline was changed in this edition; one absent from it was added.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generators.fingerprint import text_fingerprint

if TYPE_CHECKING:
    from generators.model import Corpus
    from generators.pipeline.manifest import Manifest

Snapshot = dict[str, dict[str, str]]
CHANGES_NAME = "CHANGES.md"
"""The change log in output/, written by a build whose content changed."""


@dataclass(frozen=True)
class EditionState:
    """What a build knows of its edition before rendering: the content as it stands, the
    clauses as the edition began, what changed since, and whether there is a change log."""

    edition: str
    snapshot: Snapshot
    baseline: dict[str, str] | None
    marks: dict[str, str] | None
    changes_log: str | None

    def baseline_to_keep(self) -> dict[str, str]:
        """The baseline the next build's manifest records (this build's, if none yet)."""
        return self.baseline if self.baseline is not None else snapshot_fingerprints(self.snapshot)


def edition_state(corpus: Corpus, manifest: Manifest | None, output: Path) -> EditionState:
    from generators.pipeline.changes import compare, content_snapshot

    edition = corpus.settings.edition.isoformat()
    snapshot = content_snapshot(corpus)
    baseline = edition_baseline(
        edition,
        manifest.edition if manifest else "",
        manifest.edition_baseline if manifest else None,
        manifest.clauses if manifest else None,
    )
    writes_log = compare(manifest.clauses if manifest else {}, snapshot).any
    return EditionState(
        edition,
        snapshot,
        baseline,
        edition_marks(baseline, snapshot),
        CHANGES_NAME if writes_log or (output / CHANGES_NAME).exists() else None,
    )


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

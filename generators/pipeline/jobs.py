"""A job: one output file, the view its kind renders it from, and what it is made from."""

from __future__ import annotations

from dataclasses import dataclass, field

from generators.deps import Part

DEFAULT_JOB_TIMEOUT = 600.0
"""Seconds one output may take to render; the largest brief of the 309-policy corpus takes
under a minute on the benchmark machine."""


@dataclass(frozen=True)
class Job:
    path: str
    """Relative to output/, with forward slashes (briefs/ai.zh.pdf)."""
    kind: str
    """The name of the output kind that plans and renders it."""
    view: object
    """None when the output is kept as the last build made it (`kept`)."""
    deps: dict[Part, str] = field(default_factory=dict)
    """Fingerprint of each part it is made from: content, templates, messages, code, fonts."""
    weight: float = 1.0
    """Relative render cost, so slow jobs start first."""
    kept: dict[str, str] | None = None
    """The manifest's record of its parts, when nothing it is made from changed and the
    planner kept it without making its view (`deps` is then empty)."""

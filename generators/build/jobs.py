"""A job: one output file, what it is made from, and which renderer makes it."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_JOB_TIMEOUT = 600.0
"""Seconds one output may take to render; the largest brief of the 309-policy corpus takes
under a minute on the benchmark machine."""


@dataclass(frozen=True)
class Job:
    path: str
    """Relative to output/, with forward slashes (briefs/ai.zh.pdf)."""
    kind: str
    payload: object
    """The view the renderer receives."""
    deps: dict[str, str] = field(default_factory=dict)
    weight: float = 1.0
    """Relative render cost, so slow jobs start first."""


@dataclass(frozen=True)
class Kind:
    name: str
    renderer: str
    """module:function taking (job, project root) and returning bytes. The module and
    everything it imports within the package make up the kind's code fingerprint."""
    templates: tuple[str, ...]
    langs: tuple[str, ...] | None = None
    """Catalogs the output reads; None means the job's own language."""
    weight: float = 1.0
    needs_fonts: bool = False


KINDS: dict[str, Kind] = {
    "summary": Kind(
        "summary",
        "generators.render.summary:render",
        ("summaries/summary.md.j2",),
        weight=0.2,
    ),
    "summary-card": Kind(
        "summary-card",
        "generators.render.summary_card:render",
        ("summaries/card.html.j2",),
        weight=0.2,
    ),
    "brief": Kind(
        "brief",
        "generators.render.brief:render",
        ("briefs/brief.html.j2",),
        weight=20.0,
        needs_fonts=True,
    ),
    "form": Kind(
        "form",
        "generators.render.form:render",
        ("shared/money.j2", "summaries/parts.j2"),
        langs=("zh", "en"),
        weight=2.0,
    ),
    "policy": Kind(
        "policy",
        "generators.render.policy_page:render",
        ("policies/policy.html.j2",),
        langs=("zh", "en"),
        weight=0.5,
    ),
    "portal": Kind(
        "portal",
        "generators.render.portal:render",
        ("portal/index.html.j2",),
        langs=("zh", "en"),
        weight=1.0,
    ),
}

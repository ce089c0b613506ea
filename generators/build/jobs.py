"""A job: one output file, what it is made from, and which renderer makes it."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    """module:function taking (job, project root) and returning bytes."""
    templates: tuple[str, ...]
    modules: tuple[str, ...]
    """Generator modules whose source is part of the output's fingerprint."""
    langs: tuple[str, ...] | None = None
    """Catalogs the output reads; None means the job's own language."""
    weight: float = 1.0
    needs_fonts: bool = False


_SHARED = (
    "generators.views",
    "generators.views.text",
    "generators.views.measure",
    "generators.views.conditions",
    "generators.views.sector",
    "generators.views.form",
    "generators.views.contact",
    "generators.provisions",
    "generators.i18n.formatting",
    "generators.templating.environment",
    "generators.templating.escape",
)

KINDS: dict[str, Kind] = {
    "summary": Kind(
        "summary",
        "generators.render.summary:render",
        ("summaries/summary.md.j2",),
        ("generators.render.summary", *_SHARED),
        weight=0.2,
    ),
    "summary-card": Kind(
        "summary-card",
        "generators.render.summary_card:render",
        ("summaries/card.html.j2",),
        ("generators.render.summary_card", *_SHARED),
        weight=0.2,
    ),
    "brief": Kind(
        "brief",
        "generators.render.brief:render",
        ("briefs/brief.html.j2",),
        ("generators.render.brief", "generators.render.chart", "generators.render.pdf", *_SHARED),
        weight=20.0,
        needs_fonts=True,
    ),
    "form": Kind(
        "form",
        "generators.render.form:render",
        ("forms/form.yaml.j2",),
        (
            "generators.render.form",
            "generators.render.docx_fields",
            "generators.render.docx_package",
            *_SHARED,
        ),
        langs=("zh", "en"),
        weight=2.0,
    ),
    "policy": Kind(
        "policy",
        "generators.render.policy_page:render",
        ("policies/policy.html.j2",),
        ("generators.render.policy_page", "generators.views.policy_page", *_SHARED),
        langs=("zh", "en"),
        weight=0.5,
    ),
    "portal": Kind(
        "portal",
        "generators.render.portal:render",
        ("portal/index.html.j2",),
        (
            "generators.render.portal",
            "generators.render.finder",
            "generators.render.matcher",
            "generators.views.portal",
            "generators.views.matcher",
            *_SHARED,
        ),
        langs=("zh", "en"),
        weight=1.0,
    ),
}

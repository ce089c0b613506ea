"""Investor brief of a sector, in one language: Jinja HTML to PDF."""

from __future__ import annotations

import hashlib
from pathlib import Path

from generators.build.jobs import Job
from generators.render.chart import caps_chart
from generators.render.pdf import asset_url, html_to_pdf
from generators.templating.environment import cached_environment
from generators.views import SectorView


def render(job: Job, root: Path) -> bytes:
    view = job.payload
    assert isinstance(view, SectorView)
    html = brief_html(view, root)
    identifier = hashlib.sha256(job.path.encode("utf-8")).hexdigest()[:32].encode("ascii")
    return html_to_pdf(html, root / "templates", identifier)


def brief_html(view: SectorView, root: Path) -> str:
    env = cached_environment(root, view.lang)
    templates = root / "templates"
    return env.get_template("briefs/brief.html.j2").render(
        view=view, caps_chart=caps_chart, asset=lambda name: asset_url(templates, name)
    )

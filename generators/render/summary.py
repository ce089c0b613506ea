"""Markdown summary of a sector's measures, in one language."""

from __future__ import annotations

from pathlib import Path

from generators.build.jobs import Job
from generators.templating.environment import cached_environment
from generators.views import SectorView


def render(job: Job, root: Path) -> bytes:
    view = job.payload
    assert isinstance(view, SectorView)
    env = cached_environment(root, view.lang)
    text = env.get_template("summaries/summary.md.j2").render(view=view)
    return text.encode("utf-8")

"""A sector's summary to paste into WeChat or an email: inline styles, one card per measure."""

from __future__ import annotations

from pathlib import Path

from generators.build.jobs import Job
from generators.templating.environment import cached_environment
from generators.views import SectorView


def render(job: Job, root: Path) -> bytes:
    view = job.payload
    assert isinstance(view, SectorView)
    env = cached_environment(root, view.lang)
    return env.get_template("summaries/card.html.j2").render(view=view).encode("utf-8")

"""A policy in full as one bilingual HTML page, working offline."""

from __future__ import annotations

from pathlib import Path

from generators.build.jobs import Job
from generators.templating.environment import cached_environment
from generators.views.policy_page import PolicyPageView


def render(job: Job, root: Path) -> bytes:
    view = job.payload
    assert isinstance(view, PolicyPageView)
    env = cached_environment(root, "zh")
    return env.get_template("policies/policy.html.j2").render(view=view).encode("utf-8")

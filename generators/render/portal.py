"""The download portal: one self-contained HTML page, working offline.

Its finder and matcher run in the page's own script over data built here at build time
(render/finder.py, render/matcher.py); nothing is fetched.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generators.build.jobs import Job
from generators.render.finder import finder_index
from generators.render.matcher import matcher_data
from generators.templating.environment import cached_environment
from generators.views.measure import IncentiveView
from generators.views.portal import PortalView

CAP_STEPS = (100_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 50_000_000)
KINDS = ("award", "subsidy", "grant", "reimbursement", "other")


def script_json(data: Any) -> Markup:
    """JSON safe inside <script type="application/json">: no '<', '>' or '&' can end the
    element or start markup, whatever a clause says."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return Markup(text)


def plurals(words: list[str]) -> list[str]:
    """English names with their plural, as people search (awards, subsidies)."""
    found = list(words)
    for word in words:
        if word.isascii() and " " not in word:
            found.append(word[:-1] + "ies" if word.endswith("y") else word + "s")
    return found


def render(job: Job, root: Path) -> bytes:
    view = job.payload
    assert isinstance(view, PortalView)
    env = cached_environment(root, "zh")
    money = env.get_template("shared/money.j2").module

    def amount(incentive: IncentiveView, lang: str) -> str:
        return str(money.amount(incentive, lang))  # type: ignore[attr-defined]

    kind_words = {
        kind: plurals([str(money.kind({"kind": kind}, lang)) for lang in ("zh", "en")])  # type: ignore[attr-defined]
        for kind in KINDS
    }
    html = env.get_template("portal/index.html.j2").render(
        view=view,
        cap_steps=CAP_STEPS,
        finder=script_json(finder_index(view, kind_words)),
        matcher=script_json(matcher_data(view, amount)),
    )
    return html.encode("utf-8")

"""The download portal: one self-contained HTML page, working offline, listing every
brief, summary, form and policy page with its size. It reads those outputs, so the
pipeline plans it after they are rendered.

Its finder and matcher run in the page's own script over data built here at build time
(render/finder.py, render/matcher.py); nothing is fetched.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generators.deps import Deps
from generators.kinds.contract import OutputFiles, OutputKind, Planned
from generators.model import Corpus
from generators.project import LANGS
from generators.render.finder import finder_index
from generators.render.matcher import matcher_data
from generators.templating.environment import cached_environment
from generators.views.measure import IncentiveView
from generators.views.portal import FileLink, PortalView, portal_view

CAP_STEPS = (100_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 50_000_000)
KINDS = ("award", "subsidy", "grant", "reimbursement", "other")


class Portal(OutputKind[PortalView]):
    name = "portal"
    templates = ("portal/index.html.j2",)
    reads_outputs = True

    def plan(self, corpus: Corpus, outputs: OutputFiles) -> Iterator[Planned[PortalView]]:
        def make(deps: Deps) -> PortalView:
            def link(path: str) -> FileLink:
                return FileLink(path, outputs.size(path, deps))

            return portal_view(
                corpus, deps, link, marks=outputs.marks, changes_log=outputs.changes_log
            )

        yield Planned("index.html", make, LANGS)

    def render(self, view: PortalView, root: Path) -> bytes:
        env = cached_environment(root, "zh")
        money = env.get_template("shared/money.j2").module

        def amount(incentive: IncentiveView, lang: str) -> str:
            return str(money.amount(incentive, lang))  # type: ignore[attr-defined]

        kind_words = {
            kind: plurals([str(money.kind({"kind": kind}, lang)) for lang in LANGS])  # type: ignore[attr-defined]
            for kind in KINDS
        }
        html = env.get_template(self.templates[0]).render(
            view=view,
            cap_steps=CAP_STEPS,
            finder=script_json(finder_index(view, kind_words)),
            matcher=script_json(matcher_data(view, amount)),
        )
        return html.encode("utf-8")


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


KIND = Portal()

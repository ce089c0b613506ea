"""The download portal: one self-contained HTML page, working offline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markdown_it import MarkdownIt
from markupsafe import Markup

from generators.build.jobs import Job
from generators.i18n.formatting import format_day
from generators.templating.environment import cached_environment
from generators.views import PortalView

CAP_STEPS = (100_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 50_000_000)


def summary_html(markdown: str) -> Markup:
    """A summary rendered for the portal: raw HTML stays text, links point from the root."""
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = parser.parse(markdown)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            # The portal has its own h1-h3; a summary inside it starts at h4.
            token.tag = f"h{min(6, int(token.tag[1]) + 3)}"
        for child in token.children or ():
            href = child.attrGet("href")
            if isinstance(href, str) and href.startswith("../"):
                child.attrSet("href", href[3:])
    # markdown-it escapes every text token; with html off no raw HTML survives.
    return Markup(parser.renderer.render(tokens, parser.options, {}))


def render(job: Job, root: Path) -> bytes:
    view = job.payload
    assert isinstance(view, PortalView)
    env = cached_environment(root, "zh")
    edition = dt.date.fromisoformat(view.edition)
    summaries = {
        s.key: {lang: summary_html(md) for lang, md in s.summary_markdown.items()}
        for s in view.sectors
    }
    html = env.get_template("portal/index.html.j2").render(
        view=view,
        summaries=summaries,
        cap_steps=CAP_STEPS,
        edition={"zh": format_day(edition, "zh"), "en": format_day(edition, "en")},
    )
    return html.encode("utf-8")

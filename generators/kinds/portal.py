"""The download portal: one self-contained HTML page, working offline, listing every
brief, summary, form and policy page with its size. It reads those outputs, so the
pipeline plans it after they are rendered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from markdown_it import MarkdownIt
from markupsafe import Markup

from generators.deps import Deps, PolicyPart, SettingsPart
from generators.i18n.formatting import format_day
from generators.kinds.contract import OutputFiles, OutputKind, Planned
from generators.model import Corpus
from generators.project import LANGS
from generators.templating.environment import cached_environment
from generators.views import (
    FileLink,
    PortalSector,
    PortalView,
    measure_view,
    sector_view,
    text_of,
)
from generators.views.measure import page_path

CAP_STEPS = (100_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 50_000_000)


class Portal(OutputKind[PortalView]):
    name = "portal"
    templates = ("portal/index.html.j2",)
    reads_outputs = True

    def plan(self, corpus: Corpus, outputs: OutputFiles) -> Iterator[Planned[PortalView]]:
        deps = Deps()

        def link(path: str) -> FileLink:
            return FileLink(path, outputs.size(path, deps))

        sectors: list[PortalSector] = []
        for key in corpus.sectors:
            views = {lang: sector_view(corpus, key, lang, deps, bodies=False) for lang in LANGS}
            summaries = {lang: link(f"summaries/{key}.{lang}.md") for lang in LANGS}
            sectors.append(
                PortalSector(
                    key=key,
                    views=views,
                    briefs={lang: link(f"briefs/{key}.{lang}.pdf") for lang in LANGS},
                    summaries=summaries,
                    summary_markdown={
                        lang: outputs.text(summaries[lang].path, deps) for lang in LANGS
                    },
                )
            )
        measures = []
        for policy in corpus.policies:
            for clause in policy.clauses:
                if clause.money_bearing:
                    pair = {
                        lang: measure_view(corpus, policy, clause, lang, deps, details=True)
                        for lang in LANGS
                    }
                    measures.append((pair["zh"], pair["en"], link(pair["zh"].form_path or "")))
        pages = tuple(
            (
                text_of(policy.title, "zh", deps, PolicyPart(policy.id)),
                text_of(policy.title, "en", deps, PolicyPart(policy.id)),
                link(page_path(policy)),
            )
            for policy in corpus.policies
        )
        view = PortalView(
            edition=corpus.settings.edition.isoformat(),
            sectors=tuple(sectors),
            measures=tuple(measures),
            policies=pages,
        )
        deps.add(SettingsPart(), corpus.settings.model_dump(mode="json"))
        yield Planned("index.html", view, deps, LANGS)

    def render(self, view: PortalView, root: Path) -> bytes:
        env = cached_environment(root, "zh")
        edition = dt.date.fromisoformat(view.edition)
        summaries = {
            s.key: {lang: summary_html(md) for lang, md in s.summary_markdown.items()}
            for s in view.sectors
        }
        html = env.get_template(self.templates[0]).render(
            view=view,
            summaries=summaries,
            cap_steps=CAP_STEPS,
            edition={"zh": format_day(edition, "zh"), "en": format_day(edition, "en")},
        )
        return html.encode("utf-8")


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


KIND = Portal()

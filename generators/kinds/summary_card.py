"""A sector's summary to paste into WeChat or an email: one HTML page per sector and
language, inline styles, one card per measure, absolute links when base_url is set."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from generators.deps import Deps
from generators.kinds.contract import OutputFiles, OutputKind, Planned
from generators.model import Corpus
from generators.project import LANGS
from generators.templating.environment import cached_environment
from generators.views import SectorView, sector_view


class SummaryCard(OutputKind[SectorView]):
    name = "summary-card"
    templates = ("summaries/card.html.j2",)
    weight = 0.2

    def plan(self, corpus: Corpus, outputs: OutputFiles) -> Iterator[Planned[SectorView]]:
        for sector in corpus.sectors:
            for lang in LANGS:
                deps = Deps()
                view = sector_view(corpus, sector, lang, deps, bodies=False)
                yield Planned(f"summaries/{sector}.{lang}.html", view, deps, (lang,))

    def render(self, view: SectorView, root: Path) -> bytes:
        env = cached_environment(root, view.lang)
        return env.get_template(self.templates[0]).render(view=view).encode("utf-8")


KIND = SummaryCard()

"""Markdown summary of a sector's measures, one per sector and language."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

from generators.kinds.contract import OutputFiles, OutputKind, Planned
from generators.model import Corpus
from generators.project import LANGS
from generators.templating.environment import cached_environment
from generators.views import SectorView, sector_view
from generators.views.sector import sector_policies


class Summary(OutputKind[SectorView]):
    name = "summary"
    templates = ("summaries/summary.md.j2",)
    weight = 0.2
    suffix = "md"
    """summaries/<sector>.<lang>.<suffix>"""

    def plan(self, corpus: Corpus, outputs: OutputFiles) -> Iterator[Planned[SectorView]]:
        for sector in corpus.sectors:
            reads = sector_policies(corpus, sector)
            for lang in LANGS:
                make = partial(sector_view, corpus, sector, lang, bodies=False)
                yield Planned(
                    f"summaries/{sector}.{lang}.{self.suffix}",
                    make,
                    (lang,),
                    reads,
                    same_view_as=("summary", sector, lang),
                )

    def render(self, view: SectorView, root: Path) -> bytes:
        env = cached_environment(root, view.lang)
        return env.get_template(self.templates[0]).render(view=view).encode("utf-8")


KIND = Summary()

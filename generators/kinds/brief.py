"""Investor brief of a sector, one per sector and language: Jinja HTML to a tagged PDF."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from generators.kinds.contract import OutputFiles, OutputKind, Planned
from generators.model import Corpus
from generators.project import LANGS
from generators.render.chart import caps_chart
from generators.templating.environment import cached_environment
from generators.views import SectorView, sector_view
from generators.views.sector import sector_policies


class Brief(OutputKind[SectorView]):
    name = "brief"
    templates = ("briefs/brief.html.j2",)
    weight = 20.0
    embeds_fonts = True

    def plan(self, corpus: Corpus, outputs: OutputFiles) -> Iterator[Planned[SectorView]]:
        for sector in corpus.sectors:
            reads = sector_policies(corpus, sector)
            for lang in LANGS:
                make = partial(sector_view, corpus, sector, lang, bodies=True, every_measure=False)
                yield Planned(brief_path(sector, lang), make, (lang,), reads)

    def render(self, view: SectorView, root: Path) -> bytes:
        from generators.render.pdf import html_to_pdf  # WeasyPrint: in render processes only

        path = brief_path(view.key, view.lang)
        identifier = hashlib.sha256(path.encode("utf-8")).hexdigest()[:32]
        return html_to_pdf(brief_html(view, root), root / "templates", identifier.encode())


def brief_path(sector: str, lang: str) -> str:
    return f"briefs/{sector}.{lang}.pdf"


def brief_html(view: SectorView, root: Path) -> str:
    """The brief as HTML, before WeasyPrint lays it out; a template names its own files
    (an image, a font) with asset('briefs/logo.png')."""
    from generators.render.pdf import asset_url

    env = cached_environment(root, view.lang)
    templates = root / "templates"
    return env.get_template(Brief.templates[0]).render(
        view=view, caps_chart=caps_chart, asset=lambda name: asset_url(templates, name)
    )


KIND = Brief()

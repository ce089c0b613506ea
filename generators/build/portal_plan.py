"""The portal is planned after the other outputs: it lists their files and sizes."""

from __future__ import annotations

import os
from pathlib import Path

from generators.build.jobs import Job
from generators.build.plan import make_job
from generators.build.runner import Rendered
from generators.build.sources import SourceIndex
from generators.deps import Deps
from generators.model import Corpus
from generators.project import LANGS
from generators.views import (
    FileLink,
    PortalSector,
    PortalView,
    measure_view,
    sector_view,
    text_of,
)
from generators.views.measure import page_path


def plan_portal(
    corpus: Corpus,
    index: SourceIndex,
    shas: dict[str, str],
    fresh: dict[str, Rendered],
    output: Path,
) -> Job:
    deps = Deps()

    def link(path: str) -> FileLink:
        deps.add(f"output:{path}", shas.get(path, ""))
        if path in fresh:
            return FileLink(path, fresh[path].size)
        return FileLink(path, os.stat(output / path).st_size)

    def markdown(path: str) -> str:
        source = Path(fresh[path].temp) if path in fresh else output / path
        return source.read_text(encoding="utf-8")

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
                summary_markdown={lang: markdown(summaries[lang].path) for lang in LANGS},
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
            text_of(policy.title, "zh", deps, f"policy:{policy.id}"),
            text_of(policy.title, "en", deps, f"policy:{policy.id}"),
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
    deps.add("settings", corpus.settings.model_dump(mode="json"))
    return make_job("portal", "index.html", view, deps, None, index)

"""A policy in full, as its own bilingual page: every division, paragraph and clause."""

from __future__ import annotations

from dataclasses import dataclass

from generators.deps import Deps, DivisionPart, PolicyPart, SectorPart
from generators.i18n.formatting import format_day
from generators.model import Corpus, Division, Policy
from generators.project import LANGS
from generators.views.conditions import (
    PolicyConditions,
    division_anchor,
    division_label,
    policy_conditions,
)
from generators.views.measure import MeasureView, measure_view, page_path
from generators.views.text import Text, level_text, maybe_text, record_settings, text_of


@dataclass(frozen=True)
class PageDivision:
    key: str
    anchor: str
    label: str
    """How people cite it: 第四章, 三（一）, 专栏4; Chapter 4, Box 4."""
    heading: Text | None
    intro: tuple[Text, ...]
    clauses: tuple[MeasureView, ...]
    children: tuple[PageDivision, ...]
    notes: tuple[Text, ...]
    depth: int


@dataclass(frozen=True)
class PolicyDocument:
    """The whole policy in one language."""

    lang: str
    title: Text
    level: str
    issuer: Text | None
    issued: str
    doc_number: str | None
    preamble: tuple[Text, ...]
    clauses: tuple[MeasureView, ...]
    """Clauses outside any division, in reading order."""
    divisions: tuple[PageDivision, ...]
    notes: tuple[Text, ...]
    conditions: PolicyConditions
    sectors: tuple[Text, ...]


@dataclass(frozen=True)
class PolicyPageView:
    policy_id: str
    path: str
    edition: str
    edition_dates: dict[str, str]
    source: str | None
    documents: dict[str, PolicyDocument]


def policy_page_view(corpus: Corpus, policy: Policy, deps: Deps) -> PolicyPageView:
    record_settings(corpus, deps)
    deps.add(
        PolicyPart(policy.id, "zh"),
        [policy.level, policy.doc_number, policy.source, policy.sectors],
    )
    documents = {lang: _document(corpus, policy, lang, deps) for lang in LANGS}
    return PolicyPageView(
        policy_id=policy.id,
        path=page_path(policy),
        edition=corpus.settings.edition.isoformat(),
        edition_dates={lang: format_day(corpus.settings.edition, lang) for lang in LANGS},
        source=policy.source,
        documents=documents,
    )


def _document(corpus: Corpus, policy: Policy, lang: str, deps: Deps) -> PolicyDocument:
    key = PolicyPart(policy.id)
    clauses = {
        clause.id: measure_view(corpus, policy, clause, lang, deps, details=True, body=True)
        for clause in policy.clauses
    }

    def build(division: Division, depth: int) -> PageDivision:
        dkey = DivisionPart.of(policy.id, division.key)
        deps.add(dkey.in_lang("zh"), [division.kind, division.number, division.parent])
        return PageDivision(
            key=division.key,
            anchor=division_anchor(division),
            label=division_label(policy, division, lang),
            heading=maybe_text(division.heading, lang, deps, dkey),
            intro=tuple(text_of(p, lang, deps, dkey) for p in division.intro),
            clauses=tuple(clauses[c.id] for c in policy.clauses if c.division == division.key),
            children=tuple(
                build(child, depth + 1)
                for child in policy.divisions
                if child.parent == division.key
            ),
            notes=tuple(text_of(p, lang, deps, dkey) for p in division.notes),
            depth=depth,
        )

    known = {d.key for d in policy.divisions}
    return PolicyDocument(
        lang=lang,
        title=text_of(policy.title, lang, deps, key),
        level=level_text(corpus, policy.level, lang, deps),
        issuer=maybe_text(policy.issuer, lang, deps, key),
        issued=format_day(policy.issued, lang) if policy.issued else "",
        doc_number=policy.doc_number,
        preamble=tuple(text_of(p, lang, deps, key) for p in policy.preamble),
        clauses=tuple(
            clauses[c.id] for c in policy.clauses if c.division is None or c.division not in known
        ),
        divisions=tuple(build(d, 0) for d in policy.divisions if d.parent is None),
        notes=tuple(text_of(p, lang, deps, key) for p in policy.notes),
        conditions=policy_conditions(policy, lang, deps),
        sectors=tuple(
            _sector_name(corpus, s, lang, deps) for s in policy.sectors if s in corpus.sectors
        ),
    )


def _sector_name(corpus: Corpus, key: str, lang: str, deps: Deps) -> Text:
    sector = corpus.sectors[key]
    name = sector.zh if lang == "zh" else sector.en
    deps.add(SectorPart(key), name)
    return Text(name, lang)

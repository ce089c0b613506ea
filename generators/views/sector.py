"""Everything a sector's brief, summary or portal section shows, in one language."""

from __future__ import annotations

from dataclasses import dataclass, field

from generators.deps import ContactPart, Deps, PolicyPart, SectorPart
from generators.i18n.formatting import format_day
from generators.model import Clause, Corpus, Policy
from generators.views.conditions import PolicyConditions, policy_conditions
from generators.views.contact import ContactView, contact_view
from generators.views.measure import IncentiveView, MeasureView, division_path, measure_view
from generators.views.text import (
    Links,
    Text,
    department_text,
    level_text,
    links_of,
    maybe_text,
    text_of,
)

TOP_AMOUNTS = 5
FULL_TEXT_LIMIT = 40
"""A brief holds the full text of every money-bearing measure while a sector has at most
this many; beyond, it is compact: the FEATURED largest in full, every one in the table."""
FEATURED = 10
OVERVIEW_AMOUNTS = 3


@dataclass(frozen=True)
class PolicyView:
    id: str
    title: Text
    level: str
    doc_number: str | None
    measures: tuple[MeasureView, ...]
    groups: tuple[tuple[tuple[Text, ...], tuple[MeasureView, ...]], ...] = ()
    """Measures grouped by their chapter and section headings, in reading order."""
    page_path: str = ""
    issuer: Text | None = None
    contact: ContactView | None = None


@dataclass(frozen=True)
class SectorOverview:
    """What is on offer, in figures the content states: for a three-line overview."""

    measures: int
    funded: int
    policies: int
    largest: tuple[tuple[MeasureView, IncentiveView], ...]
    """The incentives stating the largest amounts, largest first, with their measures."""
    kinds: tuple[tuple[str, int], ...]
    """How many incentives of each kind (award, subsidy, …), most first."""


@dataclass(frozen=True)
class ConditionGroup:
    """One provision's words, and every policy stating them (boilerplate repeats)."""

    kinds: tuple[str, ...]
    text: Text
    places: tuple[tuple[str, str, str], ...]
    """(policy reference P1, where in it, link to it) for each policy stating the words."""


@dataclass(frozen=True)
class SectorView:
    key: str
    lang: str
    name: Text
    other_name: str
    policies: tuple[PolicyView, ...]
    measures: tuple[MeasureView, ...]
    money_measures: tuple[MeasureView, ...]
    top_amounts: tuple[MeasureView, ...]
    """The measures stating the largest amounts, largest first."""
    departments: tuple[Text, ...]
    conditions: tuple[PolicyConditions, ...]
    """Per source policy that has any: the provisions governing all its measures."""
    edition: str
    edition_date: str
    translation_pending: int = 0
    policy_refs: dict[str, str] = field(default_factory=dict)
    """Short references (P1, P2, …) of the source policies, by policy id, for tables."""
    condition_groups: tuple[ConditionGroup, ...] = ()
    """The same conditions with identical words gathered, for a compact brief."""
    measure_count: int = 0
    """Clauses serving the sector, money-bearing or not."""
    policy_count: int = 0
    """Policies serving the sector, money-bearing or not."""
    compact: bool = False
    """Too many money-bearing measures for their full text: the featured ones only."""
    featured: tuple[MeasureView, ...] = ()
    """The measures given in full, in reading order."""
    overview: SectorOverview | None = None
    links: Links = field(default_factory=lambda: Links(None, 1))
    """How the output links to the others (relative, or absolute when base_url is set)."""
    contact: ContactView | None = None
    """Where and how to apply for the sector's measures, when the content says."""

    @property
    def cites_policies(self) -> bool:
        """Whether measures with money come from several policies, so rows cite P1, P2…"""
        return len({m.policy_id for m in self.money_measures}) > 1


def sector_view(
    corpus: Corpus,
    sector_key: str,
    lang: str,
    deps: Deps,
    *,
    bodies: bool,
    every_measure: bool = True,
) -> SectorView:
    """Everything a brief, summary or portal section shows for a sector in one language.

    Money-bearing measures come with their figures and units; `bodies` adds the text of
    those given in full (all of them, or the featured ones when the sector is large).
    Without `every_measure` the clauses that grant nothing are only counted, so an output
    that shows money alone neither grows nor changes with them.
    """
    sector = corpus.sectors[sector_key]
    money_clauses = [
        (p, c)
        for p in corpus.policies
        for c in p.clauses
        if c.money_bearing and sector_key in p.clause_sectors(c)
    ]
    compact = len(money_clauses) > FULL_TEXT_LIMIT
    in_full = {
        p.qualified(c)
        for p, c in (
            sorted(money_clauses, key=lambda pc: (-(pc[1].max_cny or 0), pc[0].qualified(pc[1])))[
                :FEATURED
            ]
            if compact
            else money_clauses
        )
    }
    deps.add(SectorPart(sector_key), [compact, sorted(in_full) if compact else None])
    measure_count = 0
    policy_count = 0
    # Synonyms serve the portal's finder only; summaries and briefs do not show them.
    deps.add(SectorPart(sector_key), sector.model_dump(exclude={"synonyms"}))
    links = links_of(corpus, deps, depth=1)
    policies: list[PolicyView] = []
    measures: list[MeasureView] = []
    all_departments: dict[str, Text] = {}
    conditions: list[PolicyConditions] = []
    for policy in own_policies_first(corpus, sector_key):
        serving = [c for c in policy.clauses if sector_key in policy.clause_sectors(c)]
        measure_count += len(serving)
        policy_count += bool(serving)
        if not every_measure:
            serving = [c for c in serving if c.money_bearing]
        if not serving:
            continue
        views = tuple(
            measure_view(
                corpus,
                policy,
                c,
                lang,
                deps,
                details=c.money_bearing,
                body=bodies and policy.qualified(c) in in_full,
            )
            for c in serving
        )
        for clause in serving:
            for name in clause.departments if clause.money_bearing else ():
                all_departments.setdefault(name, department_text(corpus, name, lang, deps))
        groups = _groups(policy, serving, views, lang, deps)
        key = PolicyPart(policy.id)
        deps.add(key.in_lang("zh"), [policy.level, policy.doc_number, policy.sectors])
        title = text_of(policy.title, lang, deps, key)
        policies.append(
            PolicyView(
                policy.id,
                title,
                level_text(corpus, policy.level, lang, deps),
                policy.doc_number,
                views,
                groups,
                views[0].page_path,
                issuer=maybe_text(policy.issuer, lang, deps, key),
                contact=contact_view(
                    corpus, policy.contact, lang, deps, ContactPart.of_policy(policy.id)
                ),
            )
        )
        found = policy_conditions(policy, lang, deps)
        if found.items:
            conditions.append(found)
        measures.extend(views)
    money = tuple(m for m in measures if m.money_bearing)
    top = tuple(
        sorted((m for m in money if m.max_cny), key=lambda m: (-(m.max_cny or 0), m.qualified_id))[
            :TOP_AMOUNTS
        ]
    )
    refs = {p.id: f"P{index}" for index, p in enumerate(policies, start=1)}
    pending = sum(
        1 for m in measures if (m.title and m.title.pending) or (m.body and m.body.pending)
    )
    return SectorView(
        key=sector_key,
        lang=lang,
        name=Text(sector.zh if lang == "zh" else sector.en, lang),
        other_name=sector.en if lang == "zh" else sector.zh,
        policies=tuple(policies),
        measures=tuple(measures),
        money_measures=money,
        top_amounts=top,
        departments=tuple(all_departments.values()),
        conditions=tuple(conditions),
        edition=corpus.settings.edition.isoformat(),
        edition_date=format_day(corpus.settings.edition, lang),
        translation_pending=pending,
        overview=_overview(measure_count, money, policy_count),
        measure_count=measure_count,
        policy_count=policy_count,
        compact=compact,
        featured=tuple(m for m in money if m.qualified_id in in_full),
        policy_refs=refs,
        condition_groups=_gathered(conditions, refs),
        links=links,
        contact=contact_view(corpus, sector.contact, lang, deps, ContactPart.of_sector(sector_key)),
    )


def sector_policies(corpus: Corpus, sector_key: str) -> frozenset[str]:
    """The policies a sector's views read: those with a clause serving the sector."""
    return frozenset(policy.id for policy, _ in corpus.serving(sector_key))


def own_policies_first(corpus: Corpus, sector_key: str) -> list[Policy]:
    """Policies in the order a sector's readers want them: those made for this sector
    alone first, then those serving it among others, then those serving it only through
    some clauses; content order within each."""

    def rank(policy: Policy) -> int:
        if policy.sectors == (sector_key,):
            return 0
        return 1 if sector_key in policy.sectors else 2

    return sorted(corpus.policies, key=rank)


def _overview(measures: int, money: tuple[MeasureView, ...], policies: int) -> SectorOverview:
    stated = [(m, i) for m in money for i in m.incentives if i.amount_cny is not None]
    largest = sorted(stated, key=lambda pair: -(pair[1].amount_cny or 0))[:OVERVIEW_AMOUNTS]
    kinds: dict[str, int] = {}
    for m in money:
        for incentive in m.incentives:
            kinds[incentive.kind] = kinds.get(incentive.kind, 0) + 1
    return SectorOverview(
        measures=measures,
        funded=len(money),
        policies=policies,
        largest=tuple(largest),
        kinds=tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def _groups(
    policy: Policy,
    clauses: list[Clause],
    views: tuple[MeasureView, ...],
    lang: str,
    deps: Deps,
) -> tuple[tuple[tuple[Text, ...], tuple[MeasureView, ...]], ...]:
    """Consecutive measures under the same chapter/section headings, in reading order.

    Sections that are clauses themselves (一、组织保障 (一)(二)(三)) share their chapter's
    heading, so they form one group rather than one group each.
    """
    groups: list[tuple[tuple[Text, ...], list[MeasureView]]] = []
    for clause, view in zip(clauses, views, strict=True):
        path = division_path(policy, clause, lang, deps)
        if not groups or groups[-1][0] != path:
            groups.append((path, []))
        groups[-1][1].append(view)
    return tuple((path, tuple(items)) for path, items in groups)


def _gathered(
    conditions: list[PolicyConditions], refs: dict[str, str]
) -> tuple[ConditionGroup, ...]:
    groups: dict[tuple[tuple[str, ...], str], list[tuple[str, str, str]]] = {}
    texts: dict[tuple[tuple[str, ...], str], Text] = {}
    for found in conditions:
        for item in found.items:
            key = (item.kinds, item.text.value)
            texts.setdefault(key, item.text)
            groups.setdefault(key, []).append(
                (refs.get(found.policy_id, ""), item.where, item.link)
            )
    return tuple(ConditionGroup(k[0], texts[k], tuple(v)) for k, v in groups.items())

"""What the download portal shows: measures grouped by sector and policy, the finder's and
the matcher's data, every sector's downloads, every policy's page, and this edition's changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generators.deps import (
    ContactPart,
    Deps,
    EditionPart,
    LayoutPart,
    MatcherPart,
    PolicyPart,
    SectorPart,
    SettingTextPart,
)
from generators.i18n.formatting import format_day
from generators.model import Clause, Contact, Corpus, Matcher, Policy
from generators.numerals import number_value
from generators.project import LANGS
from generators.views.contact import ContactView, contact_view
from generators.views.matcher import IncentiveTags, incentive_tags
from generators.views.measure import MeasureView, measure_view, page_path
from generators.views.text import Text, level_text, links_of, maybe_text, text_of


@dataclass(frozen=True)
class FileLink:
    path: str
    size: int


@dataclass(frozen=True)
class PortalMeasure:
    zh: MeasureView
    en: MeasureView
    form: FileLink
    sectors: tuple[str, ...]
    citations: tuple[str, ...]
    """How the measure can be cited, as keys the finder compares (c6, b2i1, ch4c1, ch4)."""
    tags: tuple[IncentiveTags, ...]
    """Per incentive: the activities it may support and the applicants it names."""
    mark: str | None = None
    """'new' or 'changed' when the measure was added or changed in this edition."""

    @property
    def anchor(self) -> str:
        """The measure's stable anchor on the portal: m-<policy-id>/<clause-id>."""
        return f"m-{self.zh.qualified_id}"

    def view(self, lang: str) -> MeasureView:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class PortalPolicy:
    id: str
    title: dict[str, Text]
    page: FileLink
    sectors: tuple[str, ...]
    issuer: dict[str, Text] | None
    contact: dict[str, ContactView] | None
    measures: tuple[PortalMeasure, ...] = ()


@dataclass(frozen=True)
class PortalGroup:
    """Measures serving the same sectors, by policy: one sector, or several together."""

    sectors: tuple[str, ...]
    names: dict[str, str]
    policies: tuple[PortalPolicy, ...]

    @property
    def key(self) -> str:
        return "+".join(self.sectors)

    @property
    def count(self) -> int:
        return sum(len(p.measures) for p in self.policies)


@dataclass(frozen=True)
class PortalSector:
    key: str
    names: dict[str, str]
    synonyms: tuple[str, ...]
    measures: int
    funded: int
    briefs: dict[str, FileLink]
    summaries: dict[str, FileLink]
    cards: dict[str, FileLink]
    """The summary for pasting into WeChat or an email (inline styles, cards)."""
    contact: dict[str, ContactView] | None


@dataclass(frozen=True)
class PortalView:
    edition: str
    edition_dates: dict[str, str]
    heading: dict[str, str]
    """Whose policies these are, from the policies' levels (苏州市级 / Suzhou municipal)."""
    publisher: dict[str, Text] | None
    base_url: str | None
    sectors: tuple[PortalSector, ...]
    groups: tuple[PortalGroup, ...]
    pages: tuple[PortalPolicy, ...]
    """Every policy, for its own page (measures not repeated here)."""
    kinds: tuple[str, ...]
    """The incentive kinds that occur, for the finder's filter."""
    matcher: Matcher
    changes_log: str | None
    """The change report's path when there is one."""
    marked: tuple[PortalMeasure, ...] = ()
    """Measures added or changed in this edition, as the manifest's snapshots say."""
    unmarked_changes: int = 0
    """Clauses without financial support added or changed in this edition."""
    edition_known: bool = False
    """Whether an earlier build told what this edition changed."""

    @property
    def measures(self) -> tuple[PortalMeasure, ...]:
        return tuple(m for g in self.groups for p in g.policies for m in p.measures)

    @property
    def funded_pages(self) -> tuple[PortalPolicy, ...]:
        """Policies with at least one measure listed, for the finder's policy filter."""
        funded = {p.id for g in self.groups for p in g.policies}
        return tuple(p for p in self.pages if p.id in funded)

    @property
    def page_groups(self) -> tuple[PortalGroup, ...]:
        """Every policy's page, grouped by the sectors the policy serves."""
        by_sectors: dict[tuple[str, ...], list[PortalPolicy]] = {}
        for page in self.pages:
            by_sectors.setdefault(page.sectors, []).append(page)
        order = [s.key for s in self.sectors]
        names = {s.key: s.names for s in self.sectors}
        return tuple(
            PortalGroup(
                sectors,
                {
                    lang: " · ".join(names[k][lang] if k in names else k for k in sectors)
                    for lang in LANGS
                },
                tuple(pages),
            )
            for sectors, pages in sorted(
                by_sectors.items(), key=lambda kv: _group_order(kv[0], order)
            )
        )


LinkResolver = Callable[[str], FileLink]


def portal_view(
    corpus: Corpus,
    deps: Deps,
    link: LinkResolver,
    *,
    marks: dict[str, str] | None = None,
    changes_log: str | None = None,
) -> PortalView:
    """The portal from the corpus; `link` gives each output file's link and size, `marks`
    the clauses added or changed in this edition (None when no earlier build tells)."""
    links = links_of(corpus, deps, depth=0)
    deps.add(MatcherPart(), corpus.matcher.model_dump(mode="json"))
    deps.add(EditionPart("marks"), sorted((marks or {}).items()))
    deps.add(EditionPart("log"), changes_log)
    by_group: dict[tuple[str, ...], list[PortalPolicy]] = {}
    pages: list[PortalPolicy] = []
    kinds: set[str] = set()
    for policy in corpus.policies:
        base = _policy(corpus, policy, deps, link)
        pages.append(base)
        measures: dict[tuple[str, ...], list[PortalMeasure]] = {}
        for clause in policy.clauses:
            if not clause.money_bearing:
                continue
            measure = _measure(corpus, policy, clause, deps, link, marks)
            measures.setdefault(measure.sectors, []).append(measure)
            kinds.update(i.kind for i in clause.incentives)
        for sectors, found in measures.items():
            by_group.setdefault(sectors, []).append(
                PortalPolicy(
                    base.id,
                    base.title,
                    base.page,
                    base.sectors,
                    base.issuer,
                    base.contact,
                    tuple(found),
                )
            )
    order = list(corpus.sectors)
    groups = tuple(
        PortalGroup(sectors, _group_names(corpus, sectors), tuple(policies))
        for sectors, policies in sorted(by_group.items(), key=lambda kv: _group_order(kv[0], order))
    )
    marked = tuple(m for g in groups for p in g.policies for m in p.measures if m.mark is not None)
    return PortalView(
        edition=corpus.settings.edition.isoformat(),
        edition_dates={lang: format_day(corpus.settings.edition, lang) for lang in LANGS},
        heading=_heading(corpus, deps),
        publisher=(
            {
                lang: text_of(corpus.settings.publisher, lang, deps, SettingTextPart("publisher"))
                for lang in LANGS
            }
            if corpus.settings.publisher
            else None
        ),
        base_url=links.base_url,
        sectors=tuple(_sector(corpus, key, deps, link) for key in corpus.sectors),
        groups=groups,
        pages=tuple(pages),
        kinds=tuple(
            k for k in ("award", "subsidy", "grant", "reimbursement", "other") if k in kinds
        ),
        matcher=corpus.matcher,
        changes_log=changes_log,
        marked=marked,
        unmarked_changes=len(set(marks or {}) - {m.zh.qualified_id for m in marked}),
        edition_known=marks is not None,
    )


def _policy(corpus: Corpus, policy: Policy, deps: Deps, link: LinkResolver) -> PortalPolicy:
    key = PolicyPart(policy.id)
    deps.add(key.in_lang("zh"), [policy.sectors])
    return PortalPolicy(
        id=policy.id,
        title={lang: text_of(policy.title, lang, deps, key) for lang in LANGS},
        page=link(page_path(policy)),
        sectors=policy.sectors,
        issuer=(
            {lang: t for lang in LANGS if (t := maybe_text(policy.issuer, lang, deps, key))} or None
        ),
        contact=_contacts(corpus, policy.contact, deps, ContactPart.of_policy(policy.id)),
    )


def _contacts(
    corpus: Corpus, contact: Contact | None, deps: Deps, key: ContactPart
) -> dict[str, ContactView] | None:
    found = {lang: contact_view(corpus, contact, lang, deps, key) for lang in LANGS}
    return {lang: v for lang, v in found.items() if v is not None} or None


def _measure(
    corpus: Corpus,
    policy: Policy,
    clause: Clause,
    deps: Deps,
    link: LinkResolver,
    marks: dict[str, str] | None,
) -> PortalMeasure:
    zh, en = (
        measure_view(corpus, policy, clause, lang, deps, details=True, body=True) for lang in LANGS
    )
    tags = tuple(
        incentive_tags(
            corpus.matcher,
            " ".join(
                t.zh
                for t in (clause.title, incentive.subject, incentive.target, incentive.basis)
                if t is not None
            ),
            (incentive.target or incentive.subject).zh,
        )
        for incentive in clause.incentives
    )
    return PortalMeasure(
        zh=zh,
        en=en,
        form=link(zh.form_path or ""),
        sectors=policy.clause_sectors(clause),
        citations=citation_keys(policy, clause),
        tags=tags,
        mark=(marks or {}).get(zh.qualified_id),
    )


def citation_keys(policy: Policy, clause: Clause) -> tuple[str, ...]:
    """Keys for every way people cite a clause: 第6条/Clause 6 → c6; 专栏2第1项/Box 2 item 1 →
    b2i1 (and b2, the box); 第四章第1条 → ch4c1 (and ch4); 三（一） → ch3s1 (and ch3, s1)."""
    keys: list[str] = []
    chapter = None
    box = None
    key = clause.division
    while key is not None:
        division = policy.division(key)
        if division is None:
            break
        if division.kind == "chapter" and chapter is None:
            chapter = _value(division.number)
        if division.kind == "box" and box is None:
            box = _value(division.number)
        key = division.parent
    number = _value(clause.number)
    if number is None:
        return ()
    if clause.kind in ("item", "article"):
        keys.append(f"c{number}")
        if chapter is not None:
            keys += [f"ch{chapter}c{number}", f"ch{chapter}"]
    elif clause.kind == "box-item":
        if box is not None:
            keys += [f"b{box}i{number}", f"b{box}"]
        keys.append(f"i{number}")
    elif clause.kind == "section":
        parent = chapter
        keys.append(f"s{number}")
        if parent is not None:
            keys += [f"ch{parent}s{number}", f"ch{parent}"]
    elif clause.kind == "chapter":
        keys.append(f"ch{number}")
    return tuple(dict.fromkeys(keys))


def _value(number: str) -> int | None:
    try:
        return number_value(number)
    except ValueError:
        return None


def _group_order(sectors: tuple[str, ...], order: list[str]) -> tuple[int, list[int]]:
    """Single sectors first in content order, then pairs, and so on."""
    return (len(sectors), [order.index(s) if s in order else len(order) for s in sectors])


def _group_names(corpus: Corpus, sectors: tuple[str, ...]) -> dict[str, str]:
    names: dict[str, list[str]] = {"zh": [], "en": []}
    for key in sectors:
        sector = corpus.sectors.get(key)
        names["zh"].append(sector.zh if sector else key)
        names["en"].append(sector.en if sector else key)
    return {"zh": " · ".join(names["zh"]), "en": " · ".join(names["en"])}


def _heading(corpus: Corpus, deps: Deps) -> dict[str, str]:
    """Whose policies: the levels the policies state, most frequent first ('' if none)."""
    counts: dict[str, int] = {}
    for policy in corpus.policies:
        if policy.level:
            counts[policy.level] = counts.get(policy.level, 0) + 1
    levels = sorted(counts, key=lambda level: -counts[level])
    deps.add(LayoutPart("levels"), levels)
    return {
        "zh": "、".join(levels),
        "en": ", ".join(level_text(corpus, level, "en", deps) for level in levels),
    }


def _sector(corpus: Corpus, key: str, deps: Deps, link: LinkResolver) -> PortalSector:
    sector = corpus.sectors[key]
    deps.add(SectorPart(key), sector.model_dump(mode="json"))
    serving = corpus.serving(key)
    counts = [len(serving), sum(1 for _, c in serving if c.money_bearing)]
    deps.add(LayoutPart(f"sector-counts:{key}"), counts)
    return PortalSector(
        key=key,
        names={"zh": sector.zh, "en": sector.en},
        synonyms=sector.synonyms,
        measures=counts[0],
        funded=counts[1],
        briefs={lang: link(f"briefs/{key}.{lang}.pdf") for lang in LANGS},
        summaries={lang: link(f"summaries/{key}.{lang}.md") for lang in LANGS},
        cards={lang: link(f"summaries/{key}.{lang}.html") for lang in LANGS},
        contact=_contacts(corpus, sector.contact, deps, ContactPart.of_sector(key)),
    )

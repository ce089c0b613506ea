"""What outputs show, in one language: texts, figures and names resolved, deps recorded.

Every renderer works from these views, and the build fingerprints each output from the
parts its views read, so "what an output shows" and "what it depends on" cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generators.deps import Deps
from generators.forms.rules import MeasureRules, measure_rules
from generators.i18n.formatting import format_cny, format_rate
from generators.model import BiText, Clause, Corpus, Incentive, Policy

FORMS_DIR = "forms"


@dataclass(frozen=True)
class Text:
    """A text as an output shows it: English only when current, else the Chinese, marked."""

    value: str
    lang: str
    pending: bool = False
    """English was asked for but is missing or stale; the Chinese stands in."""
    status: str = "current"


def text_of(bitext: BiText, lang: str, deps: Deps, key: str) -> Text:
    deps.add(f"{key}:zh", bitext.zh)
    if lang == "zh":
        return Text(bitext.zh, "zh")
    deps.add(f"{key}:en", [bitext.en, bitext.en_fp])
    if bitext.status == "current":
        assert bitext.en is not None
        return Text(bitext.en, "en")
    return Text(bitext.zh, "zh", pending=True, status=bitext.status)


@dataclass(frozen=True)
class IncentiveView:
    kind: str
    cap: str
    cap_cny: int | None
    rate: str
    basis: Text | None
    per: tuple[str, ...]
    tiers: tuple[tuple[str, str], ...]
    subject: Text


@dataclass(frozen=True)
class MeasureView:
    policy_id: str
    clause_id: str
    qualified_id: str
    number: str
    label: str
    """How people cite it: 第2条 / Clause 2."""
    kind: str
    title: Text | None
    """None when the clause has no heading of its own."""
    body: Text | None
    departments: tuple[Text, ...]
    incentives: tuple[IncentiveView, ...]
    max_cny: int | None
    cap: str
    rates: str
    money_bearing: bool
    policy_title: Text
    division_path: tuple[Text, ...]
    form_path: str | None

    @property
    def name(self) -> str:
        """The heading, or for a clause without one the opening words of its text."""
        if self.title is not None:
            return self.title.value
        words = self.body.value if self.body is not None else ""
        return words if len(words) <= 40 else words[:39] + "…"

    @property
    def chart_text(self) -> str:
        return f"{self.label} {self.name}: {self.cap}"


def form_path(policy: Policy, clause: Clause) -> str:
    return f"{FORMS_DIR}/{policy.id}/{clause.id}.docx"


def department_text(corpus: Corpus, name: str, lang: str, deps: Deps) -> Text:
    if lang == "zh":
        return Text(name, "zh")
    english = corpus.glossary.department_en(name)
    deps.add(f"glossary:{name}", english)
    return Text(english, "en") if english else Text(name, "zh", pending=True, status="missing")


def measure_view(
    corpus: Corpus,
    policy: Policy,
    clause: Clause,
    lang: str,
    deps: Deps,
    *,
    details: bool,
    body: bool = False,
) -> MeasureView:
    """A clause as shown in one language.

    Without `details` only its heading and headline figures are read; `body` adds its text.
    """
    qid = policy.qualified(clause)
    key = f"clause:{qid}"
    label = clause_label(policy, clause, lang)
    deps.add(f"{key}:zh", [label, clause.money_bearing, clause.max_cny])
    title = text_of(clause.title, lang, deps, key) if clause.title else None
    shows_body = (body or clause.title is None) and clause.text is not None
    body_text = text_of(clause.text, lang, deps, key) if shows_body and clause.text else None
    departments: tuple[Text, ...] = ()
    incentives: tuple[IncentiveView, ...] = ()
    if details:
        deps.add(f"{key}:zh", [clause.departments, clause.division])
        departments = tuple(department_text(corpus, d, lang, deps) for d in clause.departments)
        incentives = tuple(_incentive_view(i, lang, deps, key) for i in clause.incentives)
    policy_title = text_of(policy.title, lang, deps, f"policy:{policy.id}")
    division_path = _division_path(policy, clause, lang, deps) if details else ()
    rates = [i.rate_pct for i in clause.incentives if i.rate_pct is not None]
    return MeasureView(
        policy_id=policy.id,
        clause_id=clause.id,
        qualified_id=qid,
        number=clause.number,
        label=label,
        kind=clause.kind,
        title=title,
        body=body_text,
        departments=departments,
        incentives=incentives,
        max_cny=clause.max_cny,
        cap=format_cny(clause.max_cny, lang) if clause.max_cny is not None else "",
        rates=_join_rates(rates, lang),
        money_bearing=clause.money_bearing,
        policy_title=policy_title,
        division_path=division_path,
        form_path=form_path(policy, clause) if clause.money_bearing else None,
    )


def _join_rates(rates: list[float | tuple[float, float]], lang: str) -> str:
    shown: list[str] = []
    for rate in rates:
        text = format_rate(rate, lang)
        if text not in shown:
            shown.append(text)
    return ("、" if lang == "zh" else "; ").join(shown)


def _incentive_view(incentive: Incentive, lang: str, deps: Deps, key: str) -> IncentiveView:
    deps.add(f"{key}:zh", incentive.model_dump(exclude={"basis", "subject"}))
    return IncentiveView(
        kind=incentive.kind,
        cap=format_cny(incentive.max_cny, lang) if incentive.max_cny is not None else "",
        cap_cny=incentive.max_cny,
        rate=format_rate(incentive.rate_pct, lang),
        basis=text_of(incentive.basis, lang, deps, key) if incentive.basis else None,
        per=incentive.per,
        tiers=tuple(
            (
                format_cny(t.threshold_cny, lang) if t.threshold_cny is not None else "",
                format_cny(t.amount_cny, lang),
            )
            for t in incentive.tiers
        ),
        subject=text_of(incentive.subject, lang, deps, key),
    )


def _division_path(policy: Policy, clause: Clause, lang: str, deps: Deps) -> tuple[Text, ...]:
    chain: list[Text] = []
    key = clause.division
    while key is not None:
        division = policy.division(key)
        if division is None:
            break
        if division.heading is not None and not (
            division.key == clause.division and clause.kind in ("section", "chapter")
        ):
            chain.append(text_of(division.heading, lang, deps, f"division:{policy.id}/{key}"))
        key = division.parent
    return tuple(reversed(chain))


@dataclass(frozen=True)
class PolicyView:
    id: str
    title: Text
    level: str
    doc_number: str | None
    measures: tuple[MeasureView, ...]
    groups: tuple[tuple[tuple[Text, ...], tuple[MeasureView, ...]], ...] = ()
    """Measures grouped by their chapter and section headings, in reading order."""


@dataclass(frozen=True)
class SectorView:
    key: str
    lang: str
    name: Text
    other_name: str
    policies: tuple[PolicyView, ...]
    measures: tuple[MeasureView, ...]
    money_measures: tuple[MeasureView, ...]
    top_caps: tuple[MeasureView, ...]
    departments: tuple[Text, ...]
    edition: str
    edition_date: str
    translation_pending: int = 0
    policy_refs: dict[str, str] = field(default_factory=dict)
    """Short references (P1, P2, …) of the source policies, by policy id, for tables."""
    overview: tuple[tuple[Text, Text], ...] = field(default=())
    """(policy title, its opening words) for each source policy."""


def level_text(corpus: Corpus, level: str | None, lang: str, deps: Deps) -> str:
    if not level:
        return ""
    if lang == "zh":
        return level
    entry = corpus.glossary.terms.get(level)
    deps.add(f"glossary:{level}", entry.en if entry else None)
    return entry.en if entry else level


def sector_view(
    corpus: Corpus, sector_key: str, lang: str, deps: Deps, *, bodies: bool
) -> SectorView:
    """Everything a brief, summary or portal section shows for a sector in one language.

    Money-bearing measures come with their figures and units; `bodies` adds their text.
    """
    from generators.i18n.formatting import format_day

    sector = corpus.sectors[sector_key]
    deps.add(f"sector:{sector_key}", sector.model_dump())
    deps.add("settings", corpus.settings.model_dump(mode="json"))
    policies: list[PolicyView] = []
    measures: list[MeasureView] = []
    all_departments: dict[str, Text] = {}
    overview: list[tuple[Text, Text]] = []
    for policy in corpus.policies:
        serving = [c for c in policy.clauses if sector_key in policy.clause_sectors(c)]
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
                body=bodies and c.money_bearing,
            )
            for c in serving
        )
        for clause in serving:
            for name in clause.departments if clause.money_bearing else ():
                all_departments.setdefault(name, department_text(corpus, name, lang, deps))
        groups = _groups(corpus, policy, serving, views, lang, deps)
        deps.add(f"policy:{policy.id}:zh", [policy.level, policy.doc_number])
        title = text_of(policy.title, lang, deps, f"policy:{policy.id}")
        policies.append(
            PolicyView(
                policy.id,
                title,
                level_text(corpus, policy.level, lang, deps),
                policy.doc_number,
                views,
                groups,
            )
        )
        if policy.preamble:
            overview.append((title, text_of(policy.preamble[0], lang, deps, f"policy:{policy.id}")))
        measures.extend(views)
    money = tuple(m for m in measures if m.money_bearing)
    top = tuple(
        sorted((m for m in money if m.max_cny), key=lambda m: (-(m.max_cny or 0), m.qualified_id))[
            :5
        ]
    )
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
        top_caps=top,
        departments=tuple(all_departments.values()),
        edition=corpus.settings.edition.isoformat(),
        edition_date=format_day(corpus.settings.edition, lang),
        translation_pending=pending,
        overview=tuple(overview),
        policy_refs={p.id: f"P{index}" for index, p in enumerate(policies, start=1)},
    )


def _groups(
    corpus: Corpus,
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
        path = _division_path(policy, clause, lang, deps)
        if not groups or groups[-1][0] != path:
            groups.append((path, []))
        groups[-1][1].append(view)
    return tuple((path, tuple(items)) for path, items in groups)


def clause_label(policy: Policy, clause: Clause, lang: str) -> str:
    """How people cite a clause: 第2条, 专栏3第2项, 三（一）; Clause 2, Box 3 item 2, Part 3 (1)."""
    from generators.numerals import number_value

    division = policy.division(clause.division)
    if clause.kind in ("item", "article"):
        return f"第{clause.number}条" if lang == "zh" else f"Clause {number_value(clause.number)}"
    if clause.kind == "box-item" and division is not None:
        box = division.number
        if lang == "zh":
            return f"专栏{box}第{clause.number}项"
        return f"Box {number_value(box)} item {number_value(clause.number)}"
    if clause.kind == "section" and division is not None:
        parent = policy.division(division.parent)
        if lang == "zh":
            return f"{parent.number if parent else ''}（{clause.number}）"
        prefix = f"Part {number_value(parent.number)} " if parent else ""
        return f"{prefix}({number_value(clause.number)})"
    return f"{clause.number}、" if lang == "zh" else f"Part {number_value(clause.number)}"


@dataclass(frozen=True)
class FormView:
    """One application form: the measure in both languages and its identity."""

    path: str
    form_id: str
    policy_id: str
    clause_id: str
    content_fingerprint: str
    """Fingerprint of the measure's Chinese and figures when the form was made."""
    edition: str
    zh: MeasureView
    en: MeasureView
    level_zh: str
    level_en: str
    doc_number: str | None
    max_cny: int | None
    rate_pct: float | tuple[float, float] | None
    rules: MeasureRules
    """What the measure grants, as the form asks for it and readback checks it."""

    @property
    def incentive_pairs(self) -> tuple[tuple[IncentiveView, IncentiveView], ...]:
        return tuple(zip(self.zh.incentives, self.en.incentives, strict=True))


def measure_fingerprint(policy: Policy, clause: Clause) -> str:
    """What a returned form is checked against: the measure's Chinese and its figures."""
    from generators.fingerprint import data_fingerprint

    return data_fingerprint(
        [
            policy.id,
            clause.id,
            clause.title.zh if clause.title else "",
            clause.text.zh if clause.text else "",
            [i.model_dump(exclude={"subject", "basis"}) for i in clause.incentives],
        ]
    )


def form_view(corpus: Corpus, policy: Policy, clause: Clause, deps: Deps) -> FormView:
    deps.add("settings", corpus.settings.model_dump(mode="json"))
    deps.add(f"policy:{policy.id}:zh", [policy.level, policy.doc_number])
    zh = measure_view(corpus, policy, clause, "zh", deps, details=True, body=True)
    en = measure_view(corpus, policy, clause, "en", deps, details=True, body=True)
    rates = [i.rate_pct for i in clause.incentives if i.rate_pct is not None]
    rules = measure_rules(clause)
    deps.add(f"clause:{policy.qualified(clause)}:zh", rules.summary())
    deps.add(f"clause:{policy.qualified(clause)}:en", [[t.en, t.en_fp] for t in rules.texts()])
    return FormView(
        path=form_path(policy, clause),
        form_id=f"PD-{policy.id}-{clause.id}",
        policy_id=policy.id,
        clause_id=clause.id,
        content_fingerprint=measure_fingerprint(policy, clause),
        edition=corpus.settings.edition.isoformat(),
        zh=zh,
        en=en,
        level_zh=level_text(corpus, policy.level, "zh", deps),
        level_en=level_text(corpus, policy.level, "en", deps),
        doc_number=policy.doc_number,
        max_cny=clause.max_cny,
        rate_pct=rates[0] if len(rates) == 1 else None,
        rules=rules,
    )


@dataclass(frozen=True)
class FileLink:
    path: str
    size: int


@dataclass(frozen=True)
class PortalSector:
    key: str
    views: dict[str, SectorView]
    briefs: dict[str, FileLink]
    summaries: dict[str, FileLink]
    summary_markdown: dict[str, str]


@dataclass(frozen=True)
class PortalView:
    edition: str
    sectors: tuple[PortalSector, ...]
    measures: tuple[tuple[MeasureView, MeasureView, FileLink], ...]
    """Every money-bearing measure: (Chinese view, English view, its form)."""

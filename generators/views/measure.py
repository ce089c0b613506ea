"""A clause as outputs show it in one language: its words, its incentives, how it is cited."""

from __future__ import annotations

from dataclasses import dataclass

from generators.deps import ClausePart, Deps, DivisionPart, PolicyPart
from generators.i18n.formatting import format_cny, format_points, format_rate
from generators.model import Clause, Corpus, Incentive, Policy
from generators.numerals import number_value
from generators.views.text import Text, department_text, maybe_text, text_of

FORMS_DIR = "forms"
POLICIES_DIR = "policies"


@dataclass(frozen=True)
class TierView:
    threshold: str
    """The threshold amount, formatted ('' when the tier has none)."""
    amount: str
    amount_cny: int


@dataclass(frozen=True)
class IncentiveView:
    """One incentive in one language; outputs phrase it with templates/shared/money.j2."""

    kind: str
    target: Text | None
    """Whom or what it is for, in the policy's words."""
    subject: Text
    """The words of the clause that grant it."""
    amount: str
    """The amount formatted ('' when none is stated)."""
    amount_cny: int | None
    amount_is: str | None
    per_unit: Text | None
    rate: str
    """The rate formatted: 50%, 10%~30% / 10% to 30%, 1.5个百分点 ('' when none)."""
    rate_is: str | None
    basis: Text | None
    per: tuple[str, ...]
    tiers: tuple[TierView, ...]
    tiers_combine: str | None
    threshold: Text | None
    rate_pct: float | tuple[float, float] | None = None
    """The rate as a number (or a low-high range), for computing with it (the matcher)."""

    @property
    def states_money(self) -> bool:
        return bool(self.amount or self.rate or self.amount_is == "case-by-case")


@dataclass(frozen=True)
class MeasureView:
    policy_id: str
    clause_id: str
    qualified_id: str
    number: str
    label: str
    """How people cite it: 第2条 / Clause 2."""
    anchor: str
    """The clause's anchor on its policy page: c-<clause-id>."""
    kind: str
    title: Text | None
    """None when the clause has no heading of its own."""
    body: Text | None
    departments: tuple[Text, ...]
    incentives: tuple[IncentiveView, ...]
    max_cny: int | None
    """The largest amount the clause states, for ordering and filtering."""
    money_bearing: bool
    policy_title: Text
    division_path: tuple[Text, ...]
    form_path: str | None
    page_path: str
    """The policy page holding the clause in full (policies/<policy-id>.html)."""

    @property
    def name(self) -> str:
        """The heading, or for a clause without one the opening words of its text."""
        if self.title is not None:
            return self.title.value
        words = self.body.value if self.body is not None else ""
        return words if len(words) <= 40 else words[:39] + "…"

    @property
    def largest(self) -> IncentiveView | None:
        """The incentive stating the largest amount (first of equals), if any states one."""
        stated = [i for i in self.incentives if i.amount_cny is not None]
        return max(stated, key=lambda i: i.amount_cny or 0) if stated else None

    @property
    def page_link(self) -> str:
        return f"{self.page_path}#{self.anchor}"


def form_path(policy: Policy, clause: Clause) -> str:
    return f"{FORMS_DIR}/{policy.id}/{clause.id}.docx"


def page_path(policy: Policy) -> str:
    return f"{POLICIES_DIR}/{policy.id}.html"


def anchor_of(clause: Clause) -> str:
    return f"c-{clause.id}"


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

    Without `details` only its heading and headline figures are read; `body` adds its text
    (a clause without a heading always shows its text: the text is all it has).
    """
    qid = policy.qualified(clause)
    key = ClausePart(qid)
    label = clause_label(policy, clause, lang)
    deps.add(key.in_lang("zh"), [label, clause.money_bearing, clause.max_cny])
    title = maybe_text(clause.title, lang, deps, key)
    shows_body = body or clause.title is None
    body_text = maybe_text(clause.text, lang, deps, key) if shows_body else None
    departments: tuple[Text, ...] = ()
    incentives: tuple[IncentiveView, ...] = ()
    if details:
        deps.add(key.in_lang("zh"), [clause.departments, clause.division])
        departments = tuple(department_text(corpus, d, lang, deps) for d in clause.departments)
        incentives = tuple(incentive_view(i, lang, deps, key) for i in clause.incentives)
    policy_title = text_of(policy.title, lang, deps, PolicyPart(policy.id))
    division_path = _division_path(policy, clause, lang, deps) if details else ()
    return MeasureView(
        policy_id=policy.id,
        clause_id=clause.id,
        qualified_id=qid,
        number=clause.number,
        label=label,
        anchor=anchor_of(clause),
        kind=clause.kind,
        title=title,
        body=body_text,
        departments=departments,
        incentives=incentives,
        max_cny=clause.max_cny,
        money_bearing=clause.money_bearing,
        policy_title=policy_title,
        division_path=division_path,
        form_path=form_path(policy, clause) if clause.money_bearing else None,
        page_path=page_path(policy),
    )


def incentive_view(incentive: Incentive, lang: str, deps: Deps, key: ClausePart) -> IncentiveView:
    deps.add(
        key.in_lang("zh"),
        incentive.model_dump(
            exclude={"subject", "basis", "target", "per_unit", "threshold"}, mode="json"
        ),
    )
    return IncentiveView(
        kind=incentive.kind,
        target=maybe_text(incentive.target, lang, deps, key),
        subject=text_of(incentive.subject, lang, deps, key),
        amount=format_cny(incentive.max_cny, lang) if incentive.max_cny is not None else "",
        amount_cny=incentive.max_cny,
        amount_is=incentive.amount_is,
        per_unit=maybe_text(incentive.per_unit, lang, deps, key),
        rate=(
            format_points(incentive.rate_pct, lang)
            if incentive.rate_unit == "points" and incentive.rate_pct is not None
            else format_rate(incentive.rate_pct, lang)
        ),
        rate_is=incentive.rate_is,
        basis=maybe_text(incentive.basis, lang, deps, key),
        per=incentive.per,
        tiers=tuple(
            TierView(
                format_cny(t.threshold_cny, lang) if t.threshold_cny is not None else "",
                format_cny(t.amount_cny, lang),
                t.amount_cny,
            )
            for t in incentive.tiers
        ),
        tiers_combine=incentive.tiers_combine,
        threshold=maybe_text(incentive.threshold, lang, deps, key),
        rate_pct=incentive.rate_pct,
    )


def division_path(policy: Policy, clause: Clause, lang: str, deps: Deps) -> tuple[Text, ...]:
    """The headings of the chapters and sections a clause stands in, outermost first."""
    return _division_path(policy, clause, lang, deps)


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
            chain.append(text_of(division.heading, lang, deps, DivisionPart.of(policy.id, key)))
        key = division.parent
    return tuple(reversed(chain))


def clause_label(policy: Policy, clause: Clause, lang: str) -> str:
    """How people cite a clause, in the policy's own numbering.

    第2条, 专栏3第2项, 三（一）, and 第四章第1条 where items are numbered anew within a
    chapter; Clause 2, Box 3 item 2, Chapter 3 (1), Chapter 4, Clause 1.
    """
    division = policy.division(clause.division)
    if clause.kind in ("item", "article"):
        chapter = _chapter_of(policy, clause) if clause.id != clause.number else None
        if chapter is not None:
            if lang == "zh":
                return f"第{chapter}章第{clause.number}条"
            return f"Chapter {number_value(chapter)}, Clause {number_value(clause.number)}"
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
        prefix = f"Chapter {number_value(parent.number)} " if parent else ""
        return f"{prefix}({number_value(clause.number)})"
    return f"{clause.number}、" if lang == "zh" else f"Chapter {number_value(clause.number)}"


def _chapter_of(policy: Policy, clause: Clause) -> str | None:
    """The number of the chapter whose own numbering a clause follows."""
    key = clause.division
    while key is not None:
        division = policy.division(key)
        if division is None:
            return None
        if division.kind == "chapter":
            return division.number
        key = division.parent
    return None

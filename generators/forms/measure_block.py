"""The measure block of a form: what the measure grants, row by row, in both languages.

One row per incentive, with its amount and qualifier (maximum, fixed, per unit) in 元 as
well as in 万元, its rate and basis, whom it is for, and its tiers with how they combine.
"""

from __future__ import annotations

from dataclasses import dataclass

from generators.forms.phrases import N_, Both, Phrase
from generators.forms.wording import Wording
from generators.i18n.formatting import format_cny
from generators.views import FormView, IncentiveView, MeasureView, Text

LONG_TEXT = 200
"""Characters beyond which a row may run over a page break."""


@dataclass(frozen=True)
class MeasureRow:
    label: Phrase | Both
    """A catalog message, or words already in both languages (a condition's kinds)."""
    zh: list[str]
    en: list[str] | None
    """None while the English is pending: the row says so instead."""
    long: bool = False
    """May run over a page break (the clause's text)."""


def measure_rows(form: FormView, wording: Wording) -> list[MeasureRow]:
    rows = [_source(form), _clause(form)]
    incentives = list(zip(form.zh.incentives, form.en.incentives, strict=True))
    for index, (zh, en) in enumerate(incentives):
        label = (
            Phrase.of(N_("Support %(number)s"), number=Both.same(str(index + 1)))
            if len(incentives) > 1
            else Phrase(N_("Support"))
        )
        rows.append(_incentive(label, zh, en, wording))
    if form.zh.departments:
        rows.append(
            MeasureRow(
                Phrase(N_("Responsible units")),
                ["、".join(d.value for d in form.zh.departments)],
                ["; ".join(d.value for d in form.en.departments)],
            )
        )
    if form.contact_zh is not None and form.contact_en is not None:
        rows.append(
            MeasureRow(
                Phrase(N_("Where to apply")),
                wording.contact_lines(form.contact_zh, "zh"),
                wording.contact_lines(form.contact_en, "en"),
            )
        )
    rows.append(_text(form))
    return rows


def _source(form: FormView) -> MeasureRow:
    zh = form.zh.policy_title.value
    if form.level_zh:
        number = f"，{form.doc_number}" if form.doc_number else ""
        zh += f"（{form.level_zh}{number}）"
    en = form.en.policy_title.value + (f" ({form.level_en})" if form.level_en else "")
    return MeasureRow(
        Phrase(N_("Source policy")), [zh], None if form.en.policy_title.pending else [en]
    )


def _clause(form: FormView) -> MeasureRow:
    pending = _pending(form.en.title) if form.en.title else _pending(form.en.body)
    return MeasureRow(
        Phrase(N_("Clause")),
        [f"{form.zh.label} {form.zh.name}"],
        None if pending else [f"{form.en.label} {form.en.name}"],
    )


def _text(form: FormView) -> MeasureRow:
    """The clause in full: its heading (when it has one) and its text."""

    def full(view: MeasureView, stop: str) -> str:
        parts = [view.title.value + stop] if view.title else []
        parts += [view.body.value] if view.body else []
        return ("" if stop == "。" else " ").join(parts)

    pending = _pending(form.en.title) or _pending(form.en.body)
    return MeasureRow(
        Phrase(N_("Text of the clause")),
        [full(form.zh, "。")],
        None if pending else [full(form.en, ".")],
        long=True,
    )


def _pending(text: Text | None) -> bool:
    return text is not None and text.pending


def _incentive(label: Phrase, zh: IncentiveView, en: IncentiveView, wording: Wording) -> MeasureRow:
    """Whom it is for, the amount (in 元 as well), the rate and basis, each tier, and how
    tiers combine: worded by the macros every output shares."""
    lines: dict[str, list[str]] = {"zh": [], "en": []}
    for lang, view in (("zh", zh), ("en", en)):
        out = lines[lang]
        if view.target is not None:
            out.append(
                wording.text(Phrase.of(N_("For: %(who)s"), who=Both.same(view.target.value)), lang)
            )
        amount = wording.money("amount", view, lang)
        if amount and not view.tiers:  # a tiered incentive's amounts are its tiers'
            out.append(amount + _yuan(view.amount_cny, lang))
        rate = wording.money("rate", view, lang)
        if rate:
            out.append(rate)
        for tier in view.tiers:
            out.append(wording.money("tier", view, tier, lang) + _yuan(tier.amount_cny, lang))
        if view.tiers:
            out.append(wording.money("tiers_rule", view, lang))
    pending = any(
        text is not None and text.pending
        for text in (en.target, en.basis, en.per_unit, en.threshold)
    )
    return MeasureRow(label, lines["zh"], None if pending else lines["en"])


def _yuan(amount: int | None, lang: str) -> str:
    """The amount in 元 beside 万元 (the form asks for amounts in 元), where the compact
    form does not already show every digit."""
    if amount is None:
        return ""
    full = f"{amount:,}元" if lang == "zh" else f"RMB {amount:,}"
    if format_cny(amount, lang) == full:
        return ""
    return f"（{full}）" if lang == "zh" else f" ({full})"


def conditions_rows(form: FormView, wording: Wording) -> list[MeasureRow]:
    """The policy's provisions that govern every measure: scope, eligibility, no double
    funding, annual caps, validity…, each labelled with what it governs and where it is."""
    rows: list[MeasureRow] = []
    for zh, en in zip(form.conditions_zh.items, form.conditions_en.items, strict=True):
        label_zh = wording.money("condition_kinds", zh, "zh") + (
            f"（{zh.where}）" if zh.where else ""
        )
        label_en = wording.money("condition_kinds", en, "en") + (
            f" ({en.where})" if en.where else ""
        )
        rows.append(
            MeasureRow(
                Both(label_zh, label_en),
                [zh.text.value],
                None if en.text.pending else [en.text.value],
                long=len(zh.text.value) > LONG_TEXT,
            )
        )
    return rows

"""The measure block of a form: what the measure grants, row by row, in both languages.

One row per incentive, with its amount and qualifier (maximum, fixed, per unit) in 元 as
well as in 万元, its rate and basis, whom it is for, and its tiers with how they combine.
"""

from __future__ import annotations

from dataclasses import dataclass

from generators.forms.phrases import N_, Both, Phrase
from generators.forms.rules import Option
from generators.forms.wording import Wording
from generators.i18n.formatting import format_cny, format_rate
from generators.views import FormView, IncentiveView, MeasureView, Text


@dataclass(frozen=True)
class MeasureRow:
    label: Phrase
    zh: list[str]
    en: list[str] | None
    """None while the English is pending: the row says so instead."""
    long: bool = False
    """May run over a page break (the clause's text)."""


def measure_rows(form: FormView, wording: Wording) -> list[MeasureRow]:
    rows = [_source(form), _clause(form)]
    incentives = list(zip(form.zh.incentives, form.en.incentives, strict=True))
    for index, (zh, en) in enumerate(incentives):
        options = [o for o in form.rules.options if o.incentive == index]
        label = (
            Phrase.of(N_("Support %(number)s"), number=Both.same(str(index + 1)))
            if len(incentives) > 1
            else Phrase(N_("Support"))
        )
        rows.append(_incentive(label, zh, en, options, wording))
    if form.zh.departments:
        rows.append(
            MeasureRow(
                Phrase(N_("Responsible units")),
                ["、".join(d.value for d in form.zh.departments)],
                ["; ".join(d.value for d in form.en.departments)],
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


def _incentive(
    label: Phrase,
    zh: IncentiveView,
    en: IncentiveView,
    options: list[Option],
    wording: Wording,
) -> MeasureRow:
    lines: dict[str, list[str]] = {"zh": [], "en": []}
    pending = False
    first = options[0]

    def line(phrase: Phrase) -> None:
        nonlocal pending
        pending = pending or phrase.pending
        for lang in ("zh", "en"):
            lines[lang].append(wording.text(phrase, lang))

    if first.target is not None:
        line(Phrase.of(N_("For: %(who)s"), who=Both.of(first.target)))
    if first.tier is None and first.amount_cny is not None:
        line(_amount_line(first))
    if first.rate is not None:
        rate = Both(format_rate(_rate_value(first), "zh"), format_rate(_rate_value(first), "en"))
        qualifier = {
            "maximum": N_("Rate: up to %(rate)s of %(basis)s"),
            "fixed": N_("Rate: %(rate)s of %(basis)s"),
            "range": N_("Rate: %(rate)s of %(basis)s, set by the office within the range"),
        }[first.rate_is or "fixed"]
        basis = _basis(zh.basis, en.basis)
        if basis is None:
            qualifier = {
                "maximum": N_("Rate: up to %(rate)s"),
                "fixed": N_("Rate: %(rate)s"),
                "range": N_("Rate: %(rate)s, set by the office within the range"),
            }[first.rate_is or "fixed"]
            line(Phrase.of(qualifier, rate=rate))
        else:
            line(Phrase.of(qualifier, rate=rate, basis=basis))
    for option in options:
        if option.tier is not None:
            line(_tier_line(option))
    if first.combine is not None:
        line(
            Phrase(
                {
                    "difference": N_(
                        "Moving up a tier pays only the difference from what was already paid"
                    ),
                    "cumulative": N_("Each tier reached pays its own amount"),
                    "alternatives": N_("One tier applies"),
                }[first.combine]
            )
        )
    return MeasureRow(label, lines["zh"], None if pending else lines["en"])


def _rate_value(option: Option) -> float | tuple[float, float]:
    assert option.rate is not None
    low, high = option.rate
    return low if low == high else (low, high)


def _basis(zh: Text | None, en: Text | None) -> Both | None:
    if zh is None:
        return None
    return Both(zh.value, None if en is None or en.pending else en.value)


def _money(amount: int) -> dict[str, Both]:
    return {
        "amount": Both(format_cny(amount, "zh"), format_cny(amount, "en")),
        "yuan": Both(f"{amount:,}元", f"RMB {amount:,}"),
    }


def _amount_line(option: Option) -> Phrase:
    assert option.amount_cny is not None
    money = _money(option.amount_cny)
    if option.per_unit is not None:
        msgid = (
            N_("Amount: up to %(amount)s (%(yuan)s) per %(unit)s")
            if option.amount_is == "maximum"
            else N_("Amount: %(amount)s (%(yuan)s) per %(unit)s, fixed")
        )
        return Phrase.of(msgid, unit=Both.of(option.per_unit), **money)
    msgid = (
        N_("Amount: up to %(amount)s (%(yuan)s)")
        if option.amount_is == "maximum"
        else N_("Amount: %(amount)s (%(yuan)s), fixed")
    )
    return Phrase.of(msgid, **money)


def _tier_line(option: Option) -> Phrase:
    assert option.amount_cny is not None and option.tier is not None
    threshold = (
        Both(format_cny(option.threshold_cny, "zh"), format_cny(option.threshold_cny, "en"))
        if option.threshold_cny is not None
        else Both("—", "—")
    )
    msgid = (
        N_("Tier %(number)s: from %(threshold)s, up to %(amount)s (%(yuan)s)")
        if option.amount_is == "maximum"
        else N_("Tier %(number)s: from %(threshold)s, %(amount)s (%(yuan)s)")
    )
    return Phrase.of(
        msgid, number=Both.same(option.key), threshold=threshold, **_money(option.amount_cny)
    )

"""The request of a returned form against what the measure grants, as content says today.

The support applied for decides the limit: its maximum or fixed amount (times the count
for per-unit amounts), its rate times the amount that rate applies to, and for a tier its
threshold and, for top-up tiers, only the difference from what was already received.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from generators.forms.phrases import N_
from generators.forms.rules import Option
from generators.forms.spec import (
    COUNT_FIELD,
    PRIOR_FIELD,
    REQUESTED_FIELD,
    THRESHOLD_FIELD,
    WORDS_FIELD,
    FormSpec,
)
from generators.i18n.formatting import format_rate
from generators.readback.capital import NotCapital, parse_capital_amount
from generators.readback.checks import amount_value, text_value
from generators.readback.fields import FieldValue
from generators.readback.report import Reporter

CENT = Decimal("0.01")


def chosen_options(spec: FormSpec, values: dict[str, FieldValue]) -> list[Option]:
    """The options ticked; the only one when the measure grants one thing."""
    if not spec.rules.choice:
        return list(spec.rules.options)
    return [o for o in spec.rules.options if o.field and _ticked(values, o.field)]


def _ticked(values: dict[str, FieldValue], name: str) -> bool:
    field = values.get(name)
    return field is not None and field.value is True


def check_request(spec: FormSpec, values: dict[str, FieldValue], say: Reporter) -> None:
    requested = amount_value(values, REQUESTED_FIELD)
    if requested is not None:
        if requested == 0:
            say.error(REQUESTED_FIELD, "zero-request", N_("a request of 0 yuan"))
        chosen = chosen_options(spec, values)
        if len(chosen) == 1:
            _check_option(spec, chosen[0], requested, values, say)
        elif spec.rules.max_cny is not None and requested > spec.rules.max_cny:
            # No single option to check against: the measure's highest amount still holds.
            say.error(
                REQUESTED_FIELD,
                "above-cap",
                N_("%(requested)s is above the highest amount of this measure, %(limit)s"),
                requested=say.money(requested),
                limit=say.money(spec.rules.max_cny),
            )
    _check_words(values, requested, say)


def _check_option(
    spec: FormSpec,
    option: Option,
    requested: Decimal,
    values: dict[str, FieldValue],
    say: Reporter,
) -> None:
    name = (
        say.quote(say.label(option.field), limit=None)
        if option.field
        else say.say(N_("this measure"))
    )
    if option.amount_cny is not None:
        _check_amount(option, requested, values, name, say)
    if option.rate is not None and option.basis is not None:
        basis = amount_value(values, option.basis.field)
        if basis is not None:
            high = Decimal(str(option.rate[1]))
            limit = (basis * high / 100).quantize(CENT, rounding=ROUND_HALF_UP)
            if requested > limit:
                say.error(
                    REQUESTED_FIELD,
                    "above-rate",
                    N_(
                        "%(requested)s is above %(rate)s of %(basis)s %(amount)s, that is %(limit)s"
                    ),
                    requested=say.money(requested),
                    rate=format_rate(option.rate[1], say.lang),
                    basis=say.label(option.basis.field),
                    amount=say.money(basis),
                    limit=say.money(limit),
                )
    if option.tier is not None:
        _check_tier(option, requested, values, name, say)


def _check_amount(
    option: Option, requested: Decimal, values: dict[str, FieldValue], name: str, say: Reporter
) -> None:
    assert option.amount_cny is not None
    amount = Decimal(option.amount_cny)
    if option.tier is not None and option.combine == "difference":
        return  # a top-up tier: checked against the difference in _check_tier
    if option.per_unit is not None:
        count_text = text_value(values, COUNT_FIELD)
        if not (count_text.isdigit() and int(count_text) > 0):
            return  # reported as a field problem
        count = int(count_text)
        limit = amount * count
        above = N_("%(requested)s is above %(count)s × %(amount)s = %(limit)s (%(option)s)")
        args = {"count": count, "amount": say.money(amount)}
    else:
        limit = amount
        above = N_("%(requested)s is above the amount of %(option)s, %(limit)s")
        args = {}
    if requested > limit:
        say.error(
            REQUESTED_FIELD,
            "above-cap",
            above,
            requested=say.money(requested),
            limit=say.money(limit),
            option=name,
            **args,
        )
    elif option.amount_is == "fixed" and requested < limit:
        say.warning(
            REQUESTED_FIELD,
            "below-fixed",
            N_("%(requested)s is less than the fixed amount %(limit)s of %(option)s"),
            requested=say.money(requested),
            limit=say.money(limit),
            option=name,
        )


def _check_tier(
    option: Option, requested: Decimal, values: dict[str, FieldValue], name: str, say: Reporter
) -> None:
    assert option.amount_cny is not None
    figure = amount_value(values, THRESHOLD_FIELD)
    if figure is not None and option.threshold_cny is not None:
        if figure < option.threshold_cny:
            say.error(
                THRESHOLD_FIELD,
                "below-threshold",
                N_(
                    "%(value)s has not reached the threshold of the tier applied for, %(threshold)s"
                ),
                value=say.money(figure),
                threshold=say.money(option.threshold_cny),
            )
        elif option.next_threshold_cny is not None and figure >= option.next_threshold_cny:
            say.warning(
                THRESHOLD_FIELD,
                "higher-tier",
                N_("%(value)s reaches a higher tier (from %(next)s); check the tier applied for"),
                value=say.money(figure),
                next=say.money(option.next_threshold_cny),
            )
    if option.combine != "difference":
        return
    amount = Decimal(option.amount_cny)
    prior = amount_value(values, PRIOR_FIELD)
    if prior is None:
        prior = Decimal(0) if text_value(values, PRIOR_FIELD) == "" else None
    if prior is None:
        return  # malformed: reported as a field problem
    if prior >= amount:
        say.error(
            PRIOR_FIELD,
            "nothing-left",
            N_(
                "%(prior)s already received is not less than %(amount)s of %(option)s: "
                "a top-up tier has nothing left to pay"
            ),
            prior=say.money(prior),
            amount=say.money(amount),
            option=name,
        )
        return
    if prior and prior not in {Decimal(a) for a in option.lower_amounts}:
        say.warning(
            PRIOR_FIELD,
            "prior-not-a-tier",
            N_("%(prior)s is not the amount of a lower tier of this list (%(amounts)s)"),
            prior=say.money(prior),
            amounts=say.join([say.cny(a) for a in option.lower_amounts]) or "—",
        )
    limit = amount - prior
    if requested > limit:
        say.error(
            REQUESTED_FIELD,
            "above-difference",
            N_(
                "%(requested)s is above what %(option)s pays on top of what was received: "
                "%(amount)s − %(prior)s = %(limit)s"
            ),
            requested=say.money(requested),
            option=name,
            amount=say.money(amount),
            prior=say.money(prior),
            limit=say.money(limit),
        )


def _check_words(values: dict[str, FieldValue], requested: Decimal | None, say: Reporter) -> None:
    words = text_value(values, WORDS_FIELD)
    if not words:
        return
    try:
        spelled = parse_capital_amount(words)
    except NotCapital:
        say.error(
            WORDS_FIELD,
            "not-capital",
            N_("%(value)s is not a well-formed amount in Chinese capital numerals"),
            value=say.quote(words),
        )
        return
    if requested is not None and spelled != requested:
        say.error(
            WORDS_FIELD,
            "words-differ",
            N_("%(value)s is %(spelled)s, not the %(requested)s in figures"),
            value=say.quote(words),
            spelled=say.money(spelled),
            requested=say.money(requested),
        )

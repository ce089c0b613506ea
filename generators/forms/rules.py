"""What a measure grants, as its form asks for it and readback checks it: from content only.

A returned form only says which measure and version it was made from; the amounts, rates,
tiers and units it is checked against are these, built from the clause as it stands.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generators.model import AmountIs, BiText, Clause, Incentive, RateIs, TiersCombine

TOTAL_INVESTMENT_FIELD = "total_investment_cny"
BASIS_FIELDS = ("eligible_cost_cny", "eligible_cost2_cny", "eligible_cost3_cny")
"""Fields for the amounts rates apply to, one per distinct basis of the measure."""
TOTAL_INVESTMENT_WORDS = frozenset({"项目总投入", "项目总投资", "总投入", "总投资", "项目投资总额"})
"""Bases that are the project's total investment, which every form already asks for."""


@dataclass(frozen=True)
class Basis:
    field: str
    """The form field holding the amount the rate applies to."""
    text: BiText | None
    """What the policy calls that amount (攻关投入); None when it does not say."""


@dataclass(frozen=True)
class Option:
    """One thing an applicant can apply for: an incentive, or one tier of a tiered one."""

    key: str
    """How the form numbers it: "1", or "2.3" for the third tier of the second incentive."""
    field: str | None
    """The checkbox that chooses it; None when the measure grants one thing only."""
    incentive: int
    """Index of the incentive in the clause."""
    tier: int | None
    target: BiText | None
    amount_cny: int | None
    """The maximum or the fixed sum (of this tier), per unit when per_unit is set."""
    amount_is: AmountIs | None
    """None when the incentive states only a rate."""
    per_unit: BiText | None
    rate: tuple[float, float] | None
    rate_is: RateIs | None
    basis: Basis | None
    threshold_cny: int | None
    next_threshold_cny: int | None
    """The next tier's threshold: an applicant above it belongs to a higher tier."""
    combine: TiersCombine | None
    lower_amounts: tuple[int, ...] = ()
    """Amounts of the lower tiers of the same list (what may already have been paid)."""


@dataclass(frozen=True)
class MeasureRules:
    options: tuple[Option, ...]
    bases: tuple[Basis, ...]
    """Distinct amounts the measure's rates apply to, each with its form field."""
    units: tuple[BiText, ...]
    """Distinct units per-unit amounts are paid for (specialty, product, standard)."""
    threshold: BiText | None
    """What tier thresholds measure (annual sales revenue), when the measure has tiers."""
    max_cny: int | None

    @property
    def choice(self) -> bool:
        """The applicant must tick which option the application is for."""
        return len(self.options) > 1

    @property
    def tiered(self) -> bool:
        return any(o.tier is not None for o in self.options)

    @property
    def difference(self) -> bool:
        return any(o.combine == "difference" for o in self.options)

    def option(self, key: str) -> Option | None:
        return next((o for o in self.options if o.key == key), None)

    def texts(self) -> list[BiText]:
        """Every content text the form shows from these rules (labels of its fields)."""
        found: list[BiText] = []
        for option in self.options:
            found.extend(t for t in (option.target, option.per_unit) if t is not None)
        found.extend(b.text for b in self.bases if b.text is not None)
        found.extend(self.units)
        if self.threshold is not None:
            found.append(self.threshold)
        return found

    def summary(self) -> dict[str, object]:
        """The figures a form is made with, stored in it to name what changed later."""
        return {
            "max_cny": self.max_cny,
            "options": {o.key: option_figures(o) for o in self.options},
        }


def option_figures(option: Option) -> dict[str, object]:
    return {
        "amount_cny": option.amount_cny,
        "amount_is": option.amount_is,
        "per_unit": option.per_unit.zh if option.per_unit else None,
        "rate": list(option.rate) if option.rate else None,
        "basis": option.basis.text.zh if option.basis and option.basis.text else None,
        "threshold_cny": option.threshold_cny,
        "combine": option.combine,
    }


def measure_rules(clause: Clause) -> MeasureRules:
    bases: list[Basis] = []
    units: list[BiText] = []
    options: list[Option] = []
    for index, incentive in enumerate(clause.incentives):
        rate = _rate(incentive.rate_pct)
        basis = _basis(incentive, bases) if rate is not None else None
        unit = incentive.per_unit
        if unit is not None and all(u.zh != unit.zh for u in units):
            units.append(unit)
        shared = Option(
            key=str(index + 1),
            field=None,
            incentive=index,
            tier=None,
            target=incentive.target,
            amount_cny=incentive.max_cny,
            amount_is=incentive.amount_is,
            per_unit=unit,
            rate=rate,
            rate_is=incentive.rate_is,
            basis=basis,
            threshold_cny=None,
            next_threshold_cny=None,
            combine=None,
        )
        if not incentive.tiers:
            options.append(shared)
        tiers = incentive.tiers
        for number, tier in enumerate(tiers, start=1):
            following = tiers[number] if number < len(tiers) else None
            options.append(
                replace(
                    shared,
                    key=f"{index + 1}.{number}",
                    tier=number - 1,
                    amount_cny=tier.amount_cny,
                    threshold_cny=tier.threshold_cny,
                    next_threshold_cny=following.threshold_cny if following else None,
                    combine=incentive.tiers_combine,
                    lower_amounts=tuple(t.amount_cny for t in tiers[: number - 1]),
                )
            )
    if len(options) > 1:
        options = [replace(o, field="option_" + o.key.replace(".", "_")) for o in options]
    thresholds = [i.threshold for i in clause.incentives if i.tiers]
    return MeasureRules(
        options=tuple(options),
        bases=tuple(bases),
        units=tuple(units),
        threshold=next((t for t in thresholds if t is not None), None),
        max_cny=clause.max_cny,
    )


def _rate(rate: float | tuple[float, float] | None) -> tuple[float, float] | None:
    if rate is None:
        return None
    return rate if isinstance(rate, tuple) else (rate, rate)


def _basis(incentive: Incentive, bases: list[Basis]) -> Basis:
    """The field a rate's basis is entered in; the same words share one field."""
    text = incentive.basis
    for known in bases:
        if (known.text.zh if known.text else None) == (text.zh if text else None):
            return known
    if text is not None and text.zh.strip() in TOTAL_INVESTMENT_WORDS:
        field = TOTAL_INVESTMENT_FIELD
    else:
        taken = [b.field for b in bases if b.field != TOTAL_INVESTMENT_FIELD]
        field = BASIS_FIELDS[min(len(taken), len(BASIS_FIELDS) - 1)]
    basis = Basis(field, text)
    bases.append(basis)
    return basis

"""The measure matcher's data (政策计算器), embedded in the portal as JSON.

For each incentive: its figures (cap, how the amount is meant, rate and how it is meant),
the activities it may support and the applicants it names (views/matcher.py), and the
wording of an amount the page computes for a spend (rate × spend, within the cap). That
wording comes from templates/shared/money.j2 like every other amount: the macro phrases a
placeholder amount with the incentive's own qualifier and scope ("up to ⟨X⟩ per project"),
and the page puts the computed figure, formatted as format_cny formats it, in its place.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from generators.model import Matcher
from generators.project import LANGS
from generators.views.matcher import applicant_lineage
from generators.views.measure import IncentiveView
from generators.views.portal import PortalView

PLACEHOLDER = "\u2060AMOUNT\u2060"
"""Stands for the computed amount in a phrase; the page replaces it."""

Phrase = Callable[[IncentiveView, str], str]


def matcher_data(view: PortalView, amount: Phrase) -> dict[str, Any]:
    """`amount` is money.j2's amount macro: (incentive view, lang) → phrase."""
    used_activities: set[str] = set()
    used_applicants: set[str] = set()
    measures: list[dict[str, Any]] = []
    for measure in view.measures:
        incentives = []
        for index, tags in enumerate(measure.tags):
            used_activities.update(tags.activities)
            used_applicants.update(tags.applicants)
            pair = {lang: measure.view(lang).incentives[index] for lang in LANGS}
            incentives.append(_incentive(pair, tags.activities, tags.applicants, amount))
        measures.append(
            {"id": measure.zh.qualified_id, "s": list(measure.sectors), "i": incentives}
        )
    matcher: Matcher = view.matcher
    return {
        "placeholder": PLACEHOLDER,
        "activities": [k for k in matcher.activities if k in used_activities],
        "applicants": {
            key: list(applicant_lineage(matcher, key))
            for key in matcher.applicants
            # Asked about when an incentive names this kind or a broader one it belongs to.
            if any(k in used_applicants for k in applicant_lineage(matcher, key))
        },
        "measures": measures,
    }


def _incentive(
    pair: dict[str, IncentiveView],
    activities: tuple[str, ...],
    applicants: tuple[str, ...],
    amount: Phrase,
) -> dict[str, Any]:
    zh = pair["zh"]
    tiers = [t.amount_cny for t in zh.tiers]
    data: dict[str, Any] = {
        "a": list(activities),
        "w": list(applicants),
        "cap": zh.amount_cny,
        "amountIs": zh.amount_is,
        "top": max([zh.amount_cny or 0, *tiers]),
    }
    rate = _rate_high(zh)
    if rate is not None:
        data["rate"] = rate
        data["rateIs"] = zh.rate_is
        data["basis"] = {lang: v.basis.value if v.basis else "" for lang, v in pair.items()}
        data["phrase"] = {
            qualifier: {lang: amount(_computed(v, qualifier), lang) for lang, v in pair.items()}
            for qualifier in ("maximum", "fixed")
        }
    return data


def _rate_high(view: IncentiveView) -> float | None:
    """The highest rate the incentive states (the top of a range the office decides in)."""
    rate = view.rate_pct
    return rate[1] if isinstance(rate, tuple) else rate


def _computed(view: IncentiveView, qualifier: str) -> IncentiveView:
    """The incentive as if it stated the computed amount: its scope (per project, per
    company per year) kept; no per-unit or tiers, which a spend does not reach."""
    return dataclasses.replace(
        view, amount=PLACEHOLDER, amount_is=qualifier, per_unit=None, tiers=(), amount_cny=None
    )

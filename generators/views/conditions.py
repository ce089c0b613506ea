"""The conditions that apply to every measure of a policy, as outputs show them."""

from __future__ import annotations

from dataclasses import dataclass

from generators.deps import ClausePart, Deps, DivisionPart, PolicyPart, TextPart
from generators.model import Division, Policy
from generators.numerals import number_value
from generators.provisions import Provision, governing_provisions
from generators.views.measure import anchor_of, clause_label, page_path
from generators.views.text import Text, text_of


@dataclass(frozen=True)
class ConditionView:
    kinds: tuple[str, ...]
    """What it governs: scope, eligibility, no-double-funding, annual-cap, ..."""
    where: str
    """Where it stands in the policy, as people cite it (第17条, 四、支持推进)."""
    text: Text
    link: str
    """Its place on the policy page."""


@dataclass(frozen=True)
class PolicyConditions:
    policy_id: str
    policy_title: Text
    items: tuple[ConditionView, ...]


def policy_conditions(policy: Policy, lang: str, deps: Deps) -> PolicyConditions:
    """Every governing provision of a policy in one language (none: an empty tuple)."""
    items = tuple(_condition(policy, p, lang, deps) for p in governing_provisions(policy))
    return PolicyConditions(
        policy.id, text_of(policy.title, lang, deps, PolicyPart(policy.id)), items
    )


def _condition(policy: Policy, provision: Provision, lang: str, deps: Deps) -> ConditionView:
    if provision.clause is not None:
        key: TextPart = ClausePart(policy.qualified(provision.clause))
        where = clause_label(policy, provision.clause, lang)
        link = f"{page_path(policy)}#{anchor_of(provision.clause)}"
    else:
        key = (
            DivisionPart.of(policy.id, provision.division)
            if provision.division
            else PolicyPart(policy.id)
        )
        division = policy.division(provision.division)
        where = division_label(policy, division, lang) if division else ""
        link = f"{page_path(policy)}#{division_anchor(division) if division else 'top'}"
    deps.add(key.in_lang("zh"), [provision.kinds, provision.part])
    return ConditionView(provision.kinds, where, text_of(provision.text, lang, deps, key), link)


def division_anchor(division: Division) -> str:
    return f"d-{division.key}"


def division_label(policy: Policy, division: Division, lang: str) -> str:
    """A chapter, section or box as people cite it: 第四章, 三（一）, 专栏4; Chapter 4, Box 4."""
    if division.kind == "box":
        return f"专栏{division.number}" if lang == "zh" else f"Box {number_value(division.number)}"
    if division.kind == "section":
        parent = policy.division(division.parent)
        if lang == "zh":
            return f"{parent.number + '、' if parent else ''}（{division.number}）"
        prefix = f"Chapter {number_value(parent.number)} " if parent else ""
        return f"{prefix}({number_value(division.number)})"
    return f"第{division.number}章" if lang == "zh" else f"Chapter {number_value(division.number)}"

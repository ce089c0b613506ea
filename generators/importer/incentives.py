"""Support measures in a clause: caps, rates and their basis, tiers, units, kind.

Only amounts the text grants count as caps; thresholds (年销售收入首次突破10亿元),
targets (产业规模突破3300亿元) and budgets (统筹安排100亿经费) do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generators.amounts import Amount, Rate, find_amounts, find_rates

# Amounts joined by these belong to one list ("分别给予最高300万、200万元").
_LIST_JOIN = re.compile(r"^\s*(?:元)?(?:/[项个人年家])?\s*[、，,和及或与]\s*(?:最高)?\s*$")
_BUDGET_BEFORE = re.compile(
    r"(总额|总量|总规模|规模|合计|预算|统筹安排|安排)\s*(不超过|不高于|达到|超过|为)?\s*$"
)
_THRESHOLD_BEFORE = re.compile(r"(?<!不)(突破|超过|达到|高于|累计在?|不低于|以上|增长)\s*$")
_THRESHOLD_AFTER = re.compile(r"^\s*(以上|及以上|以下|规模|级)")
_BUDGET_AFTER = re.compile(r"^\s*(经费|预算|资金池|总额)")
_GRANT_BEFORE = re.compile(
    r"(给予|奖励|补助|资助|补贴|扶持|最高|不超过|上限为?|一次性)\s*(最高|不超过)?\s*$"
    r"|给予[^,，。；;:：]{0,8}$"
)
_GRANT_AFTER = re.compile(
    r"^(?:/[项个人年家])?\s*的?\s*(?:[\u4e00-\u9fff]{0,6}?)(奖励|补助|资助|补贴|扶持|支持|奖补)"
)
_KIND_WORDS = (
    ("reimbursement", re.compile(r"报销|风险补偿|补偿")),
    ("award", re.compile(r"奖励|奖补")),
    ("subsidy", re.compile(r"补助|补贴|贴息")),
    ("grant", re.compile(r"资助|扶持|支持")),
)
_GRANT_CONTEXT = re.compile(r"给予|奖励|补助|资助|补贴|扶持|补偿|奖补|比例")
_PER = (
    ("item", re.compile(r"/项|每项|每个项目库")),
    ("project", re.compile(r"单个项目|每个项目|单一项目|/个项目")),
    ("company", re.compile(r"单个企业|每家企业|每个企业|单家企业|/家")),
    ("product", re.compile(r"每个产品|每款产品|单个产品")),
    ("platform", re.compile(r"单个平台")),
    ("person", re.compile(r"每人|/人|个人")),
    ("year", re.compile(r"每年|年补助|/年|每一年度")),
)
_RATE_TAIL = r"(?:的)?(?:最高)?\s*(?:\d+(?:\.\d+)?\s*%?\s*[~～\-—–至到]\s*)?\d+(?:\.\d+)?\s*%$"
_BASIS = re.compile(r"按(?:照)?(?P<basis>[^,，。；;按]{1,60}?)" + _RATE_TAIL)
_BASIS_GIVE = re.compile(r"给予(?P<basis>[^,，。；;给]{2,30}?)最高\s*\d+(?:\.\d+)?\s*%$")


@dataclass(frozen=True)
class Tier:
    threshold_cny: int | None
    amount_cny: int


@dataclass(frozen=True)
class ParsedIncentive:
    kind: str
    max_cny: int | None
    rate: Rate | None
    rate_basis: str | None
    per: tuple[str, ...]
    tiers: tuple[Tier, ...] = field(default=())
    source: str = ""
    """The words of the clause this incentive was read from."""


def segments(text: str) -> list[tuple[int, str]]:
    """Sentences and semicolon parts, keeping separators inside brackets."""
    parts: list[tuple[int, str]] = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char in "(（【[":
            depth += 1
        elif char in ")）】]":
            depth = max(0, depth - 1)
        elif char in "。；;!！?？" and depth == 0:
            parts.append((start, text[start : index + 1]))
            start = index + 1
    if text[start:].strip():
        parts.append((start, text[start:]))
    return parts


def parse_incentives(text: str) -> list[ParsedIncentive]:
    """Every support measure the clause text grants, in the order written."""
    incentives: list[ParsedIncentive] = []
    for _, segment in segments(text):
        incentives.extend(_segment_incentives(segment))
    return incentives


def _segment_incentives(segment: str) -> list[ParsedIncentive]:
    groups = _amount_lists(segment)
    caps: list[list[Amount]] = []
    thresholds: list[list[Amount]] = []
    for group in groups:
        role = _role(segment, group)
        if role == "cap":
            caps.append(group)
        elif role == "threshold":
            thresholds.append(group)
    rates = [r for r in find_rates(segment)] if _GRANT_CONTEXT.search(segment) else []
    if not caps and not rates:
        return []
    per = tuple(name for name, pattern in _PER if pattern.search(segment))
    source = segment.strip()
    found: list[ParsedIncentive] = []
    used_rates: set[int] = set()
    for group in caps:
        rate = _rate_for(group[0], rates, used_rates)
        tiers: tuple[Tier, ...] = ()
        if "分别" in segment and len(group) > 1:
            matching = [
                t for t in thresholds if len(t) == len(group) and t[0].start < group[0].start
            ]
            if matching:
                tiers = tuple(
                    Tier(t.value, a.value) for t, a in zip(matching[-1], group, strict=True)
                )
        if tiers or len(group) == 1:
            found.append(
                _incentive(segment, group, max(a.value for a in group), rate, per, tiers, source)
            )
        else:
            for amount in group:
                found.append(_incentive(segment, [amount], amount.value, rate, per, (), source))
    for index, rate in enumerate(rates):
        if index not in used_rates:
            found.append(_incentive(segment, [], None, rate, per, (), source))
    return found


def _incentive(
    segment: str,
    group: list[Amount],
    max_cny: int | None,
    rate: Rate | None,
    per: tuple[str, ...],
    tiers: tuple[Tier, ...],
    source: str,
) -> ParsedIncentive:
    anchor = group[-1].end if group else (rate.end if rate else 0)
    return ParsedIncentive(
        kind=_kind(segment, anchor),
        max_cny=max_cny,
        rate=rate,
        rate_basis=_basis(segment, rate) if rate else None,
        per=per,
        tiers=tiers,
        source=source,
    )


def _amount_lists(segment: str) -> list[list[Amount]]:
    groups: list[list[Amount]] = []
    for amount in find_amounts(segment):
        if groups and _LIST_JOIN.match(segment[groups[-1][-1].end : amount.start]):
            groups[-1].append(amount)
        else:
            groups.append([amount])
    return groups


def _role(segment: str, group: list[Amount]) -> str:
    before = segment[max(0, group[0].start - 16) : group[0].start]
    after = segment[group[-1].end : group[-1].end + 14]
    if _BUDGET_BEFORE.search(before) or _BUDGET_AFTER.match(after):
        return "budget"
    if re.search(r"最高\s*(不超过)?\s*$", before):
        return "cap"
    if _THRESHOLD_BEFORE.search(before) or _THRESHOLD_AFTER.match(after):
        return "threshold"
    if _GRANT_BEFORE.search(before) or _GRANT_AFTER.match(after):
        return "cap"
    return "other"


def _rate_for(amount: Amount, rates: list[Rate], used: set[int]) -> Rate | None:
    """The rate written with a cap: the nearest unused one before it, else after it."""
    before = [i for i, r in enumerate(rates) if i not in used and r.end <= amount.start]
    after = [i for i, r in enumerate(rates) if i not in used and r.start >= amount.end]
    chosen = before[-1] if before else (after[0] if after else None)
    if chosen is None:
        return None
    used.add(chosen)
    return rates[chosen]


def _kind(segment: str, anchor: int) -> str:
    """The kind named by the nearest support word after the amount, else before it."""
    after = segment[anchor : anchor + 14]
    hits = [(m.start(), name) for name, p in _KIND_WORDS if (m := p.search(after))]
    if hits:
        return min(hits)[1]
    before = segment[:anchor]
    hits = [(-m.end(), name) for name, p in _KIND_WORDS for m in p.finditer(before)]
    return min(hits)[1] if hits else "other"


def _basis(segment: str, rate: Rate) -> str | None:
    """What the rate applies to: 按<basis>的50%, 给予<basis>最高30%."""
    head = _strip_long_brackets(segment[: rate.end])
    for pattern in (_BASIS, _BASIS_GIVE):
        if m := pattern.search(head):
            basis = re.sub(r"^最高", "", m.group("basis"))
            basis = re.sub(r"(比例|的)$", "", basis).strip()
            return basis or None
    return None


def _strip_long_brackets(text: str) -> str:
    """Drop bracketed explanations longer than a few characters (they list what counts)."""
    return re.sub(r"[(（][^()（）]{9,}[)）]", "", text).strip()

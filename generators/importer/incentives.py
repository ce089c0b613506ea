"""Support measures in a clause: caps, rates and their basis, tiers, units, kind.

Only amounts the text grants count as caps; thresholds (年销售收入首次突破10亿元),
targets (产业规模突破3300亿元) and budgets (统筹安排100亿经费) do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from generators.amounts import Amount, Rate, find_amounts, find_rates
from generators.importer import wording
from generators.importer.wording import distribute

_BUDGET_BEFORE = re.compile(
    r"(总额|总量|总规模|规模|合计|预算|统筹安排|安排)\s*(不超过|不高于|达到|超过|为)?\s*$"
)
_THRESHOLD_BEFORE = re.compile(
    r"(?<!不)(突破|超过|达到|高于|累计在?|不低于|以上|增长)\s*$"
    r"|(?:收入|营收|产值|销售额|投资额|规模)\s*[:：]?\s*$"
)
_THRESHOLD_AFTER = re.compile(r"^\s*(以上|及以上|以下|规模|级)")
_BUDGET_AFTER = re.compile(r"^\s*(经费|预算|资金池|总额)")
_GRANT_BEFORE = re.compile(
    r"(给予|奖励|补助|资助|补贴|扶持|最高|不超过|上限为?|一次性|可提升至|可提高至)\s*"
    r"(最高|不超过|可提升至|可提高至)?\s*$"
    r"|给予[^,，。；;:：]{0,8}$"
    r"|(奖励|补助|资助|补贴|支持|扶持)(金额|标准|额度|资金)\s*[:：为]?\s*(最高|不超过)?\s*$"
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
    # The scope a maximum holds for (单个企业每年不超过…, 同一单位年度最高…).
    ("project", re.compile(r"单个项目|单一项目|/个项目|同一项目")),
    ("company", re.compile(r"单个企业|单家企业|同一企业|同一单位|单个单位|/家")),
    ("platform", re.compile(r"单个平台")),
    ("year", re.compile(r"每年|年补助|/年|每一年度|年度最高|年度累计|年度不超过|每年度")),
)
_SCOPED_CAP = re.compile(r"单个企业|单家企业|同一企业|同一单位|每家企业|单个项目|同一项目")
"""Before 总额不超过 these make it a cap per enterprise or project, not a budget."""
_POINTS = re.compile(r"(?P<value>\d+(?:\.\d+)?)\s*个百分点")
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
    amount_is: str | None = None
    """maximum or fixed (wording.amount_is), when max_cny is set."""
    rate_is: str | None = None
    rate_unit: str = "percent"
    """percent, or points: 不超过1.5个百分点 of interest subsidy is not 1.5% of anything."""
    per_unit: str | None = None
    target: str | None = None
    tiers_combine: str | None = None
    threshold: str | None = None
    """What tier thresholds measure (年销售收入首次突破)."""


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
    read = [_segment_incentives(segment) for _, segment in segments(text)]
    incentives: list[ParsedIncentive] = []
    index = 0
    while index < len(read):
        run = index
        while run < len(read) and _tier_step(read[run]) is not None:
            run += 1
        if run - index >= 2:  # 首次突破1亿元的，给予200万元；首次突破5亿元的，给予300万元…
            incentives.append(_merge_tier_steps(read[index:run]))
            index = run
        else:
            incentives.extend(read[index][0])
            index += 1
    return incentives


_SegmentRead = tuple[list["ParsedIncentive"], list[list[Amount]], str]


def _tier_step(read: _SegmentRead) -> Amount | None:
    """The threshold of a segment that is one step of a tier list written step by step."""
    found, thresholds, _ = read
    if len(found) != 1 or len(thresholds) != 1 or len(thresholds[0]) != 1:
        return None
    only = found[0]
    if only.max_cny is None or only.rate is not None or only.tiers:
        return None
    return thresholds[0][0]


def _merge_tier_steps(reads: list[_SegmentRead]) -> ParsedIncentive:
    steps = [(r[0][0], _tier_step(r)) for r in reads]
    tiers = tuple(Tier(t.value if t else None, i.max_cny or 0) for i, t in steps)
    first, measured = steps[0]
    segment = reads[0][2]
    granted = [a for a in find_amounts(segment) if a.value == first.max_cny]
    at = granted[0].start if granted else len(segment)
    words = "".join(r[2] for r in reads)
    qualifiers = {i.amount_is for i, _ in steps}
    return ParsedIncentive(
        kind=first.kind,
        max_cny=max(t.amount_cny for t in tiers),
        rate=None,
        rate_basis=None,
        per=first.per,
        tiers=tiers,
        source=words.strip(),
        amount_is="maximum" if "maximum" in qualifiers else "fixed",
        target=_target(segment, at, [measured]) if measured else first.target,
        tiers_combine=wording.tiers_combine(words),
        threshold=_threshold_words(segment, [measured]) if measured else None,
    )


def _segment_incentives(segment: str) -> _SegmentRead:
    groups = wording.amount_groups(segment)
    caps: list[list[Amount]] = []
    thresholds: list[list[Amount]] = []
    for group in groups:
        role = _role(segment, group)
        if role == "cap":
            caps.append(group)
        elif role == "threshold":
            thresholds.append(group)
    rates = _rates(segment) if _GRANT_CONTEXT.search(segment) else []
    if not caps and not rates:
        return [], thresholds, segment
    per = tuple(name for name, pattern in _PER if pattern.search(segment))
    found: list[ParsedIncentive] = []
    used_rates: set[int] = set()
    for group in caps:
        rate = _rate_for(group[0], rates, used_rates)
        tiers: tuple[Tier, ...] = ()
        before = [t for t in thresholds if t[0].start < group[0].start]
        if "分别" in segment and len(group) > 1:
            matching = [t for t in before if len(t) == len(group)]
            if matching:
                tiers = tuple(
                    Tier(t.value, a.value) for t, a in zip(matching[-1], group, strict=True)
                )
        measured = before[-1] if tiers and before else None
        if tiers or len(group) == 1:
            found.append(_incentive(segment, group, rate, per, tiers, measured))
        else:  # 分别给予最高300万、200万元: one incentive per amount, 最高 for each
            shared = _target(segment, group[0].start, None)
            targets = distribute(shared, len(group)) if shared and "分别" in segment else None
            for index, amount in enumerate(group):
                one = _incentive(segment, [amount], rate, per, (), None, group=group)
                found.append(replace(one, target=targets[index]) if targets else one)
    for index, unused in enumerate(rates):
        if index not in used_rates:
            found.append(_incentive(segment, [], unused, per, (), None))
    return found, thresholds, segment


def _rates(segment: str) -> list[tuple[Rate, str]]:
    """Rates in percent and in percentage points (贴息不超过1.5个百分点), in order."""
    found = [(rate, "percent") for rate in find_rates(segment)]
    for m in _POINTS.finditer(segment):
        value = float(m.group("value"))
        found.append((Rate(value, value, m.start(), m.end()), "points"))
    return sorted(found, key=lambda pair: pair[0].start)


def _incentive(
    segment: str,
    amounts: list[Amount],
    rate: tuple[Rate, str] | None,
    per: tuple[str, ...],
    tiers: tuple[Tier, ...],
    measured: list[Amount] | None,
    group: list[Amount] | None = None,
) -> ParsedIncentive:
    """One incentive; `group` is the coordinated list an amount stands in (its qualifier
    word, 最高, stands before the first of them)."""
    group = group or amounts
    rated, unit = rate if rate else (None, "percent")
    anchor = amounts[-1].end if amounts else (rated.end if rated else 0)
    position = amounts[0].start if amounts else (rated.start if rated else 0)
    max_cny = max(a.value for a in amounts) if amounts else None
    return ParsedIncentive(
        kind=_kind(segment, anchor),
        max_cny=max_cny,
        rate=rated,
        rate_basis=_basis(segment, rated) if rated else None,
        per=per,
        tiers=tiers,
        source=segment.strip(),
        amount_is=wording.amount_is(segment, group[0], group[-1]) if amounts else None,
        rate_is=wording.rate_is(segment, rated) if rated else None,
        rate_unit=unit,
        per_unit=wording.per_unit(segment, amounts[-1]) if amounts else None,
        target=None if len(group) > len(amounts) else _target(segment, position, measured),
        tiers_combine=wording.tiers_combine(segment) if tiers else None,
        threshold=_threshold_words(segment, measured) if measured else None,
    )


def _target(segment: str, position: int, measured: list[Amount] | None) -> str | None:
    target = wording.target_of(segment, position)
    if target and measured:
        # 对年销售收入首次突破1亿元、5亿元的集成电路设计企业: the firms, not the threshold.
        tail = segment[measured[-1].end : position]
        cut = re.match(r"\s*(?:以上)?的?(?P<who>[^,，;；。]{2,40}?)[,，]?\s*(?:分别)?\s*给予", tail)
        return cut.group("who") if cut else target
    return target


def _threshold_words(segment: str, measured: list[Amount]) -> str | None:
    """What a threshold measures: the words before it in its phrase (年销售收入首次突破)."""
    phrase = wording.phrase_before(wording.mask_brackets(segment), measured[0].start)
    words = re.sub(r"^\s*(?:对于|对|凡|其)", "", phrase).strip()
    return segment[measured[0].start - len(words) : measured[0].start].strip() or None


def _role(segment: str, group: list[Amount]) -> str:
    before = segment[max(0, group[0].start - 16) : group[0].start]
    after = segment[group[-1].end : group[-1].end + 14]
    scoped = _SCOPED_CAP.search(segment[: group[0].start])
    if (_BUDGET_BEFORE.search(before) or _BUDGET_AFTER.match(after)) and not scoped:
        return "budget"
    if re.search(r"最高\s*(不超过)?\s*$", before):
        return "cap"
    if _THRESHOLD_BEFORE.search(before) or _THRESHOLD_AFTER.match(after):
        return "threshold"
    if _GRANT_BEFORE.search(before) or _GRANT_AFTER.match(after):
        return "cap"
    return "other"


def _rate_for(
    amount: Amount, rates: list[tuple[Rate, str]], used: set[int]
) -> tuple[Rate, str] | None:
    """The rate written with a cap: the nearest unused one before it, else after it."""
    before = [i for i, (r, _) in enumerate(rates) if i not in used and r.end <= amount.start]
    after = [i for i, (r, _) in enumerate(rates) if i not in used and r.start >= amount.end]
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

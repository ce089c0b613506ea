"""What the words around an amount or a rate say it is: a maximum or a fixed sum, paid per
unit, a rate that is a maximum, fixed or a range, tiers that pay only the difference.

One reader for both directions: the importer sets an incentive's qualifiers with it, and
`check` asks it whether qualifiers stored in content/ contradict the incentive's own
subject words (`problems_of`).

The words: 最高/不超过/不高于/上限/最多/封顶 before an amount (or 以内 after it) make it a
maximum, and 最高 distributes over amounts coordinated with it (分别给予最高300万、200万元;
最高100万元/项、50万元/项); 给予X万元 without such a word is a fixed sum. 每个/每家/每项/每款 +
noun, or X万元/项, pay per unit. 晋档补差/补差/差额 tiers pay only the difference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from generators.amounts import Amount, Rate, find_amounts, find_rates

if TYPE_CHECKING:
    from generators.model import Incentive

_MAXIMUM_BEFORE = re.compile(r"最高|不超过|不高于|上限|最多|至多|封顶|可提升至|可提高至")
_MAXIMUM_AFTER = re.compile(r"^\s*(?:元)?\s*(?:/[项个家人年款台])?\s*(?:以内|以下|为限|封顶)")
_PHRASE_END = re.compile(r"[,，;；。:：]")
_PER_SLASH = re.compile(r"^\s*/\s*([项个家人年款台套])")
_PER_EACH = re.compile(
    r"每(?:个|家|项|款|台|套|名)([\u4e00-\u9fff]{1,8}?)"
    r"(?=最高|不超过|每年|年度|给予|奖励|补助|资助|补贴|[,，]|$)"
)
_PER_EACH_ITEM = re.compile(r"每项(?!目)")
_DIFFERENCE = re.compile(r"补差|差额|晋档")
_CUMULATIVE = re.compile(r"累计(?:给予|奖励)|可叠加|累加")
_UNIT_NAMES = {"个": "个", "家": "家", "项": "项", "人": "人", "款": "款", "台": "台", "套": "套"}


def mask_brackets(text: str) -> str:
    """The text with bracketed explanations blanked (same length), so their punctuation
    and amounts do not cut or join the phrases around them."""
    out = list(text)
    depth = 0
    for index, char in enumerate(text):
        if char in "(（":
            depth += 1
        if depth:
            out[index] = "\u3000"
        if char in ")）" and depth:
            depth -= 1
    return "".join(out)


def phrase_before(masked: str, start: int) -> str:
    """The words from the last phrase break before `start` up to it."""
    head = masked[:start]
    breaks = list(_PHRASE_END.finditer(head))
    return head[breaks[-1].end() :] if breaks else head


def amount_is(segment: str, first: Amount, last: Amount) -> str:
    """`maximum` or `fixed` for a group of coordinated amounts (first..last) in a segment."""
    masked = mask_brackets(segment)
    if _MAXIMUM_BEFORE.search(phrase_before(masked, first.start)):
        return "maximum"
    if _MAXIMUM_AFTER.match(masked[last.end :]):
        return "maximum"
    return "fixed"


def rate_is(segment: str, rate: Rate) -> str:
    """`range` for 10%~30%, `maximum` for 最高按…50% or 不超过50%, otherwise `fixed`."""
    if rate.is_range:
        return "range"
    masked = mask_brackets(segment)
    phrase = phrase_before(masked, rate.start)
    if _MAXIMUM_BEFORE.search(phrase) or _MAXIMUM_AFTER.match(masked[rate.end :]):
        return "maximum"
    return "fixed"


def per_unit(segment: str, amount: Amount | None) -> str | None:
    """The counted unit an amount is paid per: 100万元/项 → 项; 给予每个产品20万元 → 产品."""
    masked = mask_brackets(segment)
    if amount is not None:
        if slash := _PER_SLASH.match(masked[amount.end :]):
            return _UNIT_NAMES[slash.group(1)]
        phrase = phrase_before(masked, amount.start)
        if (each := _PER_EACH.search(phrase)) and not phrase[: each.start()].endswith("按"):
            return each.group(1)  # (单个企业 is the scope of a maximum: `per`, not a unit)
        if _PER_EACH_ITEM.search(phrase):
            return "项"
    return None


def tiers_combine(segment: str) -> str:
    """How tiers add up: only the difference (晋档补差), each reached (累计), or one applies."""
    if _DIFFERENCE.search(segment):
        return "difference"
    if _CUMULATIVE.search(segment):
        return "cumulative"
    return "alternatives"


_TARGET = re.compile(
    r"(?:^|[,，;；。])\s*(?:对于|对|向)(?P<target>[^,，;；。]{2,60}?)(?:的)?\s*[,，]?\s*(?:可|择优|经认定)?\s*(?:分别)?\s*(?:按|给予|奖励|补助|资助|一次性)"
)


_GIVEN_TO = re.compile(
    r"给予(?P<target>(?!最高|每|不超过|单个|同一)[^,，;；。\d]{2,30}?)(?:最高|不超过)$"
)
_ENUMERATION_SEPARATOR = re.compile(r"[、和及与]")


def distribute(target: str, count: int) -> list[str] | None:
    """分别: the target of each of `count` amounts, from an enumeration in the target.

    国家级和省级人工智能创新应用先导区, 2 amounts → 国家级…先导区, 省级…先导区. The items are
    told by their shared last character (国家级/省级), else taken as two characters each
    (国际、全国专业标准化技术组织 → 国际…, 全国…). None when no such enumeration is found.
    """
    separators = [m.start() for m in _ENUMERATION_SEPARATOR.finditer(target)]
    for first_sep in range(len(separators) - count + 2):
        run = separators[first_sep : first_sep + count - 1]
        if len(run) != count - 1 or any(b - a > 7 for a, b in pairwise(run)):
            continue
        split = _enumerated(target, run)
        if split is not None:
            return split
    return None


def _enumerated(target: str, seps: list[int]) -> list[str] | None:
    start, end = seps[0], seps[-1]
    middle = [target[a + 1 : b] for a, b in pairwise(seps)]
    firsts = [target[k:start] for k in range(max(0, start - 4), start)][::-1]  # short first
    lasts = [target[end + 1 : end + 1 + m] for m in range(1, 5) if end + 1 + m <= len(target)]
    pair = next(
        ((f, last) for last in lasts for f in firsts[::-1] if f[-1] == last[-1] and "的" not in f),
        None,
    )
    if pair is None:
        two = [f for f in firsts if len(f) == 2]
        pair = (two[0], target[end + 1 : end + 3]) if two and end + 3 <= len(target) else None
    if pair is None:
        return None
    first, last = pair
    head, tail = target[: start - len(first)], target[end + 1 + len(last) :]
    return [head + item + tail for item in (first, *middle, last)]


def target_of(segment: str, position: int) -> str | None:
    """Whom the amount at `position` is for: the words after 对/对于 before 给予 (or 按)."""
    masked = mask_brackets(segment)
    found = None
    for match in _TARGET.finditer(masked[:position]):
        if not match.group("target").startswith("每"):  # 对每个通过认定专业: a unit
            found = match
    if found is None:
        phrase = phrase_before(masked, position)
        given = _GIVEN_TO.search(phrase)
        if given is None:
            return None
        offset = position - len(phrase)
        return segment[offset + given.start("target") : offset + given.end("target")]
    words = segment[found.start("target") : found.end("target")].strip()
    return words.rstrip("的") or None


# --- check: stored qualifiers against the subject's own words -----------------------------


@dataclass(frozen=True)
class WordingProblem:
    field: str
    message: str


def problems_of(incentive: Incentive) -> list[WordingProblem]:
    """Where an incentive's stored qualifiers contradict the words of its own subject."""
    subject = incentive.subject.zh
    problems: list[WordingProblem] = []
    if incentive.max_cny is not None and incentive.amount_is in ("maximum", "fixed"):
        groups = _groups_holding(subject, incentive.max_cny)
        if groups:
            said = {amount_is(subject, g[0], g[-1]) for g in groups}
            if incentive.amount_is not in said:
                (word,) = said if len(said) == 1 else (sorted(said)[0],)
                problems.append(
                    WordingProblem(
                        "amount_is",
                        f"is '{incentive.amount_is}' but its subject words make "
                        f"{incentive.max_cny:,} yuan {_explain(word)}",
                    )
                )
    if incentive.rate_pct is not None and incentive.rate_is is not None:
        rates = [r for r in find_rates(subject) if _same_rate(r, incentive.rate_pct)]
        said_rates = {rate_is(subject, r) for r in rates}
        if said_rates and incentive.rate_is not in said_rates:
            word = sorted(said_rates)[0]
            problems.append(
                WordingProblem(
                    "rate_is",
                    f"is '{incentive.rate_is}' but its subject words make the rate {word}",
                )
            )
    if (
        incentive.tiers
        and incentive.tiers_combine not in (None, "difference")
        and _DIFFERENCE.search(subject)
    ):
        problems.append(
            WordingProblem(
                "tiers_combine",
                f"is '{incentive.tiers_combine}' but its subject says 补差 (only the "
                "difference is paid when a higher tier is reached)",
            )
        )
    if incentive.max_cny is not None and incentive.per_unit is None:
        units = {
            u
            for g in _groups_holding(subject, incentive.max_cny)
            if (u := per_unit(subject, g[-1]))
        }
        if units:
            problems.append(
                WordingProblem(
                    "per_unit",
                    f"is not set but its subject pays the amount per {sorted(units)[0]}",
                )
            )
    return problems


def _explain(word: str) -> str:
    return "a maximum (最高/不超过…)" if word == "maximum" else "a fixed sum (no 最高/不超过)"


# Amounts joined by these belong to one list ("分别给予最高300万、200万元").
_LIST_JOIN = re.compile(r"\s*(?:元)?(?:/[项个人年家])?\s*[、，,和及或与]\s*(?:最高)?\s*")


def amount_groups(text: str) -> list[list[Amount]]:
    """The amounts of a text in coordinated lists (300万、200万元; 100万元/项、50万元/项)."""
    groups: list[list[Amount]] = []
    for amount in find_amounts(text):
        if groups and _LIST_JOIN.fullmatch(text[groups[-1][-1].end : amount.start]):
            groups[-1].append(amount)
        else:
            groups.append([amount])
    return groups


def _groups_holding(text: str, value: int) -> list[list[Amount]]:
    """Groups of coordinated amounts of which one is `value`."""
    return [g for g in amount_groups(text) if any(a.value == value for a in g)]


def _same_rate(rate: Rate, stored: float | tuple[float, float]) -> bool:
    low, high = (stored, stored) if isinstance(stored, float) else stored
    return rate.low == low and rate.high == high

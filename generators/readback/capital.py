"""Amounts in Chinese capital numerals (大写) as banks accept them, strictly.

伍佰万元整, 壹亿贰仟万元整, 壹拾万零伍仟元整, 壹仟陆佰捌拾元零叁角贰分. Every digit carries a
place lower than the one before it (so 叁佰佰万 is refused, not read as 400万), 零 stands
only where places are skipped, 亿 and 万 each close one section, and 元 (or 圆) is
required. A leading 拾 (拾万元) is accepted for 壹拾.
"""

from __future__ import annotations

import re
from decimal import Decimal

DIGITS = {"壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
PLACES = {"仟": 3, "佰": 2, "拾": 1}
SECTIONS = (("亿", 8), ("万", 4))
_CENTS = re.compile(r"零?(?:([壹贰叁肆伍陆柒捌玖])角)?(?:([壹贰叁肆伍陆柒捌玖])分)?")


class NotCapital(ValueError):
    """The text is not a well-formed amount in capital numerals; the message says why."""


def parse_capital_amount(raw: str) -> Decimal:
    """The amount in yuan; NotCapital when the text breaks the rules."""
    text = re.sub(r"\s", "", raw).removeprefix("人民币").replace("圆", "元")
    closed = text.endswith(("整", "正"))
    text = text[:-1] if closed else text
    whole, marker, cents = text.partition("元")
    if not marker:
        raise NotCapital("元 is missing")
    if not whole:
        raise NotCapital("no amount before 元")
    value = Decimal(0 if whole == "零" else _whole(whole))
    if cents:
        match = _CENTS.fullmatch(cents)
        if match is None or not any(match.groups()):
            raise NotCapital(f"{cents!r} after 元 is not 角 and 分")
        if closed and match.group(2):
            raise NotCapital("整 after 分")
        jiao, fen = (DIGITS[d] if d else 0 for d in match.groups())
        value += Decimal(jiao) / 10 + Decimal(fen) / 100
    return value


def _whole(text: str) -> int:
    sections: list[tuple[str, int]] = []
    rest = text
    for mark, base in SECTIONS:
        head, found, tail = rest.partition(mark)
        if found:
            if not head:
                raise NotCapital(f"{mark} without a number before it")
            sections.append((head, base))
            rest = tail
    if any(mark in rest for mark, _ in SECTIONS):
        raise NotCapital("亿 and 万 out of order or repeated")
    sections.append((rest, 0))
    value = 0
    last: int | None = None  # absolute place of the last digit read
    for section, base in sections:
        index, ceiling, zero = 0, 4, False
        while index < len(section):
            char = section[index]
            if char == "零":
                if zero or last is None:
                    raise NotCapital(f"零 out of place in {text!r}")
                zero, index = True, index + 1
                continue
            if char in DIGITS:
                digit, index = DIGITS[char], index + 1
                unit = section[index] if index < len(section) else ""
                place = PLACES.get(unit, 0)
                index += 1 if unit in PLACES else 0
            elif char == "拾" and last is None and index == 0:
                digit, place, index = 1, 1, 1
            else:
                raise NotCapital(f"{char!r} out of place in {text!r}")
            if place >= ceiling:
                raise NotCapital(f"places out of order in {text!r}")
            absolute = base + place
            if zero and last is not None and last - absolute < 2:
                raise NotCapital(f"零 where no place is skipped in {text!r}")
            value += digit * 10**absolute
            ceiling, last, zero = place, absolute, False
        if zero:
            raise NotCapital(f"零 at the end of a section in {text!r}")
    return value

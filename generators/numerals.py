"""Chinese numerals as they appear in policy numbering and amounts."""

from __future__ import annotations

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}

CHINESE_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"


def chinese_to_int(text: str) -> int:
    """Convert a Chinese numeral (一, 十二, 二十, 一百零五, 三千万) to int."""
    if text.isdigit():
        return int(text)
    return parse_numeral(text, _DIGITS, _UNITS)


def parse_numeral(text: str, digits: dict[str, int], units: dict[str, int]) -> int:
    """A Chinese numeral with 万 and 亿 sections, in the given digit and unit characters
    (一二三 and 十百千, or the capital 壹贰叁 and 拾佰仟 of amounts in words)."""
    if not text:
        raise ValueError("empty numeral")
    total = section = digit = 0
    for char in text:
        if char in digits:
            digit = digits[char]
        elif char in units:
            # A bare unit such as the 十 of 十二 counts as one of that unit.
            section += (digit or 1) * units[char]
            digit = 0
        elif char == "万":
            total += (section + digit or 1) * 10_000
            section = digit = 0
        elif char == "亿":
            total = (total + section + digit or 1) * 100_000_000
            section = digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + digit


def number_value(text: str) -> int:
    """The value of a heading number written in arabic or Chinese digits."""
    return int(text) if text.isdigit() else chinese_to_int(text)

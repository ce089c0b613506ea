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
    """Convert a Chinese numeral below ten thousand (一, 十二, 二十, 一百零五) to int."""
    if not text:
        raise ValueError("empty numeral")
    if text.isdigit():
        return int(text)
    total = 0
    current = 0
    for char in text:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char in _UNITS:
            # A bare unit such as the 十 of 十二 counts as one of that unit.
            total += (current or 1) * _UNITS[char]
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + current


def number_value(text: str) -> int:
    """The value of a heading number written in arabic or Chinese digits."""
    return int(text) if text.isdigit() else chinese_to_int(text)

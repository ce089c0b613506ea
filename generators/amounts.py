"""Money amounts and rates as written in Chinese policy text (500万元, 1亿元, 10%~30%)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from generators.numerals import chinese_to_int

_MULTIPLIERS = {
    "": 1,
    "元": 1,
    "千": 1_000,
    "万": 10_000,
    "百万": 1_000_000,
    "千万": 10_000_000,
    "亿": 100_000_000,
    "萬": 10_000,  # traditional forms, as Big5 pages write them
    "億": 100_000_000,
}

# 500万元, 1.5亿元, 20万/项, 300万、, 5000元, 100亿经费, 百亿 (Chinese numeral before 亿/万).
AMOUNT = re.compile(
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|[一二两三四五六七八九十百千]+(?=[万亿]))\s*"
    r"(?P<mult>千万|百万|亿|万|億|萬|千(?=元))?\s*(?P<yuan>元)?"
)


@dataclass(frozen=True)
class Amount:
    value: int
    """In yuan (or units, for amounts written without 元)."""
    start: int
    end: int
    text: str
    has_yuan: bool


def find_amounts(text: str) -> list[Amount]:
    """Every amount with a 万/亿 multiplier or a 元 unit, in order."""
    found: list[Amount] = []
    for m in AMOUNT.finditer(text):
        mult = m.group("mult") or ""
        if not mult and not m.group("yuan"):
            continue
        raw = m.group("num")
        if not raw[0].isdigit():
            number = Decimal(chinese_to_int(raw))
        else:
            number = Decimal(raw.replace(",", ""))
        value = number * _MULTIPLIERS[mult]
        if value != value.to_integral_value():
            continue
        found.append(Amount(int(value), m.start(), m.end(), m.group(0), bool(m.group("yuan"))))
    return found


# 10%~30%, 10%-20%, 10—30%, 10%至30%
RATE_RANGE = re.compile(
    r"(?P<low>\d+(?:\.\d+)?)\s*%?\s*(?:~|～|-|－|—|–|至|到)\s*(?P<high>\d+(?:\.\d+)?)\s*%"
)
RATE = re.compile(r"(?P<value>\d+(?:\.\d+)?)\s*%")


@dataclass(frozen=True)
class Rate:
    low: float
    high: float
    start: int
    end: int

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    def as_json(self) -> float | list[float]:
        return [_num(self.low), _num(self.high)] if self.is_range else _num(self.low)


def _num(value: float) -> float:
    return int(value) if value == int(value) else value


def find_rates(text: str) -> list[Rate]:
    rates: list[Rate] = []
    taken: list[tuple[int, int]] = []
    for m in RATE_RANGE.finditer(text):
        rates.append(Rate(float(m.group("low")), float(m.group("high")), m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in RATE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        value = float(m.group("value"))
        rates.append(Rate(value, value, m.start(), m.end()))
    return sorted(rates, key=lambda r: r.start)

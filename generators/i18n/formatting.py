"""Money, rates, numbers and dates for an output's locale, formatted by Babel.

Chinese amounts read as officials write them (500万元, 1.5亿元); English as investment
guides do (RMB 5 million, RMB 200,000). A figure is never rounded: an amount that a
compact form cannot show exactly is written out in full.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, format_percent

LOCALES = {"zh": "zh_CN", "en": "en"}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_ZH_UNITS = {"万": 10_000, "亿": 100_000_000}


def locale_of(lang: str) -> str:
    return LOCALES[lang]


@lru_cache(maxsize=4096)
def format_cny(amount: int, lang: str) -> str:
    """500万元 / RMB 5 million for 5,000,000 yuan."""
    if lang == "zh":
        compact = format_compact_decimal(amount, locale="zh_CN", fraction_digits=4)
        if _zh_value(compact) == amount:
            return f"{compact}元"
        wan = Decimal(amount) / 10_000
        if amount >= 10_000 and wan == round(wan, 4):
            return f"{format_decimal(wan, format='0.####', locale='zh_CN')}万元"
        return f"{format_decimal(amount, locale='zh_CN')}元"
    if amount >= 1_000_000:
        compact = format_compact_decimal(amount, format_type="long", locale="en", fraction_digits=3)
        if _en_value(compact) == amount:
            return f"RMB {compact}"
    return f"RMB {format_decimal(amount, locale='en')}"


def _zh_value(text: str) -> Decimal:
    unit = text[-1] if text and text[-1] in _ZH_UNITS else ""
    number = Decimal(text[: len(text) - len(unit)].replace(",", ""))
    return number * _ZH_UNITS.get(unit, 1)


def _en_value(text: str) -> Decimal:
    number, _, scale = text.partition(" ")
    return Decimal(number.replace(",", "")) * _SCALES.get(scale, 1)


def format_pct(value: float, lang: str) -> str:
    return format_percent(Decimal(str(value)) / 100, format="#,##0.##%", locale=locale_of(lang))


@lru_cache(maxsize=1024)
def format_rate(rate: float | tuple[float, float] | None, lang: str) -> str:
    """50% / 10%~30% (zh) / 10% to 30% (en); empty for no rate."""
    if rate is None:
        return ""
    if isinstance(rate, tuple):
        low, high = rate
        if low != high:
            joiner = "~" if lang == "zh" else " to "
            return f"{format_pct(low, lang)}{joiner}{format_pct(high, lang)}"
        rate = low
    return format_pct(rate, lang)


@lru_cache(maxsize=256)
def format_points(rate: float | tuple[float, float], lang: str) -> str:
    """1.5个百分点 / 1.5 percentage points: a rate added to another, not a share of a basis."""
    low, high = rate if isinstance(rate, tuple) else (rate, rate)
    number = format_decimal(low, locale=locale_of(lang))
    if low != high:
        joiner = "~" if lang == "zh" else " to "
        number += joiner + format_decimal(high, locale=locale_of(lang))
    return f"{number}个百分点" if lang == "zh" else f"{number} percentage points"


def format_number(value: int | float, lang: str) -> str:
    return format_decimal(value, locale=locale_of(lang))


def format_day(value: dt.date, lang: str) -> str:
    """2026年11月27日 / 27 November 2026."""
    if lang == "en":
        return format_date(value, format="d MMMM y", locale="en")
    return format_date(value, format="long", locale=locale_of(lang))


def format_size(size: int, lang: str) -> str:
    """A file size as people read it: 12 KB, 1.4 MB."""
    from babel.units import format_unit

    value: float
    if size < 1024 * 1024:
        value, unit = max(1, round(size / 1024)), "digital-kilobyte"
    else:
        value, unit = round(size / (1024 * 1024), 1), "digital-megabyte"
    return format_unit(value, unit, length="short", locale=locale_of(lang))

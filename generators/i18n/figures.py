"""Figures in a Chinese text and its English translation, compared across units.

500万元 = RMB 5 million = RMB 5,000,000; 1亿元 = RMB 100 million; 10%~30% = 10% to 30%;
国发〔2020〕8号 = [2020] No. 8. Figures written in Chinese numerals (十大工程, 二中全会)
may appear in English as words or digits, so they only vouch for English digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from generators.amounts import find_amounts, find_rates
from generators.numerals import CHINESE_NUMERAL_CHARS, chinese_to_int

FigureKind = Literal["number", "percent", "document"]


@dataclass(frozen=True)
class Figure:
    kind: FigureKind
    value: Decimal | tuple[int, int]
    text: str
    """As written, for messages."""

    @property
    def shown(self) -> str:
        if isinstance(self.value, tuple):
            return f"{self.text!r} ([{self.value[0]}] No. {self.value[1]})"
        if self.kind == "percent":
            return f"{self.text!r} ({_plain(self.value)}%)"
        return f"{self.text!r} (= {_plain(self.value)})"


def _plain(value: Decimal) -> str:
    if value == value.to_integral_value():
        return f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))
    return f"{value.normalize():f}"


_ZH_DOC = re.compile(r"[\u4e00-\u9fff]{1,10}\s*[〔\[【(（]\s*(\d{4})\s*[〕\]】)）]\s*(\d+)\s*号")
_EN_DOC = re.compile(r"[\[〔(（]\s*(\d{4})\s*[\]〕)）]\s*No\.?\s*(\d+)", re.IGNORECASE)
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_EN_SCALE = {
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_EN_AMOUNT = re.compile(
    r"(?:(?:RMB|CNY|¥)\s*)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?:(?P<scale>thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
_EN_RANGE = re.compile(
    r"(?P<low>\d+(?:\.\d+)?)\s*(?:%|percent|per cent)?\s*(?:to|-|–|—|~|and)\s*"
    r"(?P<high>\d+(?:\.\d+)?)\s*(?:%|percent|per cent)",
    re.IGNORECASE,
)
_EN_PERCENT = re.compile(r"(?P<value>\d+(?:\.\d+)?)\s*(?:%|percent|per cent)", re.IGNORECASE)
_CHINESE_RUN = re.compile(f"[{CHINESE_NUMERAL_CHARS}]+")
_CHINESE_SCALE = re.compile(
    f"(?<![\\d{CHINESE_NUMERAL_CHARS}])([{CHINESE_NUMERAL_CHARS}]*)([万亿])"
)


def chinese_figures(text: str) -> list[Figure]:
    figures: list[Figure] = []
    spans: list[tuple[int, int]] = []
    for m in _ZH_DOC.finditer(text):
        figures.append(Figure("document", (int(m.group(1)), int(m.group(2))), m.group(0)))
        spans.append(m.span())
    for rate in find_rates(text):
        if _inside(rate.start, spans):
            continue
        raw = text[rate.start : rate.end]
        for value in {rate.low, rate.high}:
            figures.append(Figure("percent", Decimal(str(value)), raw))
        spans.append((rate.start, rate.end))
    for amount in find_amounts(text):
        if _inside(amount.start, spans):
            continue
        figures.append(Figure("number", Decimal(amount.value), amount.text.strip()))
        spans.append((amount.start, amount.end))
    for m in _NUMBER.finditer(text):
        if _inside(m.start(), spans):
            continue
        figures.append(Figure("number", Decimal(m.group().replace(",", "")), m.group()))
    return figures


def chinese_numeral_values(text: str) -> set[Decimal]:
    """Values written in Chinese numerals (十九大, 两中心): English may show them as digits."""
    values: set[Decimal] = set()
    for m in _CHINESE_RUN.finditer(text):
        run = m.group()
        try:
            values.add(Decimal(chinese_to_int(run)))
        except ValueError:
            continue
        for char in run:
            try:
                values.add(Decimal(chinese_to_int(char)))
            except ValueError:
                continue
    # 超亿级企业, 十万: a bare or Chinese-numeral 万/亿 may be written as digits in English.
    for m in _CHINESE_SCALE.finditer(text):
        try:
            base = chinese_to_int(m.group(1)) if m.group(1) else 1
        except ValueError:
            continue
        values.add(Decimal(base * (100_000_000 if m.group(2) == "亿" else 10_000)))
    return values


def english_figures(text: str) -> list[Figure]:
    figures: list[Figure] = []
    spans: list[tuple[int, int]] = []
    for m in _EN_DOC.finditer(text):
        figures.append(Figure("document", (int(m.group(1)), int(m.group(2))), m.group(0)))
        spans.append(m.span())
    for m in _EN_RANGE.finditer(text):
        if _inside(m.start(), spans):
            continue
        for value in {Decimal(m.group("low")), Decimal(m.group("high"))}:
            figures.append(Figure("percent", value, m.group(0)))
        spans.append(m.span())
    for m in _EN_PERCENT.finditer(text):
        if _inside(m.start(), spans):
            continue
        figures.append(Figure("percent", Decimal(m.group("value")), m.group(0)))
        spans.append(m.span())
    for m in _EN_AMOUNT.finditer(text):
        if _inside(m.start("num"), spans):
            continue
        number = Decimal(m.group("num").replace(",", ""))
        scale = (m.group("scale") or "").lower()
        figures.append(Figure("number", number * _EN_SCALE.get(scale, 1), m.group(0).strip()))
    return figures


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


@dataclass(frozen=True)
class Mismatch:
    chinese: Figure | None
    english: Figure | None

    def message(self) -> str:
        if self.chinese and self.english:
            return f"figure differs: Chinese {self.chinese.shown}, English {self.english.shown}"
        if self.chinese:
            return f"Chinese figure {self.chinese.shown} is missing from the English"
        assert self.english is not None
        return f"English figure {self.english.shown} does not appear in the Chinese"


def compare_figures(zh: str, en: str) -> list[Mismatch]:
    """Figures on one side without an equal on the other, paired where both sides differ."""
    zh_figures = chinese_figures(zh)
    en_figures = english_figures(en)
    numerals = chinese_numeral_values(zh)
    mismatches: list[Mismatch] = []
    for kind in ("document", "percent", "number"):
        zh_kind = [f for f in zh_figures if f.kind == kind]
        en_kind = [f for f in en_figures if f.kind == kind]
        zh_values = {f.value for f in zh_kind}
        en_values = {f.value for f in en_kind}
        lost = _unique(f for f in zh_kind if f.value not in en_values)
        extra = _unique(
            f
            for f in en_kind
            if f.value not in zh_values and not (kind == "number" and f.value in numerals)
        )
        for index in range(max(len(lost), len(extra))):
            mismatches.append(
                Mismatch(
                    lost[index] if index < len(lost) else None,
                    extra[index] if index < len(extra) else None,
                )
            )
    return mismatches


def _unique(figures: object) -> list[Figure]:
    seen: dict[object, Figure] = {}
    for figure in figures:  # type: ignore[attr-defined]
        seen.setdefault(figure.value, figure)
    return list(seen.values())

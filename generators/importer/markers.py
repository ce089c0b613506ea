"""Recognise the numbering marker that opens a paragraph: 一、 (一) 1. 第N条 专栏N."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from generators.numerals import CHINESE_NUMERAL_CHARS

MarkerKind = Literal["chapter", "section", "item", "article", "box", "prose"]

_CN = f"[{CHINESE_NUMERAL_CHARS}]"
_CHAPTER = re.compile(
    rf"^(?:第({_CN}{{1,4}})章|({_CN}{{1,3}})\s*[、．.](?![\d{CHINESE_NUMERAL_CHARS}]))\s*(.*)$"
)
_SECTION = re.compile(rf"^[(（]\s*({_CN}{{1,3}})\s*[)）]\s*(.*)$")
_ITEM = re.compile(r"^(\d{1,3})\s*[.．、](?!\d)\s*(.*)$")
_ARTICLE = re.compile(rf"^第\s*({_CN}{{1,4}}|\d{{1,3}})\s*条\s*(.*)$")
_BOX = re.compile(rf"^专栏\s*(\d{{1,3}}|{_CN}{{1,3}})\s*[:：.．、]?\s*(.*)$")


@dataclass(frozen=True)
class Marker:
    kind: MarkerKind
    number: str
    """The numeral as written, without brackets or punctuation ("2", "一")."""
    rest: str
    """The paragraph text after the marker."""


def classify(text: str) -> Marker:
    """The marker at the start of a paragraph, or a prose marker holding the whole text."""
    if m := _BOX.match(text):
        return Marker("box", m.group(1), m.group(2).strip())
    if m := _ARTICLE.match(text):
        return Marker("article", m.group(1), m.group(2).strip())
    if m := _CHAPTER.match(text):
        return Marker("chapter", m.group(1) or m.group(2), m.group(3).strip())
    if m := _SECTION.match(text):
        return Marker("section", m.group(1), m.group(2).strip())
    if m := _ITEM.match(text):
        return Marker("item", m.group(1), m.group(2).strip())
    return Marker("prose", "", text)

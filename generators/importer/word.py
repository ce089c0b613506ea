"""A Word document (.docx) to policy text, with python-docx.

Paragraphs come in document order with the numbers Word generates for them (automatic
list numbering is not in the text: it is computed here from the numbering definitions,
as Word counts); tables become sentences, one row each, that name every cell by its
column heading, so a tier table reads as a tier list; hidden runs (w:vanish) are left
out and reported. An old binary .doc is converted through LibreOffice when installed.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generators.importer.files import SourceRefused
from generators.importer.isolate import TIME_LIMIT_SECONDS, run_isolated

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class WordText:
    paragraphs: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    """Text in runs Word does not show (w:vanish), left out."""
    numbered: int = 0
    """Paragraphs whose number came from Word's numbering definitions."""
    tables: int = 0


MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 150
"""Compression ratio above which a part is taken for a zip bomb (Word XML stays far below)."""


def docx_text(data: bytes) -> WordText:
    """The document's text, read in a bounded child process."""
    _refuse_bombs(data)
    return run_isolated(_read_docx, data, "Word document")


def _refuse_bombs(data: bytes) -> None:
    """python-docx loads every part: refuse a package that would unpack far too large."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise SourceRefused(f"damaged Word document (not a zip package: {exc})") from None
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_RATIO or total > MAX_UNPACKED_BYTES:
            raise SourceRefused(
                f"Word document part {info.filename!r} would unpack to {info.file_size:,} "
                f"bytes (ratio {ratio:.0f}:1): refusing a possible zip bomb"
            )


def doc_to_docx(data: bytes) -> bytes:
    """Convert an old Word .doc through LibreOffice; refused when it is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SourceRefused(
            "old Word format (.doc, Word 97-2003): open it in Word or WPS and save it as "
            ".docx, or install LibreOffice so that import converts it"
        )
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "source.doc"
        source.write_bytes(data)
        try:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{work}/profile",
                    "--headless",
                    "--convert-to",
                    "docx:MS Word 2007 XML",
                    "--outdir",
                    work,
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=TIME_LIMIT_SECONDS,
            )
        except subprocess.TimeoutExpired:
            raise SourceRefused("LibreOffice took too long to convert the .doc file") from None
        except (subprocess.CalledProcessError, OSError) as exc:
            raise SourceRefused(f"LibreOffice could not convert the .doc file ({exc})") from None
        converted = Path(work) / "source.docx"
        if not converted.exists():
            raise SourceRefused("LibreOffice could not convert the .doc file (damaged?)")
        return converted.read_bytes()


def _read_docx(data: bytes) -> WordText:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise SourceRefused(f"damaged Word document ({type(exc).__name__}: {exc})") from None
    numbering = _Numbering(document)
    result = WordText()
    for block in _blocks(document.element.body):
        if block.tag == f"{W}p":
            text = _paragraph_text(block, result)
            label = numbering.label(block)
            if label:
                result.numbered += 1
                text = label + text
            if text.strip():
                result.paragraphs.append(text)
        elif block.tag == f"{W}tbl":
            sentence = table_sentence(_table_rows(block, result))
            if sentence:
                result.tables += 1
                if result.paragraphs:
                    result.paragraphs[-1] = result.paragraphs[-1].rstrip() + sentence
                else:
                    result.paragraphs.append(sentence)
    return result


def _blocks(body: Any) -> list[Any]:
    """Paragraphs and tables in order, looking inside content controls (w:sdt)."""
    found: list[Any] = []
    for child in body:
        if child.tag in (f"{W}p", f"{W}tbl"):
            found.append(child)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                found.extend(_blocks(content))
    return found


def _paragraph_text(paragraph: Any, result: WordText) -> str:
    parts: list[str] = []
    hidden: list[str] = []
    for run in paragraph.iter(f"{W}r"):
        properties = run.find(f"{W}rPr")
        vanish = properties.find(f"{W}vanish") if properties is not None else None
        invisible = vanish is not None and vanish.get(f"{W}val") not in ("0", "false")
        target = hidden if invisible else parts
        for node in run:
            if node.tag == f"{W}t":
                target.append(node.text or "")
            elif node.tag == f"{W}tab":
                target.append(" ")
            elif node.tag in (f"{W}br", f"{W}cr"):
                target.append("\n")
    if "".join(hidden).strip():
        result.hidden.append("".join(hidden).strip())
    return "".join(parts)


def _table_rows(table: Any, result: WordText) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in table.iter(f"{W}tr"):
        cells = []
        for cell in row.findall(f"{W}tc"):
            texts = [_paragraph_text(p, result) for p in cell.iter(f"{W}p")]
            cells.append("".join(t.strip() for t in texts))
        if any(cells):
            rows.append(cells)
    return rows


_UNIT_IN_HEADING = re.compile(r"[(（]\s*(亿元|万元|元|%)\s*[)）]")
_BARE_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def table_sentence(rows: list[list[str]]) -> str:
    """A table as sentences: each body row names its cells by their column headings.

    年销售收入 | 奖励金额（万元） / 首次突破1亿元 | 200 reads 年销售收入：首次突破1亿元，
    奖励金额：200万元; a unit written in a heading joins the bare numbers below it.
    """
    if not rows:
        return ""
    if len(rows) == 1 or max(len(r) for r in rows) == 1:
        return "；".join("，".join(c for c in row if c) for row in rows) + "。"
    heading, body = rows[0], rows[1:]
    sentences: list[str] = []
    for row in body:
        parts: list[str] = []
        for index, cell in enumerate(row):
            if not cell:
                continue
            title = heading[index] if index < len(heading) else ""
            unit = _UNIT_IN_HEADING.search(title)
            if unit and _BARE_NUMBER.match(cell):
                cell += unit.group(1)
            title = _UNIT_IN_HEADING.sub("", title).strip()
            parts.append(f"{title}：{cell}" if title and title != cell else cell)
        if parts:
            sentences.append("，".join(parts))
    return "；".join(sentences) + "。"


_FORMATTERS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"}),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1),
    "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1),
    "upperRoman": lambda n: _roman(n),
    "lowerRoman": lambda n: _roman(n).lower(),
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "bullet": lambda n: "",
    "none": lambda n: "",
}
_CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_counting(number: int) -> str:
    """1 一, 10 十, 11 十一, 20 二十, 105 一百零五: how Word's chineseCounting numbers."""
    if number <= 0:
        return str(number)
    if number < 10:
        return _CHINESE_DIGITS[number]
    if number < 20:
        return "十" + (_CHINESE_DIGITS[number % 10] if number % 10 else "")
    if number < 100:
        tens, ones = divmod(number, 10)
        return _CHINESE_DIGITS[tens] + "十" + (_CHINESE_DIGITS[ones] if ones else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        head = _CHINESE_DIGITS[hundreds] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + _CHINESE_DIGITS[rest]
        return head + ("一" if rest < 20 else "") + chinese_counting(rest)
    return str(number)


def _roman(number: int) -> str:
    values = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = ""
    for value, letters in values:
        while number >= value:
            out += letters
            number -= value
    return out


def _format(number: int, fmt: str) -> str:
    # chineseCounting(Thousand), taiwaneseCounting(Thousand) (LibreOffice writes these
    # after a round trip through .doc), japaneseCounting: all 一 二 … 十一.
    if "Counting" in fmt or fmt == "chineseLegalSimplified":
        return chinese_counting(number)
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(number))
    return _FORMATTERS.get(fmt, str)(number)


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str


class _Numbering:
    """Word's list numbering: counters per abstract list, restarts by level and override."""

    def __init__(self, document: Any) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        self.style_numbering: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            root = None
        if root is not None:
            self._read_definitions(root)
        self._read_styles(document)

    def _read_definitions(self, root: Any) -> None:
        for abstract in root.findall(f"{W}abstractNum"):
            levels: dict[int, _Level] = {}
            for level in abstract.findall(f"{W}lvl"):
                levels[_int(level.get(f"{W}ilvl"), 0)] = _Level(
                    start=_int(_val(level, "start"), 1),
                    fmt=_val(level, "numFmt") or "decimal",
                    text=_val(level, "lvlText") or "",
                )
            self.abstract[abstract.get(f"{W}abstractNumId") or ""] = levels
        for num in root.findall(f"{W}num"):
            overrides: dict[int, int] = {}
            for override in num.findall(f"{W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    overrides[_int(override.get(f"{W}ilvl"), 0)] = _int(start, 1)
            self.nums[num.get(f"{W}numId") or ""] = (_val(num, "abstractNumId") or "", overrides)

    def _read_styles(self, document: Any) -> None:
        try:
            styles = document.styles.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        based: dict[str, str] = {}
        own: dict[str, tuple[str, int]] = {}
        for style in styles.findall(f"{W}style"):
            style_id = style.get(f"{W}styleId") or ""
            parent = _val(style, "basedOn")
            if parent:
                based[style_id] = parent
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                own[style_id] = (_val(num_pr, "numId") or "", _int(_val(num_pr, "ilvl"), 0))
        for style_id in {*based, *own}:
            seen = style_id
            for _ in range(20):  # basedOn chains are short; a loop in them is not followed
                if seen in own:
                    self.style_numbering[style_id] = own[seen]
                    break
                if seen not in based:
                    break
                seen = based[seen]

    def label(self, paragraph: Any) -> str:
        properties = paragraph.find(f"{W}pPr")
        num_id, level = "", 0
        if properties is not None:
            style = _val(properties, "pStyle")
            if style and style in self.style_numbering:
                num_id, level = self.style_numbering[style]
            num_pr = properties.find(f"{W}numPr")
            if num_pr is not None:
                num_id = _val(num_pr, "numId") or num_id
                level = _int(_val(num_pr, "ilvl"), level)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if level not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for override_level, start in overrides.items():
                counters[override_level] = start - 1
                for deeper in [k for k in counters if k > override_level]:
                    del counters[deeper]
        counters[level] = counters.get(level, levels[level].start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        if levels[level].fmt in ("bullet", "none"):
            return ""

        def number(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            if at not in levels:
                return ""
            value = counters.get(at, levels[at].start)
            return _format(value, levels[at].fmt)

        return re.sub(r"%([1-9])", number, levels[level].text)


def _val(element: Any, tag: str) -> str | None:
    child = element.find(f"{W}{tag}")
    return None if child is None else child.get(f"{W}val")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default

"""Source text to policies: split a search-result page, find titles and paragraphs."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from generators.importer.markers import classify


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int
    """1-based line of the source file where the paragraph starts."""


@dataclass
class RawPolicy:
    title: str
    line: int
    level: str | None = None
    doc_number: str | None = None
    issued: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)


# "  • 【苏州市级】苏州市促进…措施": one entry of a policy search-result listing.
_RESULT_ENTRY = re.compile(r"^\s*[•·●▪◆■*\-]?\s*【([^】]{1,20})】\s*(\S.*?)\s*$")
_RESULT_COUNT = re.compile(r"^\s*(我们)?为您找到\s*\d+\s*条(结果|记录)")
_SITE_CHROME = re.compile(
    r"^(上一页|下一页|首页|末页|尾页|打印本页|关闭窗口|【打印】|【关闭】|分享到|扫一扫)"
    r"|(下一页|上一页).*(末页|尾页|首页)|(末页|尾页)\s*(Go|跳转)?$|^[\d\s<>»«]+$"
)
_WIDE_GAP = re.compile(r"[ \t\u3000]{2,}")
# Markers that start a new block even after a single space (boxes, unit annotations).
_SOFT_BREAK = re.compile(
    r"[ \t\u3000]+(?=专栏\s*[\d一二三四五六七八九十]+|[(（【]\s*责任(?:单位|部门))"
)
_NOTICE = re.compile(r"关于印发\s*[《“\"](.+?)[》”\"]\s*的?通知")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*\d+\s*号")
_DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_TITLE_END = re.compile(r"[。；;！!？?：:]$")
_REGION = re.compile(r"^([\u4e00-\u9fff]{2,7}?(?:自治区|省|市))")
MAX_TITLE_LINE = 60


def split_paragraphs(
    text: str, first_line: int = 1, repair: Callable[[str], str] | None = None
) -> list[Paragraph]:
    """Paragraphs of a text whose blocks are separated by newlines or runs of spaces,
    each passed through `repair` (the character rules for text from PDFs)."""
    paragraphs: list[Paragraph] = []
    for offset, line in enumerate(text.split("\n")):
        if _SITE_CHROME.search(line.strip()):
            continue  # a listing's pager or a page's print/share bar
        for chunk in _WIDE_GAP.split(line):
            for piece in _SOFT_BREAK.split(chunk):
                piece = piece.strip(" \t\u3000")
                if piece and not _SITE_CHROME.search(piece) and not _RESULT_COUNT.match(piece):
                    if repair is not None:
                        piece = repair(piece)
                    paragraphs.append(Paragraph(piece, first_line + offset))
    return paragraphs


def split_policies(text: str, repair: Callable[[str], str] | None = None) -> list[RawPolicy]:
    """One RawPolicy per entry of a result listing, or one for a single published text."""
    lines = text.split("\n")
    entries = [(n, m) for n, line in enumerate(lines) if (m := _RESULT_ENTRY.match(line))]
    if not entries:
        return [_single_policy(split_paragraphs(text, repair=repair))]
    policies: list[RawPolicy] = []
    for index, (start, match) in enumerate(entries):
        end = entries[index + 1][0] if index + 1 < len(entries) else len(lines)
        body = "\n".join(lines[start + 1 : end])
        policies.append(
            RawPolicy(
                title=match.group(2).strip(),
                level=match.group(1).strip(),
                line=start + 1,
                paragraphs=split_paragraphs(body, first_line=start + 2, repair=repair),
            )
        )
    return policies


def _single_policy(paragraphs: list[Paragraph]) -> RawPolicy:
    if not paragraphs:
        return RawPolicy(title="", line=1)
    head = paragraphs[:12]
    doc_number = next(
        (m.group(0) for p in head if (m := _DOC_NUMBER.search(p.text)) and len(p.text) < 40), None
    )
    issued = next((_iso_date(m) for p in head if (m := _DATE_LINE.match(p.text))), None)
    notice = _NOTICE.search(paragraphs[0].text)
    if notice:
        title = notice.group(1).strip()
        body_start = next(
            (i + 1 for i, p in enumerate(paragraphs[1:], start=1) if _same(p.text, title)), None
        )
        if body_start is None:
            # No restated title: the plan begins after the wrapper's own lines.
            body_start = 1 + sum(
                1 for p in paragraphs[1:4] if _DOC_NUMBER.fullmatch(p.text.strip())
            )
        title_line = paragraphs[0].line
    else:
        count = 0
        for p in paragraphs:
            if _is_title_line(p.text) and count < 3:
                count += 1
            else:
                break
        title = "".join(p.text for p in paragraphs[:count])
        title_line = paragraphs[0].line
        body_start = count
        while body_start < len(paragraphs) and (
            _DOC_NUMBER.fullmatch(paragraphs[body_start].text.strip())
            or _DATE_LINE.match(paragraphs[body_start].text)
        ):
            body_start += 1
    region = _REGION.match(title)
    return RawPolicy(
        title=title,
        line=title_line,
        level=f"{region.group(1)}级" if region else None,
        doc_number=doc_number,
        issued=issued,
        paragraphs=paragraphs[body_start:],
    )


def _is_title_line(text: str) -> bool:
    return (
        len(text) <= MAX_TITLE_LINE
        and not _TITLE_END.search(text)
        and classify(text).kind == "prose"
        and not _DATE_LINE.match(text)
        and not _DOC_NUMBER.fullmatch(text)
    )


def _same(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)


def _iso_date(match: re.Match[str]) -> str:
    year, month, day = (int(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"

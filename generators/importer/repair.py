"""Repair the damage of text extracted from a PDF (or copied out of one).

Each repair is a small named rule; `Repairs` counts how often each applied, and
`import --json` reports the counts. Rules on lines (page furniture, broken lines) run
before the text is cut into paragraphs; rules on characters run on each paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable

from generators.importer.markers import classify

LISTING_ENTRY = re.compile(r"^\s*[•·●▪◆■*\-]?\s*【[^】]{1,20}】")
"""An entry of a search-result listing (• 【苏州市级】title): a block of its own."""

Repairs = Counter[str]
"""How many times each named rule changed the text."""

# --- page furniture -------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
EDGE_LINES = 3
"""Running headers and footers stand among the first or last lines of a page's text."""


def drop_page_numbers(pages: list[list[str]], repairs: Repairs) -> list[list[str]]:
    """Rule `page_numbers`: a line that is only a page number (- 3 -, 第3页 共9页, 3/9)."""
    kept: list[list[str]] = []
    for lines in pages:
        page = [line for line in lines if not _PAGE_NUMBER.match(line.strip())]
        repairs["page_numbers"] += len(lines) - len(page)
        kept.append(page)
    return kept


def drop_running_lines(pages: list[list[str]], repairs: Repairs) -> list[list[str]]:
    """Rule `running_headers`: a line repeated at the top or foot of most pages.

    One occurrence is dropped per page, so a title that also heads the first page's body
    stays there.
    """
    if len(pages) < 2:
        return pages
    seen: Counter[str] = Counter()
    for lines in pages:
        edges = {_key(line) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:] if line.strip()}
        seen.update(edges)
    needed = max(2, (len(pages) + 1) // 2)
    running = {key for key, count in seen.items() if count >= needed}
    if not running:
        return pages
    side = _usual_side(pages, running)
    kept: list[list[str]] = []
    for lines in pages:
        page = list(lines)
        for key in running:
            edge = [i for i in _edge_indexes(len(page)) if _key(page[i]) == key]
            if edge:
                # On a page where the running line also stands in the body (the title on
                # page one), drop the copy on the side it runs on elsewhere.
                tail = [i for i in edge if i >= len(page) - EDGE_LINES]
                del page[tail[-1] if side.get(key) == "tail" and tail else edge[0]]
                repairs["running_headers"] += 1
        kept.append(page)
    return kept


def _usual_side(pages: list[list[str]], running: set[str]) -> dict[str, str]:
    votes: dict[str, Counter[str]] = {key: Counter() for key in running}
    for lines in pages:
        keys = [_key(line) for line in lines]
        for key in running:
            if keys.count(key) == 1:
                index = keys.index(key)
                votes[key]["head" if index < len(keys) / 2 else "tail"] += 1
    return {key: count.most_common(1)[0][0] for key, count in votes.items() if count}


def _key(line: str) -> str:
    return re.sub(r"\s+", "", line)


def _edge_indexes(count: int) -> list[int]:
    head = list(range(min(EDGE_LINES, count)))
    tail = [i for i in range(max(0, count - EDGE_LINES), count) if i not in head]
    return head + tail[::-1]


# --- lines broken by the layout ---------------------------------------------------------

_SENTENCE_END = re.compile(r"[。！？!?；;：:]$")
_UNITS_START = re.compile(r"^[(（【]\s*(责任|牵头|主责)")
FULL_SLACK = 1.6
"""A line within this many characters of the full width is full: it was broken by the layout."""
MIN_WRAPPED_SHARE = 0.35
SHORT_LINE = 0.7
"""A line shorter than this share of the full width that ends no sentence is a heading."""


def width(line: str) -> float:
    """Printed width in em: CJK, full-width and ambiguous forms (“ ” in a CJK font) 1,
    others half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in line.strip())


def full_width(lines: list[str]) -> float | None:
    """The width of the text block, if the lines are hard-wrapped to one; else None."""
    widths = sorted(w for line in lines if (w := width(line)) >= 8)
    if len(widths) < 4:
        return None
    full = widths[int(len(widths) * 0.9) - 1 if len(widths) >= 10 else -1]
    near = sum(1 for w in widths if full - FULL_SLACK - 0.5 <= w <= full + 1)
    return full if near >= max(3, MIN_WRAPPED_SHARE * len(widths)) else None


def join_broken_lines(lines: list[str], repairs: Repairs) -> list[str]:
    """Rule `broken_lines`: lines the layout broke mid-paragraph joined back.

    A line that ends no sentence joins the next unless it is short (a heading, a title
    line); a line that ends a sentence joins the next only when it fills the width; never
    is a numbered item, a 专栏 box or a units annotation joined onto the line before.
    """
    full = full_width(lines)
    if full is None:
        return lines
    joined: list[str] = []
    last_line = ""
    for line in lines:
        stripped = line.strip()
        if joined and stripped and _continues(last_line, stripped, full, joined[-1]):
            joined[-1] = joined[-1].rstrip() + stripped
            repairs["broken_lines"] += 1
        else:
            joined.append(stripped)
        last_line = stripped
    return joined


def _continues(previous: str, line: str, full: float, paragraph: str) -> bool:
    """Whether `line` goes on the paragraph whose last line so far is `previous`."""
    previous = previous.rstrip()
    if not previous or LISTING_ENTRY.match(line):
        return False
    printed = width(previous)
    ends = bool(_SENTENCE_END.search(previous)) or previous.endswith(("）", ")"))
    if LISTING_ENTRY.match(paragraph):
        # A listing entry's title goes on with its short remainder, not with the body
        # paragraph (a full line, or a sentence) that follows it.
        return (
            not ends
            and printed >= full * SHORT_LINE
            and width(line) < full - FULL_SLACK
            and not _SENTENCE_END.search(line)
        )
    if ends and _UNITS_START.match(line):
        return False  # a units line of its own, as the text has it (it may cover a group)
    if classify(line).kind != "prose" and (ends or printed < full * SHORT_LINE):
        return False
    if ends:
        # A sentence that ends at the very end of a full line may well go on.
        return printed >= full - FULL_SLACK
    # Justified or narrow columns wrap before a Latin word: such lines are only near full.
    return printed >= full * SHORT_LINE


# --- characters inside a paragraph ----------------------------------------------------

_HAN = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u201c\u201d\u2018\u2019"
_CJK = f"[{_HAN}{_CJK_PUNCT}]"
_CJK_LATIN = re.compile(rf"(?<={_CJK}) (?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%]) (?={_CJK})")
_SPACED_DIGITS = re.compile(r"(?<![\d.])\d(?: \d)+(?![\d.])")
_HAN_SPACE_HAN = re.compile(rf"(?<=[{_HAN}]) (?=[{_HAN}])")
_FULLWIDTH = {
    **{0xFF10 + i: ord("0") + i for i in range(10)},
    **{0xFF21 + i: ord("A") + i for i in range(26)},
    **{0xFF41 + i: ord("a") + i for i in range(26)},
    0xFF05: ord("%"),
}
_RADICALS = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")


def space_between_cjk_and_latin(text: str) -> tuple[str, int]:
    """Rule `cjk_latin_spaces`: `2025 年`, `50 万元`, `探索 FSD` lose the inserted space."""
    return _CJK_LATIN.subn("", text)


def spaced_digits(text: str) -> tuple[str, int]:
    """Rule `digit_spaces`: `1 0 0 0万元`, `第 1 0 条`: single digits spaced out."""
    count = 0

    def join(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return match.group(0).replace(" ", "")

    return _SPACED_DIGITS.sub(join, text), count


HEADING_BEFORE_SPACE = (6, 30)
"""A space this many characters into a numbered paragraph may end its heading."""


def split_words(text: str) -> tuple[str, int]:
    """Rule `split_words`: `战略新 兴` rejoined; a space between two Chinese characters.

    Kept: the space after a short heading that opens a numbered paragraph
    (`(一)创塑特色,锻造长板 做强创新药…`), which separates the heading from its text.
    """
    marker = classify(text)
    keep: set[int] = set()
    if marker.kind != "prose":
        offset = len(text) - len(marker.rest)
        keep.update(range(offset))  # the marker's own spacing (第10条 支持…)
        first = marker.rest.find(" ")
        if HEADING_BEFORE_SPACE[0] <= first <= HEADING_BEFORE_SPACE[1]:
            keep.add(offset + first)
    count = 0

    def drop(match: re.Match[str]) -> str:
        nonlocal count
        if match.start() in keep:
            return match.group(0)
        count += 1
        return ""

    return _HAN_SPACE_HAN.sub(drop, text), count


def fullwidth_forms(text: str) -> tuple[str, int]:
    """Rule `fullwidth_forms`: full-width digits, Latin letters and ％ to their ASCII forms."""
    count = sum(1 for ch in text if ord(ch) in _FULLWIDTH)
    return (text.translate(_FULLWIDTH), count) if count else (text, 0)


def radical_forms(text: str) -> tuple[str, int]:
    """Rule `radical_forms`: Kangxi radicals and compatibility ideographs that some PDF
    fonts map their glyphs to (⼯ U+2F2F for 工) become the ordinary characters."""
    count = 0

    def normal(match: re.Match[str]) -> str:
        nonlocal count
        replaced = unicodedata.normalize("NFKC", match.group(0))
        count += replaced != match.group(0)
        return replaced

    return _RADICALS.sub(normal, text), count


PARAGRAPH_RULES: tuple[tuple[str, Callable[[str], tuple[str, int]]], ...] = (
    ("radical_forms", radical_forms),
    ("fullwidth_forms", fullwidth_forms),
    ("digit_spaces", spaced_digits),
    ("cjk_latin_spaces", space_between_cjk_and_latin),
    ("split_words", split_words),
)


PDF_ONLY_RULES = frozenset({"split_words"})
"""A space between two Chinese characters means something in a page written as text (a
heading before its body, two issuers side by side); only a PDF's layout inserts it stray."""


def paragraph_repairer(repairs: Repairs, from_pdf: bool) -> Callable[[str], str]:
    """A function applying the character rules to one paragraph, counting into `repairs`."""
    rules = [(n, r) for n, r in PARAGRAPH_RULES if from_pdf or n not in PDF_ONLY_RULES]

    def repair(text: str) -> str:
        for name, rule in rules:
            text, count = rule(text)
            repairs[name] += count
        return text

    return repair


def repair_pages(pages: list[str], repairs: Repairs) -> str:
    """Text of a PDF's pages with page furniture dropped and broken lines joined."""
    split = [page.split("\n") for page in pages]
    split = drop_page_numbers(split, repairs)
    split = drop_running_lines(split, repairs)
    lines = [line for page in split for line in page]
    return "\n".join(join_broken_lines(lines, repairs))


def repair_text_lines(text: str, repairs: Repairs) -> tuple[str, bool]:
    """Plain text copied out of a PDF (hard-wrapped lines): page numbers dropped, broken
    lines joined. Returns the text and whether it was such a copy."""
    lines = text.split("\n")
    if full_width(lines) is None:
        return text, False
    pages = drop_page_numbers([lines], repairs)
    return "\n".join(join_broken_lines(pages[0], repairs)), True

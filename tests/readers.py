"""Reading built outputs as their readers see them: PDF text, Markdown tables, HTML, DOCX."""

from __future__ import annotations

import html
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def squash(text: str) -> str:
    """Text without any white space: PDF extraction breaks lines and cells anywhere."""
    return re.sub(r"\s+", "", text)


def pdf_words(path: Path) -> str:
    """A PDF's text in reading order, words joined by single spaces, hyphenation undone."""
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = re.sub(r"(?<=[a-z])[-\u2010]\n(?=[a-z])", "", text)  # words hyphenated at a line end
    return re.sub(r"\s+", " ", text)


def between(text: str, start: str, ends: tuple[str, ...]) -> str:
    """The part of a text from the last occurrence of a heading to the next of the ends.

    Headings also stand in the table of contents; the last occurrence is the section.
    """
    begin = text.rindex(start)
    stops = [text.find(end, begin + len(start)) for end in ends]
    stop = min((s for s in stops if s != -1), default=len(text))
    return text[begin:stop]


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def pdf_table_columns(path: Path, first_header: str) -> dict[str, str]:
    """The text of each column of a table that may run over pages, by its header's words.

    Text extraction reads wrapped cells of neighbouring columns line by line, mixing them;
    words are put into columns by where they stand instead, below the header row of every
    page that repeats it. Columns start where their header's first word does.
    """
    layout = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    columns: dict[str, list[str]] = {}
    for page in layout.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))  # type: ignore[union-attr]
        words = [
            (float(x0), float(y0), float(x1), float(y1), html.unescape(text))
            for x0, y0, x1, y1, text in _WORD.findall(page)
        ]
        header = next((w for w in words if w[4] == first_header), None)
        if header is None:
            continue
        line = sorted((w for w in words if abs(w[1] - header[1]) < 2), key=lambda w: w[0])
        starts: list[tuple[float, list[str]]] = []
        previous_end = 0.0
        for word in line:
            if word[0] < header[0] - 1:
                continue
            if starts and word[0] - previous_end < 4.5:
                starts[-1][1].append(word[4])
            else:
                starts.append((word[0], [word[4]]))
            previous_end = word[2]
        names = [" ".join(parts) for _, parts in starts]
        bottom = max(w[3] for w in words if abs(w[1] - header[1]) < 14 and w[0] >= header[0] - 1)
        # Below the header row and above the running footer.
        body = sorted(
            (w for w in words if bottom < w[1] < height - 50), key=lambda w: (round(w[1]), w[0])
        )
        for word in body:
            index = max((i for i, (x, _) in enumerate(starts) if word[0] >= x - 2), default=None)
            if index is not None:
                columns.setdefault(names[index], []).append(word[4])
    # A word hyphenated at a cell's line end is one word.
    return {
        name: re.sub(r"(?<=[a-z])- (?=[a-z])", "", " ".join(parts))
        for name, parts in columns.items()
    }


def markdown_tables(markdown: str) -> list[list[list[str]]]:
    """Every table of a CommonMark+tables document: rows of cell texts (header first)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    tables: list[list[list[str]]] = []
    row: list[str] | None = None
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            tables[-1].append(row)
            row = None
        elif token.type == "inline" and row is not None:
            row.append(
                "".join(
                    c.content for c in token.children or () if c.type in ("text", "code_inline")
                )
            )
    return tables


class _LanguageText(HTMLParser):
    """Text of an HTML page by the language it is shown in (data-l="zh" / "en")."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, str | None]] = []
        self.parts: dict[str, list[str]] = {"zh": [], "en": []}
        self.by_id: dict[str, dict[str, list[str]]] = {}

    _VOID = frozenset({"br", "img", "meta", "link", "input", "hr", "col", "source", "wbr"})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._VOID:
            return
        found = dict(attrs)
        self.stack.append((tag, found.get("data-l"), found.get("id")))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if any(t in ("script", "style", "title") for t, _, _ in self.stack):
            return
        langs = [lang for _, lang, _ in self.stack if lang]
        targets = [langs[-1]] if langs else ["zh", "en"]
        ids = [i for _, _, i in self.stack if i]
        for lang in targets:
            self.parts[lang].append(data)
            for ident in ids:
                self.by_id.setdefault(ident, {"zh": [], "en": []})[lang].append(data)


def html_text(path: Path) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(text per language, text per element id per language) of an HTML file."""
    parser = _LanguageText()
    parser.feed(path.read_text(encoding="utf-8"))
    whole = {lang: " ".join(parts) for lang, parts in parser.parts.items()}
    by_id = {
        ident: {lang: " ".join(parts) for lang, parts in langs.items()}
        for ident, langs in parser.by_id.items()
    }
    return whole, by_id


def docx_paragraphs(path: Path) -> list[str]:
    """Every paragraph of a DOCX body as its text, in document order."""
    with zipfile.ZipFile(path) as package:
        root = ET.fromstring(package.read("word/document.xml"))
    return [
        "".join(t.text or "" for t in paragraph.iter(f"{W}t")) for paragraph in root.iter(f"{W}p")
    ]

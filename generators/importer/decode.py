"""Bytes of an untrusted source file to clean text: encoding, HTML, size limits."""

from __future__ import annotations

import codecs
import re
import unicodedata
from html.parser import HTMLParser

MAX_SOURCE_BYTES = 8 * 1024 * 1024
"""Policy pages are tens of kilobytes; anything this large is not one."""


class SourceRefused(Exception):
    """The file cannot be read as a policy text; the message says why."""


def decode_source(data: bytes) -> str:
    """Decode a source file saved as UTF-8, UTF-16 or GB18030/GBK, as text or HTML."""
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceRefused(
            f"file is {len(data):,} bytes; the limit for a policy source is {MAX_SOURCE_BYTES:,}"
        )
    if not data.strip():
        raise SourceRefused("file is empty")
    text = _decode_bytes(data)
    if _looks_binary(text):
        raise SourceRefused("file is binary, not text (expected a policy page as text or HTML)")
    if _looks_like_html(text):
        text = html_to_text(text)
    return normalize_text(text)


def _decode_bytes(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Government sites still publish GBK/GB2312 pages; GB18030 is their superset.
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise SourceRefused(
            f"file is neither UTF-8 nor GB18030 text (undecodable byte at offset {exc.start})"
        ) from None


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = sum(
        1 for ch in text[:20000] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f"
    )
    return controls > max(3, len(text[:20000]) // 200)


_HTML_HINT = re.compile(r"<\s*(!doctype\s+html|html|body|div|p|table|span)\b", re.IGNORECASE)


def _looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:5000]))


_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
        "title",
    ]
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self.title: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _SKIP_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
            return
        if self._skip_depth == 0:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Text of an HTML page with one line per block element; scripts and styles dropped."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def normalize_text(text: str) -> str:
    """Line endings to \\n, invisible and control characters removed, spaces made plain."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    return "".join(_clean_char(ch) for ch in text)


def _clean_char(ch: str) -> str:
    if ch in "\n\t\u3000":
        return ch
    category = unicodedata.category(ch)
    if category == "Zs":
        # En spaces, no-break spaces and the like separate blocks as plain spaces do.
        return " "
    return "" if category in ("Cc", "Cs", "Co") else ch

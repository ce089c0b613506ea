"""Bytes of an untrusted source file to clean text: encoding, HTML, size limits."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from generators.importer.files import MAX_SOURCE_BYTES, SourceRefused

__all__ = ["MAX_SOURCE_BYTES", "Decoded", "SourceRefused", "decode_source", "decode_text"]


@dataclass
class Decoded:
    text: str
    warnings: list[tuple[int | None, str]] = field(default_factory=list)
    """(line, message) for what was read by a guess or left out on purpose."""


def decode_source(data: bytes) -> str:
    """Decode a source file saved as UTF-8, UTF-16, GB18030/GBK or Big5, as text or HTML."""
    return decode_text(data).text


def decode_text(data: bytes) -> Decoded:
    """The text of a source file, with warnings for guesses and for text left out."""
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceRefused(
            f"file is {len(data):,} bytes; the limit for a policy source is {MAX_SOURCE_BYTES:,}"
        )
    if not data.strip():
        raise SourceRefused("file is empty")
    decoded = Decoded("")
    text = _decode_bytes(data, decoded)
    if _looks_binary(text):
        raise SourceRefused("file is binary, not text (expected a policy page as text or HTML)")
    text = strip_bidi_controls(text, decoded)
    if _looks_like_html(text):
        # Character references (&#x202e;) become characters only now.
        text = strip_bidi_controls(html_to_text(text, decoded), decoded)
    decoded.text = normalize_text(text)
    return decoded


def _decode_bytes(data: bytes, decoded: Decoded) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Government sites still publish GBK/GB2312 pages (GB18030 is their superset); Hong
    # Kong, Macao and Taiwan ones publish Big5. The same bytes often decode both ways, so
    # the reading with more of the commonest characters of policy text wins.
    readings: list[tuple[int, str, str]] = []
    for codec in ("gb18030", "cp950"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        readings.append((_common_characters(text), codec, text))
    if not readings:
        raise SourceRefused(
            "file is neither UTF-8, GB18030 nor Big5 text (expected a policy page as text or HTML)"
        )
    score, codec, text = max(readings, key=lambda r: (r[0], r[1] == "gb18030"))
    if codec == "cp950":
        decoded.warnings.append(
            (None, "decoded as Big5 (traditional Chinese); check the text against the original")
        )
    elif len(readings) > 1 and score < 3 * readings[1][0] and len(text) > 200:
        decoded.warnings.append(
            (None, "encoding uncertain between GB18030 and Big5; read as GB18030, check the text")
        )
    return text


_COMMON = frozenset(
    "的一是在不了有和人中大上年市政策企业業支持发發产產国國为為个個区區工作技术術展新"
    "对對等及项項目资資金与與其进進行研究设設施实實部门門局委府会會应應用服务務"
)


def _common_characters(text: str) -> int:
    return sum(1 for ch in text if ch in _COMMON)


_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_bidi_controls(text: str, decoded: Decoded) -> str:
    """Direction overrides (U+202A-202E, U+2066-2069) removed, each line reported.

    They can make a text show other than it reads (a cap written 最高\u202e005万元), and
    they split amounts the importer must see whole.
    """
    if not _BIDI_CONTROLS.search(text):
        return text
    lines = sorted({text.count("\n", 0, m.start()) + 1 for m in _BIDI_CONTROLS.finditer(text)})
    count = len(_BIDI_CONTROLS.findall(text))
    shown = ", ".join(str(n) for n in lines[:10]) + (" …" if len(lines) > 10 else "")
    decoded.warnings.append(
        (lines[0], f"removed {count} bidirectional control character(s) on line(s) {shown}")
    )
    return _BIDI_CONTROLS.sub("", text)


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


_VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_HIDING_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|font-size\s*:\s*0(?![.\d]*[1-9])",
    re.IGNORECASE,
)
_HIDDEN_CLASS_RULE = re.compile(r"\.([A-Za-z_][\w-]*)\s*\{([^}]*)\}")


class _TextExtractor(HTMLParser):
    def __init__(self, hidden_classes: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self.title: list[str] = []
        self._in_title = False
        self._hidden_classes = hidden_classes
        self._hidden_tag: str | None = None
        self._hidden_nesting = 0
        self.hidden: list[tuple[int, str]] = []
        """(line, text) of each block of hidden text left out."""

    def _hides(self, attrs: list[tuple[str, str | None]]) -> bool:
        values = dict(attrs)
        if "hidden" in values:
            return True
        if _HIDING_STYLE.search(values.get("style") or ""):
            return True
        classes = (values.get("class") or "").split()
        return any(c in self._hidden_classes for c in classes)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._hidden_tag is not None:
            if tag == self._hidden_tag:
                self._hidden_nesting += 1
            return
        if tag not in _VOID_TAGS and self._hides(attrs):
            self._hidden_tag, self._hidden_nesting = tag, 1
            self.hidden.append((self.getpos()[0], ""))
            return
        if tag == "title":
            self._in_title = True
        if tag in _SKIP_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._hidden_tag is not None:
            if tag == self._hidden_tag:
                self._hidden_nesting -= 1
                if self._hidden_nesting == 0:
                    self._hidden_tag = None
            return
        if tag == "title":
            self._in_title = False
        if tag in _SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._hidden_tag is not None:
            if self._skip_depth == 0:
                line, text = self.hidden[-1]
                self.hidden[-1] = (line, text + data)
            return
        if self._in_title:
            self.title.append(data)
            return
        if self._skip_depth == 0:
            self.parts.append(data)


def _hidden_classes(html: str) -> frozenset[str]:
    """Classes a page's own style sheet hides (.hide { display: none })."""
    found: set[str] = set()
    for sheet in re.findall(r"<style[^>]*>(.*?)</style>", html, re.IGNORECASE | re.DOTALL):
        for name, body in _HIDDEN_CLASS_RULE.findall(sheet):
            if _HIDING_STYLE.search(body):
                found.add(name)
    return frozenset(found)


def html_to_text(html: str, decoded: Decoded | None = None) -> str:
    """Text of an HTML page with one line per block element; scripts, styles and text the
    page hides (display:none, visibility:hidden, the hidden attribute) left out and reported."""
    parser = _TextExtractor(_hidden_classes(html))
    parser.feed(html)
    parser.close()
    if decoded is not None:
        for line, text in parser.hidden:
            words = " ".join(text.split())
            if words:
                shown = words if len(words) <= 60 else words[:60] + "…"
                decoded.warnings.append(
                    (
                        line,
                        f"hidden text in the page not imported (display:none or hidden): {shown!r}",
                    )
                )
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

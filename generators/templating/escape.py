"""Escaping content for Markdown so that clause text can never change a document's structure."""

from __future__ import annotations

import re

# Characters that open inline structure anywhere: emphasis, code, links, HTML, entities,
# tables, strikethrough. Escaping only these keeps Chinese text readable as raw Markdown.
_INLINE = re.compile(r"([\\`*_\[\]<>|&~])")
# Characters that open block structure at the start of a line: headings, lists, quotes.
_LEADING_MARK = re.compile(r"^(\s*)([#+\-=>])")
_LEADING_NUMBER = re.compile(r"^(\s*\d+)([.)])")


def markdown_escape(text: object) -> str:
    """Text as one literal Markdown inline: no emphasis, links, HTML or new lines."""
    value = re.sub(r"\s*\n\s*", " ", str(text)).strip()
    value = _INLINE.sub(r"\\\1", value)
    value = _LEADING_MARK.sub(r"\1\\\2", value)
    return _LEADING_NUMBER.sub(r"\1\\\2", value)

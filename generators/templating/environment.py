"""Jinja environments: strict about undefined names, translated through gettext catalogs."""

from __future__ import annotations

import gettext
import io
import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import jinja2
import jinja2.nodes
import markupsafe
from markupsafe import Markup

from generators.bounded import CATALOG_LIMIT, read_bounded
from generators.i18n.formatting import (
    format_cny,
    format_day,
    format_number,
    format_rate,
    format_size,
)
from generators.project import Project
from generators.templating.escape import markdown_escape

GETTEXT_KEYWORDS = ("_", "gettext", "ngettext", "bi")
_AMOUNT = re.compile(
    r"(?:up to |最高)?(?:RMB [\d,.]+(?: (?:thousand|million|billion))?|[\d,.]+(?:万|亿)?元)"
    r"(?: \(fixed\))?|\d+(?:\.\d+)?%(?:(?: to |~)\d+(?:\.\d+)?%)?"
)


def messages_in(env: jinja2.Environment, tree: jinja2.nodes.Template) -> set[str]:
    """The gettext message ids a parsed template uses (an environment with jinja2.ext.i18n)."""
    extract = cast(Any, env).extract_translations  # added by jinja2.ext.i18n
    found: set[str] = set()
    for _, _function, message in extract(tree, gettext_functions=GETTEXT_KEYWORDS):
        if isinstance(message, str):
            found.add(message)
        elif isinstance(message, tuple):
            found.update(m for m in message if isinstance(m, str))
    return found


def load_translations(project: Project, lang: str) -> gettext.NullTranslations:
    """The compiled catalog for a language; a missing one falls back to the msgids."""
    path = project.catalog(lang, "mo")
    if not path.exists():
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(read_bounded(path, CATALOG_LIMIT)))


def _autoescape(name: str | None) -> bool:
    return bool(name) and name.endswith((".html.j2", ".html", ".svg.j2"))  # type: ignore[union-attr]


def make_environment(project: Project, lang: str) -> jinja2.Environment:
    """The environment rendering one language; `bi()` gives a label in both languages."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(project.templates)),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    translations = load_translations(project, lang)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    zh = load_translations(project, "zh")
    en = load_translations(project, "en")

    def bi(message: str) -> dict[str, str]:
        return {"zh": zh.gettext(message), "en": en.gettext(message)}

    env.globals["bi"] = bi
    env.globals["lang"] = lang
    env.filters.update(_filters(lang))
    return env


def _filters(lang: str) -> dict[str, Callable[..., Any]]:
    def cny(value: int | None, in_lang: str | None = None) -> str:
        return "" if value is None else format_cny(value, in_lang or lang)

    def rate(value: Any, in_lang: str | None = None) -> str:
        return format_rate(value, in_lang or lang)

    def number(value: int | float) -> str:
        return format_number(value, lang)

    def day(value: Any, in_lang: str | None = None) -> str:
        return format_day(value, in_lang or lang)

    def filesize(size: int, in_lang: str | None = None) -> str:
        return format_size(size, in_lang or lang)

    def keep_amounts(value: str) -> Markup:
        """Amounts never break over lines (RMB 10 / million): each in a nowrap span."""
        escaped = markupsafe.escape(value)
        return Markup(_AMOUNT.sub(r'<span class="nobr">\g<0></span>', str(escaped)))

    def plain(value: Any) -> str:
        """A macro's result as plain text for the output to escape. The plain-text macro
        libraries (shared/money.j2, summaries/parts.j2) return their words unescaped, and
        Jinja marks a macro's result safe when an HTML template calls it: without this,
        markup in a clause's words would reach the page as markup."""
        return str.__str__(value) if isinstance(value, str) else str(value)

    def tojson_text(value: Any) -> Markup:
        return Markup(json.dumps(value, ensure_ascii=False))

    return {
        "cny": cny,
        "rate": rate,
        "number": number,
        "day": day,
        "md": markdown_escape,
        "json": tojson_text,
        "filesize": filesize,
        "keep_amounts": keep_amounts,
        "curly_quotes": typographic_quotes,
        "plain": plain,
    }


@lru_cache(maxsize=8)
def cached_environment(root: Path, lang: str) -> jinja2.Environment:
    """One environment per language and process: templates compile once per worker."""
    return make_environment(Project(root), lang)


_OPENS_AFTER = " \t\n([{\u2014\u2013-/"


def typographic_quotes(text: str) -> str:
    """English straight quotes as printed quotes: "chokepoint" → “chokepoint”, it's → it’s.

    A quote opens at the start or after a space, bracket or dash, and closes (or is an
    apostrophe) anywhere else; Chinese texts have their own full-width quotes already."""
    out: list[str] = []
    for index, char in enumerate(text):
        opens = index == 0 or text[index - 1] in _OPENS_AFTER
        if char == '"':
            out.append("\u201c" if opens else "\u201d")
        elif char == "'":
            out.append("\u2018" if opens else "\u2019")
        else:
            out.append(char)
    return "".join(out)

"""gettext catalogs of template wording: extract, update, compile, and check them.

`nox -s i18n` runs `python -m generators.templating.catalogs`, which extracts every
message from the templates with Babel's Jinja extractor, merges it into each language's
.po (English is the source language: its empty entries take the message itself) and
compiles the .mo files the build reads.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from generators.bounded import CATALOG_LIMIT, read_bounded
from generators.project import LANGS, Project

SOURCE_LANG = "en"
METHOD_MAP = [("**.j2", "jinja2"), ("**.css", "jinja2"), ("**.js", "jinja2")]
OPTIONS = {
    "**.j2": {"extensions": "jinja2.ext.i18n"},
    "**.css": {"extensions": "jinja2.ext.i18n"},
    "**.js": {"extensions": "jinja2.ext.i18n"},
}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "bi": None}
# Fixed dates keep catalogs byte-identical from run to run.
FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


PYTHON_KEYWORDS = {"N_": None}
"""Generator modules declare wording with N_() (the application form, readback problems)."""
PACKAGE = Path(__file__).resolve().parent.parent


def extract(project: Project) -> Catalog:
    catalog = Catalog(
        project="policydocs", creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        str(project.templates), METHOD_MAP, OPTIONS, KEYWORDS, strip_comment_tags=True
    ):
        if "locales" in Path(filename).parts:
            continue
        catalog.add(
            message, locations=[(filename, lineno)], auto_comments=comments, context=context
        )
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE), [("**.py", "python")], {}, PYTHON_KEYWORDS, strip_comment_tags=True
    ):
        catalog.add(
            message,
            locations=[(f"generators/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def python_messages(path: Path) -> set[str]:
    """The N_() message ids of one Python module."""
    found: set[str] = set()
    with path.open("rb") as handle:
        for _, _, message, _ in extract_python(handle, PYTHON_KEYWORDS, [], {}):
            if isinstance(message, str):
                found.add(message)
    return found


def read_catalog(path: Path, lang: str) -> Catalog:
    return read_po(io.BytesIO(read_bounded(path, CATALOG_LIMIT)), locale=_locale(lang))


def _locale(lang: str) -> str:
    return "zh_Hans_CN" if lang == "zh" else "en"


def update(project: Project) -> list[str]:
    """Bring every catalog up to date with the templates; return what needs a translator."""
    template = extract(project)
    pot = project.locales / "messages.pot"
    pot.parent.mkdir(parents=True, exist_ok=True)
    _write_po(pot, template)
    todo: list[str] = []
    for lang in LANGS:
        po_path = project.catalog(lang, "po")
        if po_path.exists():
            catalog = read_catalog(po_path, lang)
        else:
            catalog = Catalog(
                locale=_locale(lang),
                project="policydocs",
                creation_date=FIXED_DATE,
                revision_date=FIXED_DATE,
            )
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.fuzzy = False
        catalog.obsolete.clear()
        catalog.creation_date = FIXED_DATE
        catalog.revision_date = FIXED_DATE
        for message in catalog:
            if not message.id:
                continue
            if lang == SOURCE_LANG and not message.string:
                message.string = message.id
            if not message.string or message.fuzzy:
                todo.append(f"{lang}: {message.id!r}")
        po_path.parent.mkdir(parents=True, exist_ok=True)
        _write_po(po_path, catalog)
        with project.catalog(lang, "mo").open("wb") as handle:
            write_mo(handle, catalog)
    return todo


def _write_po(path: Path, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    # File names without line numbers: an edited template does not rewrite every entry.
    write_po(buffer, catalog, width=100, sort_output=True, omit_header=False, include_lineno=False)
    path.write_bytes(buffer.getvalue())


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def main() -> int:
    project = Project(Path.cwd())
    todo = update(project)
    for item in todo:
        print(f"needs translation: {item}", file=sys.stderr)
    print(f"catalogs updated in {project.locales}; {len(todo)} message(s) need a translator")
    return 0


if __name__ == "__main__":
    sys.exit(main())

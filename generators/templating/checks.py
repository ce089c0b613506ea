"""Template and catalog checks for `policydocs check` and for every build."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import jinja2
from babel.messages.mofile import read_mo
from jinja2 import nodes

from generators.bounded import CATALOG_LIMIT, TEMPLATE_LIMIT, RefusedFile, read_bounded
from generators.paths import PathEscape, inside
from generators.problems import Problem, Severity
from generators.project import LANGS, Project
from generators.templating.catalogs import SOURCE_LANG, compiled, extract, read_catalog

TEMPLATE_SUFFIXES = (".j2", ".css", ".js")


def check_templates(project: Project, required: Iterable[str] = ()) -> list[Problem]:
    """Every template is a readable file and parses; every template it includes, imports
    or extends exists; so do the `required` ones (those output kinds render). A problem
    names the template file and line."""
    if not project.templates.is_dir():
        return [Problem("templates", None, "", "templates/ folder is missing")]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(project.templates)), extensions=["jinja2.ext.i18n"]
    )
    problems: list[Problem] = []
    for name in required:
        if not _exists(project, name):
            problems.append(
                Problem(f"templates/{name}", None, "", "template is missing", code="template")
            )
    for path in template_files(project):
        name = path.relative_to(project.templates).as_posix()
        display = f"templates/{name}"
        try:
            source = read_bounded(path, TEMPLATE_LIMIT).decode("utf-8")
            tree = env.parse(source, name, str(path))
        except RefusedFile as exc:
            problems.append(Problem(display, None, "", f"file is {exc}", code="refused-file"))
            continue
        except UnicodeDecodeError:
            problems.append(
                Problem(display, None, "", "template is not UTF-8", code="template-syntax")
            )
            continue
        except OSError as exc:
            problems.append(Problem(display, None, "", f"cannot read file: {exc.strerror}"))
            continue
        except jinja2.TemplateSyntaxError as exc:
            problems.append(
                Problem(
                    display,
                    exc.lineno,
                    "",
                    f"template syntax error: {exc.message}",
                    code="template-syntax",
                )
            )
            continue
        problems.extend(_references(project, display, tree))
    return problems


def template_files(project: Project) -> list[Path]:
    """Every template file (catalogs aside), sorted."""
    return sorted(
        path
        for path in project.templates.rglob("*")
        if path.suffix in TEMPLATE_SUFFIXES and "locales" not in path.parts
    )


def _references(project: Project, display: str, tree: nodes.Template) -> list[Problem]:
    """Includes, imports and extends must name templates that exist, by literal name (a
    build tracks what each output's templates include)."""
    problems: list[Problem] = []
    kinds = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
    for node in tree.find_all(kinds):
        assert isinstance(node, kinds)
        word = type(node).__name__.lower().replace("fromimport", "import")
        target = node.template
        names = (
            [target.value]
            if isinstance(target, nodes.Const) and isinstance(target.value, str)
            else [item.value for item in target.items if isinstance(item, nodes.Const)]
            if isinstance(target, (nodes.List, nodes.Tuple))
            and all(isinstance(item, nodes.Const) for item in target.items)
            else None
        )
        if names is None:
            problems.append(
                Problem(
                    display,
                    node.lineno,
                    "",
                    f"{word} of a computed template name: name templates literally so builds "
                    "can track them",
                    code="template",
                )
            )
            continue
        if getattr(node, "ignore_missing", False):
            continue
        for name in names:
            if not isinstance(name, str) or not _exists(project, name):
                problems.append(
                    Problem(
                        display,
                        node.lineno,
                        "",
                        f"{word} of a template that does not exist: {name!r}",
                        code="template",
                    )
                )
    return problems


def _exists(project: Project, name: str) -> bool:
    try:
        return inside(project.templates, name).is_file()
    except PathEscape:
        return False


def check_catalogs(project: Project, strict: bool) -> list[Problem]:
    """Catalogs hold every template message, translated, not fuzzy, and compiled."""
    severity: Severity = "error" if strict else "warning"
    problems: list[Problem] = []
    try:
        wanted = {m.id for m in extract(project) if m.id}
    except (OSError, jinja2.TemplateSyntaxError):
        return problems  # reported by check_templates
    for lang in LANGS:
        po_path = project.catalog(lang, "po")
        display = f"templates/locales/{lang}/LC_MESSAGES/messages.po"
        if not po_path.exists():
            problems.append(
                Problem(
                    display,
                    None,
                    "",
                    "catalog is missing; run nox -s i18n",
                    severity=severity,
                    code="catalog",
                )
            )
            continue
        try:
            catalog = read_catalog(po_path, lang)
            mo_path = project.catalog(lang, "mo")
            mo = read_bounded(mo_path, CATALOG_LIMIT) if mo_path.exists() else None
        except OSError as exc:
            problems.append(Problem(display, None, "", f"file is {exc}", code="refused-file"))
            continue
        have = {m.id for m in catalog if m.id}
        missing = sorted(wanted - have)
        if missing:
            problems.append(
                Problem(
                    display,
                    None,
                    "",
                    f"catalog is older than its templates: {len(missing)} "
                    f"message(s) missing (first: {missing[0]!r}); run nox -s i18n",
                    severity=severity,
                    code="catalog-outdated",
                )
            )
        for message in catalog:
            if not message.id or message.id not in wanted:
                continue
            line = message.lineno
            if message.fuzzy:
                problems.append(
                    Problem(
                        display,
                        line,
                        "",
                        f"fuzzy translation of {message.id!r}: review it and remove the fuzzy flag",
                        severity=severity,
                        code="catalog-fuzzy",
                    )
                )
            elif not message.string and lang != SOURCE_LANG:
                problems.append(
                    Problem(
                        display,
                        line,
                        "",
                        f"untranslated message {message.id!r}",
                        severity=severity,
                        code="catalog-untranslated",
                    )
                )
        if mo is None or _mo_entries(mo) != _mo_entries(compiled(catalog)):
            problems.append(
                Problem(
                    f"templates/locales/{lang}/LC_MESSAGES/messages.mo",
                    None,
                    "",
                    "compiled catalog does not match messages.po; run nox -s i18n",
                    severity=severity,
                    code="catalog-compiled",
                )
            )
    return problems


def _mo_entries(data: bytes) -> dict[object, object]:
    import io

    catalog = read_mo(io.BytesIO(data))
    return {m.id: m.string for m in catalog if m.id}

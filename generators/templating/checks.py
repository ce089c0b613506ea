"""Template and catalog checks for `policydocs check` and for every build."""

from __future__ import annotations

import jinja2
from babel.messages.mofile import read_mo

from generators.problems import Problem, Severity
from generators.project import LANGS, Project
from generators.templating.catalogs import SOURCE_LANG, compiled, extract, read_catalog

TEMPLATE_SUFFIXES = (".j2", ".css", ".js")


def check_templates(project: Project) -> list[Problem]:
    """Every template parses; a syntax error names the template file and line."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(project.templates)), extensions=["jinja2.ext.i18n"]
    )
    problems: list[Problem] = []
    if not project.templates.is_dir():
        return [Problem("templates", None, "", "templates/ folder is missing")]
    for path in sorted(project.templates.rglob("*")):
        if path.suffix not in TEMPLATE_SUFFIXES or "locales" in path.parts:
            continue
        name = path.relative_to(project.templates).as_posix()
        try:
            env.parse(path.read_text(encoding="utf-8"), name, str(path))
        except jinja2.TemplateSyntaxError as exc:
            problems.append(
                Problem(
                    f"templates/{name}",
                    exc.lineno,
                    "",
                    f"template syntax error: {exc.message}",
                    code="template-syntax",
                )
            )
        except UnicodeDecodeError:
            problems.append(
                Problem(
                    f"templates/{name}", None, "", "template is not UTF-8", code="template-syntax"
                )
            )
    return problems


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
        catalog = read_catalog(po_path, lang)
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
        mo_path = project.catalog(lang, "mo")
        if not mo_path.exists() or _mo_entries(mo_path.read_bytes()) != _mo_entries(
            compiled(catalog)
        ):
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

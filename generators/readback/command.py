"""`policydocs readback FILE.docx… [--json] [--csv OUT] [--xlsx OUT] [--lang zh|en]`."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from generators.atomic import write_atomic
from generators.forms.phrases import N_
from generators.forms.wording import Wording
from generators.model import Corpus
from generators.project import Project
from generators.readback.reader import FormRow, ReadContext, read_form
from generators.readback.report import Reporter
from generators.readback.tables import build_table, to_csv, to_xlsx


def run_readback(
    project: Project,
    files: list[Path],
    *,
    as_json: bool,
    csv_out: Path | None = None,
    xlsx_out: Path | None = None,
    lang: str = "zh",
    today: dt.date | None = None,
) -> int:
    context = read_context(project, lang, today or dt.date.today())
    wording = context.wording
    rows = [_read_one(path, context) for path in files]
    if as_json:
        json.dump([row.as_json() for row in rows], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        _print_table(rows, wording, lang)
    if csv_out is not None or xlsx_out is not None:
        table = build_table(rows, wording, lang)
        if csv_out is not None:
            write_atomic(csv_out, to_csv(table))
        if xlsx_out is not None:
            sheets = (wording.message(N_("Forms"), lang), wording.message(N_("Problems"), lang))
            write_atomic(xlsx_out, to_xlsx(table, sheets))
    return 1 if any(row.has_errors for row in rows) else 0


def read_context(project: Project, lang: str, today: dt.date) -> ReadContext:
    """The project's content and catalogs, which every form of a batch is read with."""
    wording = Wording.of(project)
    corpus, unavailable = _current_corpus(project, wording, lang)
    return ReadContext(corpus, unavailable, wording, lang, today)


def _read_one(path: Path, context: ReadContext) -> FormRow:
    """One file's row; whatever goes wrong with it stays a problem of that file."""
    try:
        return read_form(path, context)
    except Exception as exc:  # the batch goes on: one hostile file must not stop it
        row = FormRow(str(path))
        say = Reporter(context.wording, context.lang)
        say.error(
            "",
            "unreadable",
            N_("cannot read this file (%(error)s)"),
            error=f"{exc.__class__.__name__}: {exc}",
        )
        row.problems = say.problems
        return row


def _current_corpus(project: Project, wording: Wording, lang: str) -> tuple[Corpus | None, str]:
    """The project's content, whose rules every form is checked against."""
    if not (project.content / "policies").is_dir():
        return None, wording.message(
            N_("there is no content/policies/ in %(project)s (run readback in the project)"),
            lang,
            project=str(project.root),
        )
    from generators.loader import load_corpus
    from generators.problems import ContentInvalid

    try:
        return load_corpus(project.content)[0], ""
    except ContentInvalid as exc:
        return None, wording.message(
            N_("the project's content does not load (%(count)s error(s); run policydocs check)"),
            lang,
            count=len(exc.errors),
        )


def _print_table(rows: list[FormRow], wording: Wording, lang: str) -> None:
    words = {
        "error": wording.message(N_("error"), lang),
        "warning": wording.message(N_("warning"), lang),
    }
    for row in rows:
        status = "errors" if row.has_errors else ("warnings" if row.problems else "ok")
        name = row.fields.get("applicant_name") or "?"
        print(f"{row.file}: {row.form_id or '?'} · {name} · {wording.message(status, lang)}")
        colon = "：" if lang == "zh" else ": "
        for problem in row.problems:
            print(f"  {words[problem.severity]}{colon}{problem.text(lang)}")
    bad = sum(1 for row in rows if row.has_errors)
    print(
        wording.message(
            N_("%(count)s form(s) read, %(bad)s with errors"), lang, count=len(rows), bad=bad
        )
    )

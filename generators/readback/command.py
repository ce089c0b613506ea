"""`policydocs readback FILE.docx… [--json] [--csv OUT]`: returned forms to one table."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

from generators.atomic import write_atomic
from generators.formspec import FIELDS
from generators.model import Corpus
from generators.project import Project
from generators.readback.checks import FormProblem
from generators.readback.reader import FormRow, read_form


def run_readback(
    project: Project, files: list[Path], *, as_json: bool, csv_out: Path | None
) -> int:
    corpus = _current_corpus(project)
    rows = [_read_one(path, corpus) for path in files]
    if as_json:
        json.dump([row.as_json() for row in rows], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        _print_table(rows)
    if csv_out is not None:
        write_atomic(csv_out, to_csv(rows).encode("utf-8-sig"))
    return 1 if any(row.has_errors for row in rows) else 0


def _read_one(path: Path, corpus: Corpus | None) -> FormRow:
    """One file's row; whatever goes wrong with it stays a problem of that file."""
    try:
        return read_form(path, corpus)
    except Exception as exc:  # the batch goes on: one hostile file must not stop it
        row = FormRow(str(path))
        row.problems.append(
            FormProblem("", "error", f"cannot read this file ({exc.__class__.__name__}: {exc})")
        )
        return row


def _current_corpus(project: Project) -> Corpus | None:
    """The project's content, to tell forms made from older versions; None outside one."""
    if not (project.content / "policies").is_dir():
        return None
    from generators.loader import load_corpus
    from generators.problems import ContentInvalid

    try:
        return load_corpus(project.content)[0]
    except ContentInvalid:
        print("warning: content does not load; forms are not compared with it", file=sys.stderr)
        return None


def to_csv(rows: list[FormRow]) -> str:
    names = [n for n in FIELDS if any(n in row.fields for row in rows)]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["file", "form_id", "policy_id", "clause_id", *names, "problems"])
    for row in rows:
        values = [_cell(row.fields.get(n, "")) for n in names]
        problems = "; ".join(
            f"{p.severity}: {p.field + ': ' if p.field else ''}{p.message}" for p in row.problems
        )
        writer.writerow(
            [
                row.file,
                row.form_id or "",
                row.policy_id or "",
                row.clause_id or "",
                *values,
                problems,
            ]
        )
    return buffer.getvalue()


def _cell(value: str | bool) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def _print_table(rows: list[FormRow]) -> None:
    for row in rows:
        status = "errors" if row.has_errors else ("warnings" if row.problems else "ok")
        name = row.fields.get("applicant_name") or "?"
        print(f"{row.file}: {row.form_id or 'unknown form'} · {name} · {status}")
        for problem in row.problems:
            field = f"{problem.field}: " if problem.field else ""
            print(f"  {problem.severity}: {field}{problem.message}")
    bad = sum(1 for row in rows if row.has_errors)
    print(f"{len(rows)} form(s) read, {bad} with errors")

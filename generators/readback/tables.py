"""The checked table of returned forms as CSV and as an Excel workbook, safe to open.

Values typed by applicants are data: a cell starting with =, +, -, @, tab or carriage
return is never a formula (CSV: neutralised with a leading apostrophe, as OWASP
recommends; xlsx: text cells with Excel's quote prefix). Long digit strings such as bank
accounts stay text (CSV: written as ="…", which Excel and WPS show as the digits;
xlsx: text cells), so no 22-digit account turns into 6.22E+21.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generators.forms.phrases import N_
from generators.forms.wording import Wording
from generators.readback.reader import FormRow

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LONGEST_SAFE_NUMBER = 11
"""Excel shows digit strings longer than this in scientific notation (and keeps 15)."""
ERROR_FILL = "FFC7CE"
WARNING_FILL = "FFEB9C"
HEADER_FILL = "DDE4EE"


@dataclass(frozen=True)
class Table:
    """The checked table in one language: headers and rows of text."""

    headers: list[str]
    rows: list[list[str]]
    severities: list[str]
    """Per row: error, warning or ok."""
    problem_headers: list[str]
    problem_rows: list[list[str]]
    problem_severities: list[str]


def build_table(rows: list[FormRow], wording: Wording, lang: str) -> Table:
    def say(msgid: str) -> str:
        return wording.message(msgid, lang)

    names: list[str] = []
    for row in rows:
        names.extend(n for n in row.fields if n not in names)
    headers = [say(N_("File")), say(N_("Form number")), say(N_("Policy")), say(N_("Clause"))]
    headers += [_header(rows, name) for name in names]
    headers += [say(N_("Status")), say(N_("Problems"))]
    status = {"error": say(N_("errors")), "warning": say(N_("warnings")), "ok": say(N_("ok"))}
    body: list[list[str]] = []
    severities: list[str] = []
    problem_rows: list[list[str]] = []
    problem_severities: list[str] = []
    severity_words = {"error": say(N_("error")), "warning": say(N_("warning"))}
    colon = "：" if lang == "zh" else ": "
    for row in rows:
        severity = "error" if row.has_errors else ("warning" if row.problems else "ok")
        severities.append(severity)
        cells = [row.file, row.form_id or "", row.policy_id or "", row.clause_id or ""]
        cells += [_cell(row.fields.get(name, ""), say) for name in names]
        cells += [
            status[severity],
            "\n".join(f"{severity_words[p.severity]}{colon}{p.text(lang)}" for p in row.problems),
        ]
        body.append(cells)
        for problem in row.problems:
            problem_rows.append(
                [
                    row.file,
                    row.form_id or "",
                    problem.field,
                    problem.label,
                    severity_words[problem.severity],
                    problem.message,
                ]
            )
            problem_severities.append(problem.severity)
    problem_headers = [
        say(N_("File")),
        say(N_("Form number")),
        say(N_("Field")),
        say(N_("Label")),
        say(N_("Severity")),
        say(N_("Problem")),
    ]
    return Table(headers, body, severities, problem_headers, problem_rows, problem_severities)


def _header(rows: list[FormRow], name: str) -> str:
    """The field's label, or its labels on the different measures of the batch."""
    labels: list[str] = []
    for row in rows:
        label = row.labels.get(name)
        if label and label not in labels:
            labels.append(label)
    return " / ".join(labels) if labels else name


def _cell(value: str | bool, say: Callable[[str], str]) -> str:
    if isinstance(value, bool):
        return say(N_("yes")) if value else say(N_("no"))
    return value


def csv_safe(value: str) -> str:
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    if (
        value.isascii()
        and value.isdigit()
        and (len(value) > LONGEST_SAFE_NUMBER or (len(value) > 1 and value.startswith("0")))
    ):
        return f'="{value}"'
    return value


def to_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow([csv_safe(h) for h in table.headers])
    for cells in table.rows:
        writer.writerow([csv_safe(c) for c in cells])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def to_xlsx(table: Table, sheet_names: tuple[str, str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    forms = workbook.active
    assert forms is not None
    forms.title = sheet_names[0]
    problems = workbook.create_sheet(sheet_names[1])
    bold = Font(bold=True)
    fills = {
        "error": PatternFill("solid", fgColor=ERROR_FILL),
        "warning": PatternFill("solid", fgColor=WARNING_FILL),
    }
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    for sheet, headers, rows, severities, problem_column in (
        (forms, table.headers, table.rows, table.severities, len(table.headers)),
        (problems, table.problem_headers, table.problem_rows, table.problem_severities, 0),
    ):
        for column, header in enumerate(headers, start=1):
            cell = _text_cell(sheet, 1, column, header)
            cell.font, cell.fill = bold, header_fill
        for index, (cells, severity) in enumerate(zip(rows, severities, strict=True), start=2):
            for column, value in enumerate(cells, start=1):
                cell = _text_cell(sheet, index, column, value)
                cell.alignment = wrap
                highlighted = column in (problem_column, problem_column - 1) or not problem_column
                if severity in fills and highlighted:
                    cell.fill = fills[severity]
        sheet.freeze_panes = "B2"
        for column, header in enumerate(headers, start=1):
            longest = max([len(header), *(len(r[column - 1]) for r in rows)])
            letter = sheet.cell(row=1, column=column).column_letter
            sheet.column_dimensions[letter].width = min(60, max(10, longest + 2))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text_cell(sheet: Any, row: int, column: int, value: str) -> Any:
    """A cell that holds text, never a formula or a number, even when edited later."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    cell.data_type = "s"
    cell.number_format = "@"
    cell.quotePrefix = True
    return cell

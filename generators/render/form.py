"""Fillable bilingual application form (DOCX) for one money-bearing measure.

What the form holds and says is declared in generators/forms/spec.py (wording through the
gettext catalogs); this module lays it out with python-docx and legacy form fields.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any, cast

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from generators.build.jobs import Job
from generators.forms.describe import option_texts
from generators.forms.measure_block import MeasureRow, conditions_rows, measure_rows
from generators.forms.phrases import N_, Both, Phrase
from generators.forms.spec import Field, FormSpec, Row, Section, form_spec
from generators.forms.wording import Wording
from generators.project import Project
from generators.render.docx_fields import FieldWriter, add_simple_field
from generators.render.docx_package import finish_package
from generators.views import FormView

LATIN_FONT = "Times New Roman"
CJK_FONT = "Noto Serif CJK SC"
CJK_HEADING_FONT = "Noto Sans CJK SC"
GREY = RGBColor(0x55, 0x5F, 0x6D)
NAVY = RGBColor(0x1F, 0x3A, 0x5F)
FIELD_SHADE = "E8EDF3"
OFFICE_SHADE = "F3F3F3"
LABEL_WIDTH = Mm(62)
VALUE_WIDTH = Mm(108)
SEAL_HEIGHT = Mm(45)
"""A company seal is 40-42 mm across; the cell leaves room around it."""
SIGNATURE_HEIGHT = Mm(20)
OFFICE_HEIGHT = Mm(20)
MULTILINE_SPACE = Pt(36)
OPTION_LINE = 40
"""Characters of Chinese and English beyond which an option's English gets its own line."""
OPTION_INDENT = Mm(5)


def render(job: Job, root: Path) -> bytes:
    form = job.payload
    assert isinstance(form, FormView)
    return build_docx(form, Wording.of(Project(root)))


def build_docx(form: FormView, wording: Wording) -> bytes:
    spec = form_spec(form.rules, option_texts(form, wording))
    writer = _Writer(form, wording)
    writer.document_setup()
    writer.header_footer()
    writer.title()
    writer.measure(measure_rows(form, wording), conditions_rows(form, wording))
    for section in spec.sections:
        writer.section(section)
    buffer = io.BytesIO()
    writer.document.save(buffer)
    return finish_package(
        buffer.getvalue(), form_properties(form, spec), dt.date.fromisoformat(form.edition)
    )


def form_properties(form: FormView, spec: FormSpec) -> dict[str, str]:
    """What identifies the form and the version of the measure it was made from.

    Readback never takes rules from these (anyone can edit document properties): the
    figures are kept only to name what changed when the measure has changed since.
    """
    return {
        "policydocs.form_id": form.form_id,
        "policydocs.policy_id": form.policy_id,
        "policydocs.clause_id": form.clause_id,
        "policydocs.content_fingerprint": form.content_fingerprint,
        "policydocs.edition": form.edition,
        "policydocs.max_cny": "" if form.max_cny is None else str(form.max_cny),
        "policydocs.figures": json.dumps(
            spec.rules.summary(), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ),
    }


class _Writer:
    def __init__(self, form: FormView, wording: Wording) -> None:
        self.form = form
        self.wording = wording
        self.document: Any = Document()
        self.fields = FieldWriter()

    # -- wording -------------------------------------------------------------------------

    def both(self, phrase: Phrase) -> tuple[str, str]:
        return self.wording.both(phrase)

    def msg(self, msgid: str) -> tuple[str, str]:
        return self.wording.both(Phrase(msgid))

    # -- page ----------------------------------------------------------------------------

    def document_setup(self) -> None:
        document, form = self.document, self.form
        section = document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin, section.bottom_margin = Mm(20), Mm(18)
        styles = document.styles
        normal = styles["Normal"]
        normal.font.size = Pt(10.5)
        _set_fonts(normal.element, CJK_FONT)
        for name in ("Heading 1", "Heading 2", "Title"):
            style = styles[name]
            _set_fonts(style.element, CJK_HEADING_FONT)
            style.font.color.rgb = NAVY
        styles["Title"].font.size = Pt(16)
        styles["Heading 1"].font.size = Pt(13)
        styles["Heading 2"].font.size = Pt(11)
        core = document.core_properties
        stamp = dt.datetime.combine(dt.date.fromisoformat(form.edition), dt.time())
        core.created = core.modified = stamp
        core.last_printed = stamp
        core.revision = 1
        core.author = core.last_modified_by = "policydocs"
        core.title = f"{form.zh.name} 申请表"
        core.subject = form.form_id
        core.keywords = f"{form.policy_id}/{form.clause_id}"
        core.language = "zh-CN"
        core.comments = ""
        _protect_for_forms(document)

    def header_footer(self) -> None:
        form = self.form
        section = self.document.sections[0]
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _add(header, form.zh.policy_title.value, size=8, color=GREY)
        if not form.en.policy_title.pending:
            _add(header, "  " + form.en.policy_title.value, size=7.5, color=GREY)
        footer = Phrase(
            N_(
                "Form %(form)s · content version %(version)s · edition %(edition)s · "
                "page {page} of {pages}"
            )
        )
        for lang, size in (("zh", 8.0), ("en", 7.5)):
            paragraph = (
                section.footer.paragraphs[0] if lang == "zh" else section.footer.add_paragraph()
            )
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            text = self.wording.message(
                footer.msgid,
                lang,
                form=form.form_id,
                version=form.content_fingerprint,
                edition=form.edition,
            )
            before, _, rest = text.partition("{page}")
            middle, _, after = rest.partition("{pages}")
            _add(paragraph, before, size=size, color=GREY)
            add_simple_field(paragraph, "PAGE")
            _add(paragraph, middle, size=size, color=GREY)
            add_simple_field(paragraph, "NUMPAGES")
            _add(paragraph, after, size=size, color=GREY)

    def title(self) -> None:
        form, document = self.form, self.document
        msgid = N_("Application form: %(title)s")
        zh = self.wording.message(msgid, "zh", title=form.zh.name)
        en = self.wording.message(msgid, "en", title=form.en.name)
        _add(document.add_paragraph(style="Title"), zh)
        _add(document.add_paragraph(), en, size=12, color=NAVY)
        note_zh, note_en = self.msg(
            N_(
                "Please fill in the grey fields in Word, WPS or LibreOffice; the rest of the "
                "form is protected. Write 无 (none) in a field that does not apply."
            )
        )
        _add(document.add_paragraph(), note_zh, size=9, color=GREY)
        _add(document.add_paragraph(), note_en, size=8.5, color=GREY)

    # -- blocks --------------------------------------------------------------------------

    def heading(self, phrase: Phrase) -> None:
        zh, en = self.both(phrase)
        heading = self.document.add_paragraph(style="Heading 1")
        heading.paragraph_format.keep_with_next = True
        _add(heading, zh)
        _add(heading, "  " + en, size=10.5)

    def intro(self, row: Any, phrase: Phrase) -> None:
        zh, en = self.both(phrase)
        cell = row.cells[0].merge(row.cells[1])
        cell.width = LABEL_WIDTH + VALUE_WIDTH
        _add(cell.paragraphs[0], zh, size=9.5)
        _add(cell.add_paragraph(), en, size=8.5, color=GREY)
        _keep_row_with_next(row)

    def measure(self, rows: list[MeasureRow], conditions: list[MeasureRow]) -> None:
        self.heading(Phrase(N_("The measure")))
        self.text_rows(rows)
        if conditions:
            self.heading(Phrase(N_("Conditions that apply to every measure of this policy")))
            self.text_rows(conditions)
        notice_zh, notice_en = self.msg(
            N_(
                "The English is a translation for reference; the Chinese original prevails "
                "in case of any inconsistency."
            )
        )
        notice = self.document.add_paragraph()
        _add(notice, notice_zh, size=8.5, color=GREY)
        _add(notice, " " + notice_en, size=8, color=GREY)

    def text_rows(self, rows: list[MeasureRow]) -> None:
        """Label and text, Chinese with English beneath, one row each."""
        table = _table(self.document, len(rows))
        _, pending_en = self.msg(N_("English translation pending; the Chinese original applies."))
        for index, (row, item) in enumerate(zip(table.rows, rows, strict=True)):
            if item.long:  # a clause's text may run over a page break
                _allow_split(row)
            self.label(row.cells[0], item.label)
            value = row.cells[1]
            for number, line in enumerate(item.zh):
                paragraph = value.paragraphs[0] if number == 0 else value.add_paragraph()
                _add(paragraph, line, size=10)
            for line in item.en if item.en is not None else [pending_en]:
                _add(value.add_paragraph(), line, size=8.5, color=GREY)
            if index == 0:
                _keep_row_with_next(row)

    def section(self, section: Section) -> None:
        """Heading, then one table; an introduction is the table's first, full-width row
        (LibreOffice keeps a heading with a table that follows it, but lets a heading, a
        paragraph and a table come apart at a page foot)."""
        self.heading(section.heading)
        intro = 1 if section.intro is not None else 0
        table = _table(self.document, len(section.rows) + intro)
        rows = list(table.rows)
        if section.intro is not None:
            self.intro(rows[0], section.intro)
        for index, (row, item) in enumerate(zip(rows[intro:], section.rows, strict=True)):
            self.label(row.cells[0], item.label, item.note)
            self.value(row, item)
            if index == 0:
                _keep_row_with_next(row)

    def label(self, cell: _Cell, phrase: Phrase | Both, note: Phrase | None = None) -> None:
        zh, en = (phrase.zh, phrase.get("en")) if isinstance(phrase, Both) else self.both(phrase)
        _add(cell.paragraphs[0], zh, size=10, bold=True)
        _add(cell.add_paragraph(), en, size=8.5, color=GREY)
        if note is not None:
            note_zh, note_en = self.both(note)
            _add(cell.add_paragraph(), f"{note_zh} {note_en}", size=8, color=GREY)

    def value(self, row: Any, item: Row) -> None:
        cell = row.cells[1]
        if item.kind == "signature":
            _row_height(row, SIGNATURE_HEIGHT)
        elif item.kind == "seal":
            _row_height(row, SEAL_HEIGHT)
        elif item.kind == "office":
            _shade(cell, OFFICE_SHADE)
            _row_height(row, OFFICE_HEIGHT)
        elif item.kind in ("choices", "options"):
            _shade(cell, FIELD_SHADE)
            paragraph = cell.paragraphs[0]
            for index, field in enumerate(item.fields):
                if index and item.kind == "options":
                    paragraph = cell.add_paragraph()
                elif index:
                    _add(paragraph, "\u3000", size=9.5)
                self.checkbox(paragraph, field, cell if item.kind == "options" else None)
        else:
            _shade(cell, FIELD_SHADE)
            for field in item.fields:
                if field.kind == "checkbox":
                    self.checkbox(cell.paragraphs[0], field)
                else:
                    self.text_field(cell.paragraphs[0], field)

    def checkbox(self, paragraph: Paragraph, field: Field, cell: _Cell | None = None) -> None:
        """A tick box with its words; in a list of options (`cell`), long English goes on
        a line of its own under the Chinese."""
        zh, en = self.both(field.label)
        self.fields.checkbox(paragraph, field.name, f"{zh} / {en}")
        box_zh, box_en = self.both(field.box or field.label)
        if box_zh == box_en:
            _add(paragraph, " " + box_zh, size=9.5)
        elif cell is not None and len(box_zh) + len(box_en) > OPTION_LINE:
            _add(paragraph, " " + box_zh, size=9.5)
            english = cell.add_paragraph()
            english.paragraph_format.left_indent = OPTION_INDENT
            _add(english, box_en, size=8.5, color=GREY)
        else:
            _add(paragraph, f" {box_zh} {box_en}", size=9.5)

    def text_field(self, paragraph: Paragraph, field: Field) -> None:
        hint = " / ".join(self.both(field.hint)) if field.hint else ""
        if field.kind == "date":
            self.fields.text(paragraph, field.name, hint, kind="date", date_format="yyyy-MM-dd")
        elif field.kind == "amount":
            self.fields.text(paragraph, field.name, hint, kind="number", date_format="0.00")
        elif field.kind == "count":
            self.fields.text(paragraph, field.name, hint, kind="number", date_format="0")
        else:
            self.fields.text(paragraph, field.name, hint, max_length=field.max_length)
        if field.kind == "multiline":
            paragraph.paragraph_format.space_after = MULTILINE_SPACE


def _set_fonts(style_element: Any, east_asian: str) -> None:
    """Latin and East Asian fonts, and Chinese as the East Asian language.

    With w:eastAsia and w:lang zh-CN set, Word, WPS and LibreOffice pick a Simplified
    Chinese face and never fall back to a Japanese one.
    """
    rpr = style_element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:cs"), LATIN_FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _protect_for_forms(document: Any) -> None:
    """Only the form fields can be edited (Word: Restrict Editing, filling in forms)."""
    settings = document.settings.element
    protection = OxmlElement("w:documentProtection")
    protection.set(qn("w:edit"), "forms")
    protection.set(qn("w:enforcement"), "1")
    settings.append(protection)


def _add(
    paragraph: Paragraph,
    text: str,
    *,
    size: float | None = None,
    bold: bool = False,
    color: RGBColor | None = None,
) -> None:
    if not text:
        return
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if color is not None:
        run.font.color.rgb = color


def _table(document: Any, rows: int) -> Table:
    """Label and value columns whose grid agrees with the cell widths (Word draws the
    grid, LibreOffice the cells: when they disagree the two show different tables)."""
    table = document.add_table(rows=rows, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (LABEL_WIDTH, VALUE_WIDTH)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
        # A label and its field stay on one page.
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    _fixed_layout(table)
    return cast(Table, table)


def _fixed_layout(table: Any) -> None:
    """The table's own width is the sum of its columns (python-docx leaves it auto)."""
    width = table._tbl.tblPr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        table._tbl.tblPr.append(width)
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    width.set(qn("w:w"), str(sum(int(column.get(qn("w:w"))) for column in grid)))
    width.set(qn("w:type"), "dxa")


def _allow_split(row: Any) -> None:
    for cant_split in row._tr.get_or_add_trPr().findall(qn("w:cantSplit")):
        cant_split.getparent().remove(cant_split)


def _keep_row_with_next(row: Any) -> None:
    """The first row keeps with the next, so a heading never stands alone at a page foot."""
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def _row_height(row: Any, height: Length) -> None:
    row.height = height
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def _shade(cell: _Cell, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)

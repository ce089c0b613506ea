"""Fillable bilingual application form (DOCX) for one money-bearing measure.

The wording comes from templates/forms/form.yaml.j2 (through the gettext catalogs);
this module lays it out with python-docx and legacy form fields.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any, cast

import yaml
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from generators.formspec import FIELDS, FieldSpec
from generators.render.docx_fields import FieldWriter, add_simple_field
from generators.render.docx_package import finish_package
from generators.templating.environment import cached_environment
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


def render(form: FormView, root: Path) -> bytes:
    env = cached_environment(root, "zh")
    source = env.get_template("forms/form.yaml.j2").render(form=form)
    spec = yaml.load(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return build_docx(form, spec)


def build_docx(form: FormView, spec: dict[str, Any]) -> bytes:
    document = Document()
    _setup(document, form)
    fields = FieldWriter()
    _header_footer(document, spec, form)
    _title(document, spec)
    _measure(document, spec["measure"])
    for section in spec["sections"]:
        _section(document, section, fields)
    _office(document, spec["office"])
    buffer = io.BytesIO()
    document.save(buffer)
    edition = dt.date.fromisoformat(form.edition)
    properties = {
        "policydocs.form_id": form.form_id,
        "policydocs.policy_id": form.policy_id,
        "policydocs.clause_id": form.clause_id,
        "policydocs.content_fingerprint": form.content_fingerprint,
        "policydocs.edition": form.edition,
        "policydocs.max_cny": "" if form.max_cny is None else str(form.max_cny),
        "policydocs.rate_pct": _rate_text(form.rate_pct),
    }
    return finish_package(buffer.getvalue(), properties, edition)


def _rate_text(rate: float | tuple[float, float] | None) -> str:
    if rate is None:
        return ""
    if isinstance(rate, tuple):
        return f"{rate[0]:g}-{rate[1]:g}"
    return f"{rate:g}"


def _setup(document: Any, form: FormView) -> None:
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


def _header_footer(document: Any, spec: dict[str, Any], form: FormView) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _add(header, spec["header"]["zh"], size=8, color=GREY)
    if spec["header"]["en"]:
        _add(header, "  " + spec["header"]["en"], size=7.5, color=GREY)
    for lang, size in (("zh", 8), ("en", 7.5)):
        paragraph = section.footer.paragraphs[0] if lang == "zh" else section.footer.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        text = spec["footer"][lang]
        before, _, rest = text.partition("{page}")
        middle, _, after = rest.partition("{pages}")
        _add(paragraph, before, size=size, color=GREY)
        add_simple_field(paragraph, "PAGE")
        _add(paragraph, middle, size=size, color=GREY)
        add_simple_field(paragraph, "NUMPAGES")
        _add(paragraph, after, size=size, color=GREY)


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


def _bilingual(
    cell_or_doc: Any,
    texts: dict[str, str],
    *,
    size: float = 10.5,
    bold: bool = False,
    first: Paragraph | None = None,
) -> None:
    zh = first if first is not None else cell_or_doc.add_paragraph()
    _add(zh, texts["zh"], size=size, bold=bold)
    if texts.get("en"):
        en = cell_or_doc.add_paragraph()
        _add(en, texts["en"], size=size - 1.5, color=GREY)


def _title(document: Any, spec: dict[str, Any]) -> None:
    title = document.add_paragraph(style="Title")
    _add(title, spec["title"]["zh"])
    english = document.add_paragraph()
    _add(english, spec["title"]["en"], size=12, color=NAVY)
    note = document.add_paragraph()
    _add(note, spec["subtitle"]["zh"], size=9, color=GREY)
    note_en = document.add_paragraph()
    _add(note_en, spec["subtitle"]["en"], size=8.5, color=GREY)


def _table(document: Any, rows: int) -> Table:
    table = document.add_table(rows=rows, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = LABEL_WIDTH, VALUE_WIDTH
        # A label and its field stay on one page.
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return cast(Table, table)


def _heading(document: Any, texts: dict[str, str]) -> None:
    heading = document.add_paragraph(style="Heading 1")
    heading.paragraph_format.keep_with_next = True
    _add(heading, texts["zh"])
    _add(heading, "  " + texts["en"], size=10.5)


def _label(cell: _Cell, texts: dict[str, str]) -> None:
    _bilingual(cell, texts, size=10, bold=True, first=cell.paragraphs[0])


def _measure(document: Any, measure: dict[str, Any]) -> None:
    _heading(document, measure["heading"])
    _text_rows(document, measure["rows"], measure["pending_note"])
    conditions = measure["conditions"]
    if conditions["rows"]:
        _heading(document, conditions["heading"])
        _text_rows(document, conditions["rows"], measure["pending_note"])
    notice = document.add_paragraph()
    _add(notice, measure["notice"]["zh"], size=8.5, color=GREY)
    _add(notice, " " + measure["notice"]["en"], size=8, color=GREY)


def _text_rows(document: Any, rows: list[dict[str, Any]], pending_note: dict[str, str]) -> None:
    """Label and text in Chinese with English beneath, one row each."""
    table = _table(document, len(rows))
    for row, item in zip(table.rows, rows, strict=True):
        if len(item["zh"]) > 200:  # a long text may run over a page break
            for cant_split in row._tr.get_or_add_trPr().findall(qn("w:cantSplit")):
                cant_split.getparent().remove(cant_split)
        _label(row.cells[0], item["label"])
        value = row.cells[1]
        _add(value.paragraphs[0], item["zh"], size=10)
        english = value.add_paragraph()
        if item["pending"] or not item["en"]:
            _add(english, pending_note["en"], size=8.5, color=GREY)
        else:
            _add(english, item["en"], size=8.5, color=GREY)


def _section(document: Any, section: dict[str, Any], fields: FieldWriter) -> None:
    _heading(document, section["heading"])
    if section.get("intro"):
        _bilingual(document, section["intro"], size=9.5)
    table = _table(document, len(section["rows"]))
    for row, item in zip(table.rows, section["rows"], strict=True):
        _label(row.cells[0], item["label"])
        cell = row.cells[1]
        paragraph = cell.paragraphs[0]
        if "field" in item:
            spec = FIELDS[item["field"]]
            _shade(cell, FIELD_SHADE)
            _field(fields, paragraph, spec, item)
        elif "check" in item:
            spec = FIELDS[item["check"]]
            hint = f"{item['label']['zh']} / {item['label']['en']}"
            fields.checkbox(paragraph, spec.name, hint)
            _add(paragraph, "  是 Yes", size=9.5)
            _shade(cell, FIELD_SHADE)
        elif item.get("signature"):
            row.height = Mm(16)


def _field(
    fields: FieldWriter, paragraph: Paragraph, spec: FieldSpec, item: dict[str, Any]
) -> None:
    hint = f"{item['hint']['zh']} / {item['hint']['en']}"
    if spec.type == "dropdown":
        fields.dropdown(paragraph, spec.name, hint, list(item.get("options") or spec.options))
    elif spec.type == "date":
        fields.text(paragraph, spec.name, hint, kind="date", date_format="yyyy-MM-dd")
    elif spec.type in ("amount", "number"):
        fields.text(
            paragraph,
            spec.name,
            hint,
            kind="number",
            date_format="0.00" if spec.type == "amount" else "0",
        )
    else:
        fields.text(paragraph, spec.name, hint, max_length=spec.max_length)
    if spec.type == "multiline":
        paragraph.paragraph_format.space_after = Pt(36)


def _shade(cell: _Cell, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)


def _office(document: Any, office: dict[str, Any]) -> None:
    _heading(document, office["heading"])
    table = _table(document, len(office["rows"]))
    for row, texts in zip(table.rows, office["rows"], strict=True):
        _label(row.cells[0], texts)
        _shade(row.cells[1], OFFICE_SHADE)
        row.height = Mm(18)

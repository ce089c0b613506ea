"""Legacy Word form fields (FORMTEXT, FORMCHECKBOX) as OOXML runs.

Chosen over content controls because they survive real use: Word, WPS and LibreOffice
all let a user fill them in a document protected for forms, and LibreOffice keeps them
when it saves a filled form back as DOCX (it drops the tags of content controls). It does
drop the names of check boxes, so every field also carries its name at the end of its
help text, which all three keep; drop-downs are not used (LibreOffice renames them, and
on paper they print their first entry).
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from generators.forms.spec import help_with_name

BLANK = "\u2002" * 5
"""What an empty text field shows: Word's own placeholder of five en spaces."""
MAX_STATUS = 138
"""Word truncates status-bar help beyond this many characters."""


def _run(paragraph: Paragraph) -> Any:
    run = OxmlElement("w:r")
    paragraph._p.append(run)
    return run


def _fld_char(paragraph: Paragraph, kind: str) -> Any:
    run = _run(paragraph)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return char


def _instr(paragraph: Paragraph, text: str) -> None:
    run = _run(paragraph)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {text} "
    run.append(instr)


def _ff_data(name: str, help_text: str) -> Any:
    data = OxmlElement("w:ffData")
    name_el = OxmlElement("w:name")
    name_el.set(qn("w:val"), name)
    data.append(name_el)
    data.append(OxmlElement("w:enabled"))
    calc = OxmlElement("w:calcOnExit")
    calc.set(qn("w:val"), "0")
    data.append(calc)
    help_el = OxmlElement("w:helpText")
    help_el.set(qn("w:type"), "text")
    help_el.set(qn("w:val"), help_with_name(help_text, name))
    data.append(help_el)
    status = OxmlElement("w:statusText")
    status.set(qn("w:type"), "text")
    status.set(qn("w:val"), help_text[:MAX_STATUS])
    data.append(status)
    return data


def _bookmark(paragraph: Paragraph, name: str, start: bool, mark_id: int) -> None:
    element = OxmlElement("w:bookmarkStart" if start else "w:bookmarkEnd")
    element.set(qn("w:id"), str(mark_id))
    if start:
        element.set(qn("w:name"), name)
    paragraph._p.append(element)


class FieldWriter:
    """Adds form fields to one document; bookmark ids count from 1 in each document."""

    def __init__(self) -> None:
        self._last_id = 0

    def text(
        self,
        paragraph: Paragraph,
        name: str,
        help_text: str,
        *,
        kind: str = "regular",
        max_length: int = 0,
        date_format: str | None = None,
    ) -> None:
        """A fillable text field; kind is regular, date or number."""
        text_input = OxmlElement("w:textInput")
        for tag, value in (
            ("w:type", kind if kind != "regular" else None),
            ("w:maxLength", str(max_length) if max_length else None),
            ("w:format", date_format),
        ):
            if value is not None:
                _child(text_input, tag, value)
        self._field(paragraph, name, help_text, text_input, "FORMTEXT", BLANK)

    def checkbox(
        self, paragraph: Paragraph, name: str, help_text: str, checked: bool = False
    ) -> None:
        box = OxmlElement("w:checkBox")
        box.append(OxmlElement("w:sizeAuto"))
        _child(box, "w:default", "1" if checked else "0")
        self._field(paragraph, name, help_text, box, "FORMCHECKBOX", None)

    def _field(
        self,
        paragraph: Paragraph,
        name: str,
        help_text: str,
        kind_element: Any,
        instruction: str,
        shown: str | None,
    ) -> None:
        """begin (with w:ffData) · instruction · [separate · shown text] · end, bookmarked
        with the field's name as Word does."""
        self._last_id += 1
        mark_id = self._last_id
        _bookmark(paragraph, name, True, mark_id)
        data = _ff_data(name, help_text)
        data.append(kind_element)
        _fld_char(paragraph, "begin").append(data)
        _instr(paragraph, instruction)
        if shown is not None:
            _fld_char(paragraph, "separate")
            _text_run(paragraph, shown)
        _fld_char(paragraph, "end")
        _bookmark(paragraph, name, False, mark_id)


def _child(parent: Any, tag: str, value: str) -> None:
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    parent.append(element)


def _text_run(paragraph: Paragraph, value: str) -> None:
    text = OxmlElement("w:t")
    text.set(qn("xml:space"), "preserve")
    text.text = value
    _run(paragraph).append(text)


def add_simple_field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A computed field such as PAGE or NUMPAGES."""
    _fld_char(paragraph, "begin")
    _instr(paragraph, instruction)
    _fld_char(paragraph, "separate")
    _text_run(paragraph, placeholder)
    _fld_char(paragraph, "end")

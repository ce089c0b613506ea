"""Legacy form field values from word/document.xml, as Word, WPS and LibreOffice save them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class FieldValue:
    name: str
    kind: str
    """text, checkbox or dropdown."""
    value: str | bool
    entries: tuple[str, ...] = ()


def read_fields(document_xml: bytes) -> dict[str, FieldValue]:
    """Every named legacy form field with the value it holds, in document order."""
    root = ET.fromstring(document_xml)
    fields: dict[str, FieldValue] = {}
    current: FieldValue | None = None
    depth = 0
    in_result = False
    text: list[str] = []
    last_paragraph: object = None
    # LibreOffice renames a drop-down it saves (__Fieldmark__…) but keeps a bookmark with
    # the field's own name beside it: the bookmark nearest the field names it then.
    bookmark: str | None = None
    for element in root.iter():
        tag = element.tag
        if tag == f"{W}bookmarkStart":
            name = element.get(f"{W}name", "")
            if name and not _internal(name):
                bookmark = name
                if current is not None and _internal(current.name):
                    current.name = name
        elif tag == f"{W}p":
            if in_result and current is not None and last_paragraph is not None:
                text.append("\n")  # a field result running over paragraphs
            last_paragraph = element
        elif tag == f"{W}fldChar":
            kind = element.get(f"{W}fldCharType")
            if kind == "begin":
                depth += 1
                if depth == 1:
                    current = _from_ff_data(element.find(f"{W}ffData"))
                    if current is not None and _internal(current.name) and bookmark:
                        current.name = bookmark
                    text, in_result = [], False
            elif kind == "separate" and depth == 1:
                in_result = True
            elif kind == "end":
                if depth == 1 and current is not None:
                    if current.kind == "text":
                        current.value = _clean("".join(text))
                    if not _internal(current.name):
                        fields.setdefault(current.name, current)
                    current = None
                    bookmark = None
                in_result = False
                depth = max(0, depth - 1)
        elif in_result and depth == 1 and current is not None:
            if tag == f"{W}t":
                text.append(element.text or "")
            elif tag in (f"{W}br", f"{W}cr"):
                text.append("\n")
            elif tag == f"{W}tab":
                text.append("\t")
    return fields


def _from_ff_data(data: ET.Element | None) -> FieldValue | None:
    if data is None:
        return None
    name_el = data.find(f"{W}name")
    name = (name_el.get(f"{W}val") if name_el is not None else None) or ""
    box = data.find(f"{W}checkBox")
    if box is not None:
        checked = box.find(f"{W}checked")
        if checked is not None:
            value = checked.get(f"{W}val", "1") not in ("0", "false", "off")
        else:
            default = box.find(f"{W}default")
            value = default is not None and default.get(f"{W}val", "0") in ("1", "true", "on")
        return FieldValue(name, "checkbox", value)
    listing = data.find(f"{W}ddList")
    if listing is not None:
        entries = tuple(e.get(f"{W}val", "") for e in listing.findall(f"{W}listEntry"))
        result = listing.find(f"{W}result")
        index = int(result.get(f"{W}val", "0")) if result is not None else 0
        chosen = entries[index] if 0 <= index < len(entries) else ""
        return FieldValue(name, "dropdown", chosen, entries)
    return FieldValue(name, "text", "")


def _internal(name: str) -> bool:
    """Names an office suite makes up itself (or none): the field's bookmark names it."""
    return not name or name.startswith("_")


def _clean(value: str) -> str:
    """Field text as typed: Word's placeholder spaces and outer blanks removed."""
    return value.replace("\u2002", " ").strip()


def read_custom_properties(xml: bytes) -> dict[str, str]:
    root = ET.fromstring(xml)
    found: dict[str, str] = {}
    for prop in root:
        name = prop.get("name")
        if name is None:
            continue
        value = "".join(child.text or "" for child in prop)
        found[name] = value
    return found

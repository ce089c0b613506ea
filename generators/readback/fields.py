"""Legacy form-field values from word/document.xml, each tied to its field by identity.

A field is known by its name (w:ffData/w:name) or, where an office suite dropped the name
(LibreOffice does for check boxes), by the name at the end of its help text. Nothing else
names a field: not its position, not a bookmark nearby (LibreOffice moves those from save
to save). A field that cannot be identified with certainty, that appears twice, or whose
name and help text disagree is reported unreadable, never guessed. Hidden text (w:vanish,
directly or through a style) and text deleted under change tracking are not what a reader
of the form sees: fields there are ignored, and reported.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from generators.forms.spec import name_in_help

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FALSE = ("0", "false", "off")


@dataclass
class FieldValue:
    name: str
    kind: str
    """text, checkbox or dropdown."""
    value: str | bool


@dataclass(frozen=True)
class Finding:
    """Something about the fields themselves: unreadable, duplicated, hidden."""

    kind: str
    """unidentified, conflict, duplicate, hidden, hidden-text"""
    name: str
    detail: str = ""


@dataclass
class ReadFields:
    values: dict[str, FieldValue] = field(default_factory=dict)
    """Fields identified with certainty, by name."""
    unreadable: set[str] = field(default_factory=set)
    """Names whose value cannot be used (duplicated, conflicting, hidden only)."""
    findings: list[Finding] = field(default_factory=list)


@dataclass
class _Field:
    data: ET.Element
    hidden: bool
    text: list[str] = field(default_factory=list)
    in_result: bool = False
    last_paragraph: ET.Element | None = None


def read_fields(document_xml: bytes, styles_xml: bytes | None = None) -> ReadFields:
    root = ET.fromstring(document_xml)
    hidden_styles = _hidden_styles(styles_xml)
    parents = {child: parent for parent in root.iter() for child in parent}
    found: list[tuple[str | None, FieldValue, bool, str]] = []
    hidden_text: list[str] = []
    current: _Field | None = None
    depth = 0
    for run in root.iter(f"{W}r"):
        paragraph, removed = _context(run, parents)
        hidden = removed or _run_hidden(run, paragraph, hidden_styles)
        for element in run:
            tag = element.tag
            if tag == f"{W}fldChar":
                kind = element.get(f"{W}fldCharType")
                if kind == "begin":
                    depth += 1
                    data = element.find(f"{W}ffData")
                    if depth == 1:
                        current = _Field(data, hidden) if data is not None else None
                elif kind == "separate" and depth == 1 and current is not None:
                    current.in_result = True
                    current.hidden = current.hidden or hidden
                elif kind == "end":
                    if depth == 1 and current is not None:
                        current.hidden = current.hidden or hidden
                        found.append(_finish(current))
                        current = None
                    depth = max(0, depth - 1)
            elif depth >= 1 and current is not None:
                current.hidden = current.hidden or (hidden and tag == f"{W}t")
                if current.in_result and depth == 1:
                    _collect(current, element, paragraph)
            elif hidden and tag == f"{W}t" and element.text and element.text.strip():
                hidden_text.append(element.text.strip())
    return _identify(found, hidden_text)


def _finish(item: _Field) -> tuple[str | None, FieldValue, bool, str]:
    """(identity or None, value, hidden, why unidentified)."""
    data = item.data
    name_el = data.find(f"{W}name")
    declared = (name_el.get(f"{W}val") if name_el is not None else None) or ""
    declared = declared.strip()
    if declared.startswith("_"):  # names office suites make up (__Fieldmark__12_345)
        declared = ""
    help_el = data.find(f"{W}helpText")
    tagged = name_in_help(help_el.get(f"{W}val", "")) if help_el is not None else None
    why = ""
    identity: str | None = declared or tagged
    if declared and tagged and declared != tagged:
        identity, why = None, f"its name {declared!r} and its help text {tagged!r} disagree"
    elif not identity:
        why = "it carries neither a name nor a tagged help text"
    value = _value(data, "".join(item.text))
    if identity is None:
        value.name = declared or tagged or ""
    return identity, value, item.hidden, why


def _value(data: ET.Element, text: str) -> FieldValue:
    box = data.find(f"{W}checkBox")
    if box is not None:
        checked = box.find(f"{W}checked")
        if checked is not None:
            state = checked.get(f"{W}val", "1") not in FALSE
        else:
            default = box.find(f"{W}default")
            state = default is not None and default.get(f"{W}val", "0") not in FALSE
        return FieldValue("", "checkbox", state)
    listing = data.find(f"{W}ddList")
    if listing is not None:
        entries = [e.get(f"{W}val", "") for e in listing.findall(f"{W}listEntry")]
        result = listing.find(f"{W}result")
        raw = result.get(f"{W}val", "0") if result is not None else "0"
        index = int(raw) if raw.isdigit() else -1
        return FieldValue("", "dropdown", entries[index] if 0 <= index < len(entries) else "")
    return FieldValue("", "text", _clean(text))


def _identify(
    found: list[tuple[str | None, FieldValue, bool, str]], hidden_text: list[str]
) -> ReadFields:
    read = ReadFields()
    visible: dict[str, list[FieldValue]] = {}
    for identity, value, hidden, why in found:
        if identity is None:
            read.findings.append(Finding("unidentified", value.name, why))
            continue
        value.name = identity
        if hidden:
            read.findings.append(Finding("hidden", identity))
            continue
        visible.setdefault(identity, []).append(value)
    for name, values in visible.items():
        if len(values) > 1:
            read.findings.append(Finding("duplicate", name, str(len(values))))
            read.unreadable.add(name)
        else:
            read.values[name] = values[0]
    for finding in read.findings:
        if finding.kind == "hidden" and finding.name not in read.values:
            read.unreadable.add(finding.name)
    if hidden_text:
        read.findings.append(Finding("hidden-text", "", " ".join(hidden_text)))
    return read


def _collect(item: _Field, element: ET.Element, paragraph: ET.Element | None) -> None:
    tag = element.tag
    if tag not in (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        return
    if item.last_paragraph is not None and paragraph is not item.last_paragraph:
        item.text.append("\n")  # a result running over paragraphs
    item.last_paragraph = paragraph
    if tag == f"{W}t":
        item.text.append(element.text or "")
    elif tag == f"{W}tab":
        item.text.append("\t")
    else:
        item.text.append("\n")


def _context(
    run: ET.Element, parents: dict[ET.Element, ET.Element]
) -> tuple[ET.Element | None, bool]:
    """The run's paragraph, and whether tracked changes removed it (w:del, w:moveFrom)."""
    paragraph = None
    removed = False
    node = parents.get(run)
    while node is not None:
        if node.tag in (f"{W}del", f"{W}moveFrom"):
            removed = True
        if node.tag == f"{W}p" and paragraph is None:
            paragraph = node
        node = parents.get(node)
    return paragraph, removed


def _run_hidden(
    run: ET.Element, paragraph: ET.Element | None, hidden_styles: _HiddenStyles
) -> bool:
    """Direct formatting, then the character style, then the paragraph style, then the
    document defaults: the first that says whether the run is hidden decides."""
    properties = run.find(f"{W}rPr")
    if properties is not None:
        own = _vanish(properties)
        if own is not None:
            return own
        style = properties.find(f"{W}rStyle")
        if style is not None:
            decided = hidden_styles.styles.get(style.get(f"{W}val", ""))
            if decided is not None:
                return decided
    if paragraph is not None:
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        name = style.get(f"{W}val", "") if style is not None else hidden_styles.default_paragraph
        decided = hidden_styles.styles.get(name)
        if decided is not None:
            return decided
    return hidden_styles.everything


def _vanish(properties: ET.Element) -> bool | None:
    for tag in ("vanish", "specVanish"):
        element = properties.find(f"{W}{tag}")
        if element is not None:
            return element.get(f"{W}val", "1") not in FALSE
    return None


@dataclass(frozen=True)
class _HiddenStyles:
    styles: dict[str, bool] = field(default_factory=dict)
    """Styles that say whether their runs are hidden (themselves or through basedOn)."""
    default_paragraph: str = ""
    everything: bool = False
    """The document defaults hide every run."""


def _hidden_styles(styles_xml: bytes | None) -> _HiddenStyles:
    if not styles_xml:
        return _HiddenStyles()
    root = ET.fromstring(styles_xml)
    own: dict[str, bool | None] = {}
    based: dict[str, str] = {}
    default_paragraph = ""
    for style in root.findall(f"{W}style"):
        style_id = style.get(f"{W}styleId", "")
        is_default = style.get(f"{W}default") in ("1", "true", "on")
        if style.get(f"{W}type") == "paragraph" and is_default:
            default_paragraph = style_id
        properties = style.find(f"{W}rPr")
        own[style_id] = _vanish(properties) if properties is not None else None
        parent = style.find(f"{W}basedOn")
        if parent is not None:
            based[style_id] = parent.get(f"{W}val", "")
    defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")

    def decided(style_id: str) -> bool | None:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if own.get(style_id) is not None:
                return own[style_id]
            style_id = based.get(style_id, "")
        return None

    styles = {s: d for s in own if (d := decided(s)) is not None}
    return _HiddenStyles(
        styles=styles,
        default_paragraph=default_paragraph,
        everything=bool(defaults is not None and _vanish(defaults)),
    )


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
        found[name] = "".join(child.text or "" for child in prop)
    return found

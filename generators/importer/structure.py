"""Paragraphs of one policy to its divisions (chapters, sections, boxes) and clauses.

What counts as a clause (DESIGN.md): the smallest numbered unit (1., or (一) where no
smaller numbering follows, or 第N条); items inside a 专栏 box are clauses of their own;
a chapter or section that holds only prose is one clause titled by its heading; a
lead-in paragraph before a division's own numbered items is not a clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generators.importer.incentives import ParsedIncentive, parse_incentives
from generators.importer.markers import classify
from generators.importer.segment import Paragraph, RawPolicy
from generators.importer.units import UnitAnnotation, split_trailing_annotation
from generators.numerals import number_value

_PREFIX = {"chapter": "c", "section": "s", "box": "box", "item": "", "article": ""}
_LEVEL = {"policy": 0, "chapter": 1, "section": 2, "box": 3}
MAX_HEADING = 40
_TITLE_STOP = re.compile(r"[。：:]")


class NoStructure(Exception):
    """The text has no numbered structure the importer recognises."""


@dataclass(frozen=True)
class ImportedClause:
    id: str
    number: str
    kind: str
    title: str | None
    """None when the clause has no heading of its own (a whole provision is its text)."""
    text: str
    departments: tuple[str, ...]
    units_note: str | None
    incentives: tuple[ParsedIncentive, ...]
    line: int
    division: str | None
    """Key of the division the clause stands in (None at the top of the policy)."""


@dataclass(frozen=True)
class ImportedDivision:
    key: str
    kind: str
    number: str
    heading: str
    intro: tuple[str, ...]
    notes: tuple[str, ...]
    line: int
    parent: str | None


@dataclass(frozen=True)
class ImportedPolicy:
    title: str
    level: str | None
    doc_number: str | None
    issued: str | None
    preamble: tuple[str, ...]
    notes: tuple[str, ...]
    divisions: tuple[ImportedDivision, ...]
    clauses: tuple[ImportedClause, ...]
    line: int


@dataclass
class _Item:
    kind: str
    number: str
    body: list[str]
    line: int
    heading_only: bool
    departments: tuple[str, ...] = ()
    units_note: str | None = None
    segment: str = ""


@dataclass
class _Division:
    kind: str
    number: str
    heading: str
    line: int
    segment: str
    parent: _Division | None
    children: list[object] = field(default_factory=list)
    pending_units: UnitAnnotation | None = None

    def path(self) -> list[str]:
        chain: list[str] = []
        node: _Division | None = self
        while node is not None and node.kind != "policy":
            chain.append(node.segment)
            node = node.parent
        return chain[::-1]


@dataclass
class _Prose:
    text: str
    line: int


def build_policy(raw: RawPolicy) -> ImportedPolicy:
    root = _Division("policy", "", raw.title, raw.line, "", None)
    _parse_into(root, raw.paragraphs)
    clauses: list[tuple[list[str], _Item, _Division]] = []
    divisions: list[ImportedDivision] = []
    preamble, notes = _finalize(root, clauses, divisions)
    if not clauses:
        raise NoStructure(
            "no numbered clauses found (expected chapters 一、, sections (一), items 1., "
            "第N条 articles or 专栏N boxes)"
        )
    structure = {tuple(path) for path, _, _ in clauses} | {
        tuple(d.key.split(".")) for d in divisions
    }
    ids = _clause_ids([path for path, _, _ in clauses], structure)
    imported = tuple(
        _make_clause(clause_id, item, division)
        for clause_id, (_, item, division) in zip(ids, clauses, strict=True)
    )
    return ImportedPolicy(
        title=raw.title,
        level=raw.level,
        doc_number=raw.doc_number,
        issued=raw.issued,
        preamble=preamble,
        notes=notes,
        divisions=tuple(divisions),
        clauses=imported,
        line=raw.line,
    )


def _parse_into(root: _Division, paragraphs: list[Paragraph]) -> None:
    current = root
    group: list[_Item] = []

    def open_division(kind: str, number: str, rest: str, line: int) -> _Division:
        nonlocal current, group
        parent = current
        while _LEVEL[parent.kind] >= _LEVEL[kind] and parent.parent is not None:
            parent = parent.parent
        heading, body = _split_heading(rest)
        division = _Division(kind, number, heading, line, _segment(kind, number), parent)
        parent.children.append(division)
        current = division
        group = []
        if body:
            _add_prose(division, body, line)
        return division

    for para in paragraphs:
        marker = classify(para.text)
        if marker.kind in ("chapter", "section"):
            open_division(marker.kind, marker.number, marker.rest, para.line)
        elif marker.kind == "box":
            heading, body = _split_heading(marker.rest)
            parent = current
            while parent.kind == "box" and parent.parent is not None:
                parent = parent.parent
            box = _Division(
                "box", marker.number, heading, para.line, _segment("box", marker.number), parent
            )
            parent.children.append(box)
            current = box
            group = []
            if body:
                _add_prose(box, body, para.line)
        elif marker.kind in ("item", "article"):
            text, note = split_trailing_annotation(marker.rest)
            heading_only = (
                marker.kind == "item" and len(text) <= MAX_HEADING and not _TITLE_STOP.search(text)
            )
            item = _Item(
                marker.kind,
                marker.number,
                [text],
                para.line,
                heading_only,
                segment=_segment(marker.kind, marker.number),
            )
            if note:
                item.departments, item.units_note = note.departments, note.raw
            current.children.append(item)
            group.append(item)
        else:
            standalone = _standalone_units(para.text)
            if standalone is not None:
                targets = [i for i in group if not i.departments]
                if targets:
                    for target in targets:
                        target.departments, target.units_note = (
                            standalone.departments,
                            standalone.raw,
                        )
                elif current.kind == "box" and current.parent is not None:
                    current.parent.pending_units = standalone
                else:
                    current.pending_units = standalone
                group = []
            elif current.kind == "box" and not current.heading and not current.children:
                current.heading = para.text
            else:
                _add_prose(current, para.text, para.line)


def _add_prose(division: _Division, text: str, line: int) -> None:
    division.children.append(_Prose(text, line))


def _standalone_units(text: str) -> UnitAnnotation | None:
    rest, note = split_trailing_annotation(text)
    if note is None or rest.strip():
        return None
    return note


def _split_heading(rest: str) -> tuple[str, str]:
    """A division's heading and any body written on the same line after it."""
    rest = rest.strip()
    if not rest:
        return "", ""
    # "创塑特色,锻造长板 做强创新药…": a short heading, a space, then the body.
    spaced = re.match(r"^(\S{2,30}?)[ \u3000]+(\S.*[。；;）)].*)$", rest)
    if spaced and not _TITLE_STOP.search(spaced.group(1)):
        return spaced.group(1), spaced.group(2)
    stop = _TITLE_STOP.search(rest)
    if stop and stop.end() < len(rest.rstrip()):
        return rest[: stop.start()], rest[stop.end() :].strip()
    return rest.rstrip("。：: "), ""


def _segment(kind: str, number: str) -> str:
    return f"{_PREFIX[kind]}{number_value(number)}"


def _finalize(
    division: _Division,
    clauses: list[tuple[list[str], _Item, _Division]],
    divisions: list[ImportedDivision],
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Collect the division's clauses in reading order; return its (intro, notes)."""
    own = [
        c
        for c in division.children
        if isinstance(c, _Item) or (isinstance(c, _Division) and c.kind != "box")
    ]
    intro: list[str] = []
    notes: list[str] = []
    record_index = len(divisions)
    if division.kind != "policy":
        divisions.append(ImportedDivision("", "", "", "", (), (), 0, None))  # replaced below

    body_prose = [c for c in division.children if isinstance(c, _Prose)]
    if not own and division.kind != "policy":
        if body_prose or division.pending_units:
            body = _Item(
                kind=division.kind,
                number=division.number,
                body=[p.text for p in body_prose],
                line=division.line,
                heading_only=False,
                segment=division.segment,
            )
            _take_inline_units(body, division.pending_units)
            _attach_heading(body, division.heading)
            clauses.append((division.path(), body, division))
        for child in division.children:
            if isinstance(child, _Division):
                _finalize(child, clauses, divisions)
    else:
        seen_numbered = False
        last_item: _Item | None = None
        trailing: list[_Prose] = []
        for child in division.children:
            if isinstance(child, _Prose):
                if not seen_numbered:
                    intro.append(child.text)
                else:
                    trailing.append(child)
            elif isinstance(child, _Item):
                if last_item is not None and trailing:
                    last_item.body.extend(p.text for p in trailing)
                trailing = []
                seen_numbered = True
                last_item = child
                path = [*division.path(), child.segment]
                clauses.append((path, child, division))
            else:
                assert isinstance(child, _Division)
                if child.kind != "box":
                    seen_numbered = True
                    if last_item is not None and trailing:
                        last_item.body.extend(p.text for p in trailing)
                    trailing = []
                    last_item = None
                _finalize(child, clauses, divisions)
        if trailing:
            if last_item is not None and (last_item.heading_only or last_item.kind == "article"):
                last_item.body.extend(p.text for p in trailing)
            else:
                notes.extend(p.text for p in trailing)
        for item in (c for c in division.children if isinstance(c, _Item)):
            _take_inline_units(item, None)
    if division.kind != "policy":
        parent_key = (
            ".".join(division.parent.path()) if division.parent and division.parent.path() else None
        )
        divisions[record_index] = ImportedDivision(
            key=".".join(division.path()),
            kind=division.kind,
            number=division.number,
            heading=division.heading,
            intro=tuple(intro) if own else (),
            notes=tuple(notes),
            line=division.line,
            parent=parent_key,
        )
    return tuple(intro), tuple(notes)


def _take_inline_units(item: _Item, pending: UnitAnnotation | None) -> None:
    """Move a units annotation ending the item's last paragraph into its departments."""
    if item.body:
        rest, note = split_trailing_annotation(item.body[-1])
        if note is not None:
            item.body[-1] = rest
            if not item.departments:
                item.departments, item.units_note = note.departments, note.raw
    if not item.departments and pending is not None:
        item.departments, item.units_note = pending.departments, pending.raw
    item.body = [b for b in item.body if b.strip()]


def _attach_heading(item: _Item, heading: str) -> None:
    if heading:
        item.body.insert(0, heading)
    item.heading_only = bool(heading)


def _make_clause(clause_id: str, item: _Item, division: _Division) -> ImportedClause:
    title: str | None
    if item.heading_only and len(item.body) >= 1 and item.kind in ("chapter", "section", "item"):
        title = item.body[0].rstrip("。：: ")
        text = "\n".join(item.body[1:])
        if not text and item.kind == "item":
            title, text = _title_and_text("\n".join(item.body))
    else:
        title, text = _title_and_text("\n".join(item.body))
    full = "。".join(part for part in (title, text) if part)
    key = ".".join(division.path()) if division.kind != "policy" else None
    return ImportedClause(
        id=clause_id,
        number=item.number,
        kind=item.kind if division.kind != "box" else "box-item",
        title=title,
        text=text,
        departments=item.departments,
        units_note=item.units_note,
        incentives=tuple(parse_incentives(full)),
        line=item.line,
        division=key,
    )


def _title_and_text(body: str) -> tuple[str | None, str]:
    """The words before the first 。 (or ：) and the text after them, when those words are
    a heading; otherwise no title, and the whole body is the text."""
    stop = _TITLE_STOP.search(body)
    title, text = (
        (body.strip(), "")
        if not stop
        else (body[: stop.start()].strip(), body[stop.end() :].strip())
    )
    if is_heading(title):
        return title, text
    return None, body.strip()


MAX_INLINE_HEADING = 30
_CLAUSE_PUNCTUATION = re.compile(r"[,，;；]")
_SELF_REFERENCE = re.compile(
    r"^(?:本|上述|以上)(?:政策|措施|办法|方案|计划|意见|细则|规定|通知|文件|条)"
)


def is_heading(words: str) -> bool:
    """Whether the words before a clause's first 。 or ： are a heading of it, not a whole
    provision (本政策适用于…, 本政策所指…范围主要涵盖：…): a heading is short, has no inner
    clause punctuation, and does not speak of the policy itself."""
    return (
        0 < len(words) <= MAX_INLINE_HEADING
        and not _CLAUSE_PUNCTUATION.search(words)
        and not _SELF_REFERENCE.match(words)
    )


def _clause_ids(paths: list[list[str]], structure: set[tuple[str, ...]]) -> list[str]:
    """Ids from numbering paths: as short as they can be while no numbering restarts.

    Everything numbered under one parent shares one id length, so a section whose items
    restart at 1 gives s1.1, s1.2, … for all of them: 2, box1.2, c3.s1.
    """

    def clashes(path: list[str], length: int) -> bool:
        suffix = tuple(path[-length:])
        return sum(1 for other in structure if other[-length:] == suffix) > 1

    lengths: dict[tuple[str, ...], int] = {}
    for path in paths:
        parent = tuple(path[:-1])
        if parent in lengths:
            continue
        siblings = [list(p) for p in structure if p[:-1] == parent]
        length = 1
        while length <= len(parent) and any(clashes(s, length) for s in siblings):
            length += 1
        lengths[parent] = length
    ids = [".".join(path[-min(lengths[tuple(path[:-1])], len(path)) :]) for path in paths]
    seen: dict[str, int] = {}
    unique: list[str] = []
    for clause_id in ids:
        seen[clause_id] = seen.get(clause_id, 0) + 1
        unique.append(clause_id if seen[clause_id] == 1 else f"{clause_id}-{seen[clause_id]}")
    return unique

"""Responsible units annotated on a clause: (责任部门:…), （责任单位：…）, (…按职责分工负责)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = "(（【["
_CLOSE = ")）】]"
_LABEL = re.compile(
    r"^\s*(?:责任(?:单位|部门|处室)|牵头(?:单位|部门)|主责(?:单位|部门)|承办单位|实施单位)\s*[:：]\s*"
)
_SEPARATORS = re.compile(r"\s*[、，,;；]\s*")
_UNIT_SUFFIX = re.compile(
    r"(局|委|厅|办|部|院|会|中心|政府|公司|支队|海关|分行|中支|银行|小组|办公室|管委会|"
    r"〉|>|）|\)|区|县|市|所|处|室|团|社|队|站)$"
)


@dataclass(frozen=True)
class UnitAnnotation:
    departments: tuple[str, ...]
    raw: str
    """The annotation as written, brackets included."""


def split_trailing_annotation(text: str) -> tuple[str, UnitAnnotation | None]:
    """Split a units annotation off the end of a paragraph: (remaining text, annotation)."""
    stripped = text.rstrip()
    start = _matching_open(stripped)
    if start is None:
        return text, None
    inner = stripped[start + 1 : -1]
    departments = parse_units(inner)
    if departments is None:
        return text, None
    return stripped[:start].rstrip(), UnitAnnotation(departments, stripped[start:])


def parse_units(inner: str) -> tuple[str, ...] | None:
    """The units listed inside an annotation's brackets, or None if it is not one."""
    label = _LABEL.match(inner)
    if label:
        body = inner[label.end() :]
        body = re.split(r"[。]", body, maxsplit=1)[0]
        return _dedupe(_SEPARATORS.split(body.strip(" 。.")))
    # "省工业和信息化厅、省科技厅按职责分工负责，各地级以上市人民政府落实。…"
    first_clause = re.split(r"[。；;]", inner, maxsplit=1)[0]
    duty = re.search(r"(?:按(?:照)?职责分工|根据职责分工)?负责", first_clause)
    if duty:
        listed = first_clause[: duty.start()]
        names = [n for n in _SEPARATORS.split(listed.strip()) if n]
        if names and all(_UNIT_SUFFIX.search(n) for n in names):
            return _dedupe(names)
        return None
    return None


def _dedupe(names: list[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for name in names:
        name = name.strip()
        if name:
            seen.setdefault(name, None)
    return tuple(seen)


def _matching_open(text: str) -> int | None:
    """Index of the bracket opening the balanced group that ends the text, if any."""
    if not text or text[-1] not in _CLOSE:
        return None
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        char = text[index]
        if char in _CLOSE:
            depth += 1
        elif char in _OPEN:
            depth -= 1
            if depth == 0:
                return index
    return None

"""YAML with line numbers: load to plain data plus a map from data path to source line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from generators.bounded import CONTENT_LIMIT, RefusedFile, read_bounded
from generators.problems import Problem

DataPath = tuple[str | int, ...]


@dataclass
class LoadedYaml:
    file: str
    data: Any
    lines: dict[DataPath, int] = field(default_factory=dict)

    def line_of(self, path: DataPath) -> int | None:
        """The line of the deepest known node on the path."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None


@dataclass
class ContentFiles:
    """Where each part of the corpus came from, so later checks can name file and line."""

    root: Path
    documents: dict[str, LoadedYaml] = field(default_factory=dict)
    """By logical name: 'settings', 'sectors', 'glossary', 'policy:<id>'."""
    unparsed: dict[str, tuple[Path, str]] = field(default_factory=dict)
    """Files taken from the content cache (its path and how problems name it): parsed
    only if a problem must name a line in them."""

    def locate(self, name: str, path: DataPath) -> tuple[str, int | None]:
        document = self.documents.get(name)
        if document is None and name in self.unparsed:
            file, display = self.unparsed.pop(name)
            document, _ = load_yaml(file, display)
            if document is None:
                return display, None
            self.documents[name] = document
        if document is None:
            return name, None
        return document.file, document.line_of(path)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def load_yaml(path: Path, display: str) -> tuple[LoadedYaml | None, list[Problem]]:
    """Load one file; a syntax error becomes a problem naming its line."""
    text, problems = read_content(path, display)
    return parse_yaml(text, display) if text is not None else (None, problems)


def read_content(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """A content file's text, or why it cannot be read."""
    try:
        return read_bounded(path, CONTENT_LIMIT).decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return None, [Problem(display, None, "", f"file is not UTF-8 (byte {exc.start})")]
    except RefusedFile as exc:
        return None, [Problem(display, None, "", f"file is {exc}", code="refused-file")]
    except OSError as exc:
        return None, [Problem(display, None, "", f"cannot read file: {exc.strerror}")]


def parse_yaml(text: str, display: str) -> tuple[LoadedYaml | None, list[Problem]]:
    if "\t" in text:
        for number, raw in enumerate(text.split("\n"), start=1):
            indent = raw[: len(raw) - len(raw.lstrip(" \t"))]
            if "\t" in indent:
                return None, [
                    Problem(
                        display,
                        number,
                        "",
                        "tab used for indentation; YAML indents with spaces only",
                        code="yaml-syntax",
                    )
                ]
    alias = _first_alias(text)
    if alias is not None:
        return None, [
            Problem(
                display,
                alias[0],
                "",
                f"YAML alias *{alias[1]} is not allowed in content: write the value out "
                "(aliases let a few lines stand for gigabytes)",
                code="yaml-alias",
            )
        ]
    fast = _fast_parse(text, display)
    if fast is not None:
        return fast, []
    try:
        root = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line: int | None = mark.line + 1 if mark is not None else None
        message: str = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        if "duplicate key" in str(exc) or "found duplicate key" in message:
            message = _duplicate_message(str(exc))
        return None, [
            Problem(display, line, "", f"YAML syntax error: {message}", code="yaml-syntax")
        ]
    except ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "?")
        return None, [
            Problem(
                display,
                line,
                "",
                f"character U+{code:04X} is not allowed in a YAML file "
                "(a control character: is the file complete?)",
                code="yaml-syntax",
            )
        ]
    except YAMLError as exc:
        return None, [Problem(display, None, "", f"YAML error: {exc}", code="yaml-syntax")]
    loaded = LoadedYaml(display, None)
    loaded.data = _plain(root, (), loaded.lines)
    return loaded, []


_SCALARS = pyyaml.constructor.SafeConstructor()


def _first_alias(text: str) -> tuple[int | None, str] | None:
    """(line, name) of the first alias in the text, read as events (no value is built);
    None if there is none or the text does not parse (the loader names that error)."""
    if "*" not in text:
        return None
    loader = getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader)
    try:
        for event in pyyaml.parse(text, Loader=loader):
            if isinstance(event, pyyaml.AliasEvent):
                mark = event.start_mark
                return (mark.line + 1 if mark is not None else None), str(event.anchor)
    except pyyaml.YAMLError:
        return None
    return None


class _Duplicate(Exception):
    pass


def _fast_parse(text: str, display: str) -> LoadedYaml | None:
    """Data and lines from libyaml's composer: about 40 times faster than the round-trip
    loader. None on any error or duplicate key, whose message the round-trip loader gives."""
    loader = getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader)
    try:
        node = pyyaml.compose(text, Loader=loader)
    except pyyaml.YAMLError:
        return None
    loaded = LoadedYaml(display, None)
    try:
        loaded.data = _from_node(node, (), loaded.lines) if node is not None else None
    except (_Duplicate, pyyaml.YAMLError, ValueError, TypeError):
        return None
    return loaded


def _from_node(node: pyyaml.Node, path: DataPath, lines: dict[DataPath, int]) -> Any:
    if isinstance(node, pyyaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(_SCALARS.construct_object(key_node, deep=True))
            if key in result:
                raise _Duplicate(key)
            child_path = (*path, key)
            lines[child_path] = key_node.start_mark.line + 1
            result[key] = _from_node(value_node, child_path, lines)
        return result
    if isinstance(node, pyyaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            items.append(_from_node(item, (*path, index), lines))
        return items
    return _SCALARS.construct_object(node, deep=True)


def _duplicate_message(text: str) -> str:
    for line in text.splitlines():
        if "found duplicate key" in line:
            return line.strip().rstrip(".")
    return "duplicate key"


def _plain(node: Any, path: DataPath, lines: dict[DataPath, int]) -> Any:
    """Plain dicts, lists and scalars, recording the line of every key and item."""
    if isinstance(node, CommentedMap):
        result: dict[str, Any] = {}
        for key in node:
            line, _ = node.lc.key(key)
            child_path = (*path, str(key))
            lines[child_path] = line + 1
            result[str(key)] = _plain(node[key], child_path, lines)
        return result
    if isinstance(node, CommentedSeq):
        items = []
        for index, item in enumerate(node):
            line, _ = node.lc.item(index)
            lines[(*path, index)] = line + 1
            items.append(_plain(item, (*path, index), lines))
        return items
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def dotted_path(path: DataPath) -> str:
    """clauses[1].incentives[0].max_cny: how error messages name a place in a file."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text

"""Editing a throwaway project the way staff do: change one text, keep the rest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from generators.yamlwrite import dump_yaml


def edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    data = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(dump_yaml(data), encoding="utf-8")


def clause_of(data: Any, clause_id: str) -> Any:
    return next(c for c in data["clauses"] if str(c["id"]) == clause_id)


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def policy_file(project: Path, policy_id: str) -> Path:
    return project / "content" / "policies" / f"{policy_id}.yaml"

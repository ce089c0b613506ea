"""The output kinds: every module of generators.kinds that names a KIND."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Any

import generators.kinds
from generators.kinds.contract import OutputKind


@cache
def output_kinds() -> tuple[OutputKind[Any], ...]:
    """Every kind, those that read other outputs last."""
    found: list[OutputKind[Any]] = []
    for info in sorted(pkgutil.iter_modules(generators.kinds.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{generators.kinds.__name__}.{info.name}")
        kind = getattr(module, "KIND", None)
        if isinstance(kind, OutputKind):
            found.append(kind)
    names = [kind.name for kind in found]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise RuntimeError(f"two output kinds share the name {duplicates[0]!r}")
    return tuple(sorted(found, key=lambda kind: kind.reads_outputs))


def kind_named(name: str) -> OutputKind[Any]:
    for kind in output_kinds():
        if kind.name == name:
            return kind
    raise KeyError(f"no output kind named {name!r}")


def required_templates() -> list[str]:
    """The templates the kinds render (for `check`: each must exist)."""
    return [template for kind in output_kinds() for template in kind.templates]

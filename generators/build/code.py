"""Which of the package's modules an output's code is made of: its renderer and everything
that renderer imports within the package, found by reading the source (the AST), so no
list can forget a module.

Every import counts, wherever it stands (module level, inside a function, under
TYPE_CHECKING), and so does every package __init__ on the way: Python runs them all.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import generators

PACKAGE = "generators"


def package_dir() -> Path:
    """The folder of the package this process runs."""
    return Path(generators.__file__).resolve().parent


def module_file(name: str, root: Path) -> Path | None:
    """The source file of a module of the package, or None if it is not one."""
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    base = root.joinpath(*parts[1:])
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def closure(roots: tuple[str, ...], root: Path) -> tuple[str, ...]:
    """The modules `roots` import within the package, transitively, sorted."""
    seen: set[str] = set()
    pending = list(roots)
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        source = module_file(name, root)
        if source is None:
            continue
        seen.add(name)
        pending.extend(_parents(name))
        pending.extend(_imports(name, source.name == "__init__.py", source.read_bytes()))
    return tuple(sorted(seen))


def _parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts))]


@cache
def _imports(name: str, is_package: bool, source: bytes) -> tuple[str, ...]:
    """Every module name an import statement in the module could load (cached per text)."""
    tree = ast.parse(source, name)
    package = name if is_package else name.rpartition(".")[0]
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node.module, node.level, package)
            if base is None:
                continue
            found.append(base)
            # `from generators.render import chart` imports a module named by the alias.
            found.extend(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return tuple(m for m in found if m == PACKAGE or m.startswith(PACKAGE + "."))


def _absolute(module: str | None, level: int, package: str) -> str | None:
    if level == 0:
        return module
    parts = package.split(".")
    if level - 1 > len(parts):
        return None
    base = ".".join(parts[: len(parts) - (level - 1)])
    return f"{base}.{module}" if module else base

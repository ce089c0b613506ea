"""File stats of a project's sources: a no-op build compares them and stops there."""

from __future__ import annotations

import os
from pathlib import Path

from generators.project import Project

_SOURCE_SUFFIXES = (".yaml", ".yml", ".j2", ".css", ".js", ".po", ".mo", ".txt", ".html", ".svg")


def source_files(project: Project) -> list[Path]:
    package = Path(__file__).resolve().parent.parent
    found: list[Path] = []
    for base, suffixes in (
        (project.content, _SOURCE_SUFFIXES),
        (project.templates, _SOURCE_SUFFIXES),
        (package, (".py",)),
    ):
        if base.is_dir():
            found.extend(p for p in base.rglob("*") if p.is_file() and p.suffix in suffixes)
    return sorted(found)


def stat_files(paths: list[Path], root: Path) -> dict[str, list[int]]:
    stats: dict[str, list[int]] = {}
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:
            continue
        try:
            key = str(path.relative_to(root))
        except ValueError:
            key = str(path)
        stats[key] = [stat.st_size, stat.st_mtime_ns]
    return stats

"""The files a build reads (content, templates, the package's code), by content: a no-op
build compares their hashes with the manifest's and stops there, without parsing YAML."""

from __future__ import annotations

import os
from pathlib import Path

from generators.build.code import package_dir
from generators.build.filestate import FileRecord, observe
from generators.project import Project

_SOURCE_SUFFIXES = (".yaml", ".yml", ".j2", ".css", ".js", ".po", ".mo", ".txt", ".html", ".svg")


def input_files(project: Project) -> dict[str, Path]:
    """Every input by its manifest key: relative to the project, or absolute for the code
    of a package installed elsewhere."""
    found: dict[str, Path] = {}
    for base, suffixes in (
        (project.content, _SOURCE_SUFFIXES),
        (project.templates, _SOURCE_SUFFIXES),
        (package_dir(), (".py",)),
    ):
        visited: set[tuple[int, int]] = set()
        # Symlinked folders are followed (content/ may link to a shared checkout), once each.
        for folder, dirs, files in os.walk(base, followlinks=True):
            identity = os.stat(folder)
            if (identity.st_dev, identity.st_ino) in visited:
                dirs[:] = []
                continue
            visited.add((identity.st_dev, identity.st_ino))
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in files:
                if name.endswith(suffixes):
                    path = Path(folder) / name
                    found[_key(path, project.root)] = path
    return dict(sorted(found.items()))


def _key(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def observe_inputs(
    project: Project, previous: dict[str, FileRecord]
) -> tuple[dict[str, FileRecord], bool]:
    """Records of every input, and whether every one could be read; unchanged files whose
    trusted stat matches are not read again."""
    records: dict[str, FileRecord] = {}
    complete = True
    for key, path in input_files(project).items():
        try:
            records[key] = observe(path, previous.get(key))
        except OSError:
            complete = False  # unreadable or not a regular file: validation names it
    return records, complete


def same_contents(a: dict[str, FileRecord], b: dict[str, FileRecord]) -> bool:
    return a.keys() == b.keys() and all(a[k].sha256 == b[k].sha256 for k in a)

"""Keys that become file names, and the containment check every write or delete passes.

Sector keys, policy ids, clause ids and source names end up in paths (briefs/<sector>.zh.pdf,
forms/<policy>/<clause>.docx, content/sources/<name>). Each must match its pattern before it
is used, and every path the tool writes or deletes is resolved (symlinks included) and
refused unless it lies inside the folder it belongs to (output/ or content/).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

MAX_ID_LENGTH = 64
"""Long enough for any real id, short enough that <policy>/<clause>.docx and the temporary
names beside it stay far below the 255-byte file-name limit."""

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
"""Policy ids and sector keys: lower-case letters, digits and hyphens."""
CLAUSE_ID = re.compile(r"[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*")
"""Clause ids: letters and digits in parts joined by single dots or hyphens (2, c3.s1, box1.2)."""
FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*")
"""A stored source's file name: no leading dot, no empty or '..' part."""

_DESCRIPTIONS = {
    SLUG.pattern: "lower-case letters, digits and hyphens, starting with a letter or digit",
    CLAUSE_ID.pattern: "letters and digits, in parts joined by single dots or hyphens",
    FILE_NAME.pattern: "letters, digits, '_', '-' and single dots, starting with a letter or digit",
}


class PathEscape(Exception):
    """A path that would lie outside the folder it must stay in."""


def id_problem(value: object, pattern: re.Pattern[str] = SLUG) -> str | None:
    """Why `value` cannot be used as an id that becomes a file name, or None if it can."""
    if not isinstance(value, str):
        return f"must be a string (got {value!r})"
    if len(value) > MAX_ID_LENGTH:
        return f"is {len(value)} characters long; at most {MAX_ID_LENGTH} are allowed"
    if not pattern.fullmatch(value):
        return f"{value!r} is not an id: use {_DESCRIPTIONS[pattern.pattern]}"
    return None


def relative_problem(relative: str) -> str | None:
    """Why a relative path (as a manifest names outputs) could point outside its folder."""
    if not relative or "\\" in relative or "\0" in relative:
        return f"{relative!r} is not a relative path with forward slashes"
    pure = PurePosixPath(relative)
    if pure.is_absolute():
        return f"{relative!r} is an absolute path"
    parts = relative.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return f"{relative!r} has an empty, '.' or '..' part"
    if any(len(part.encode("utf-8")) > 255 for part in parts):
        return f"{relative!r} has a part longer than a file name can be"
    return None


def inside(base: Path, relative: str | Path) -> Path:
    """`base / relative`, checked: PathEscape unless it resolves to a place inside `base`.

    `base` itself may be a symlink (output/ pointing at a web server's folder); what lies
    under it may not lead out of it, by '..', an absolute path or a symlink.
    """
    text = relative.as_posix() if isinstance(relative, Path) else relative
    problem = relative_problem(text)
    if problem is not None:
        raise PathEscape(f"{problem}: refused to use it under {base}")
    root = base.resolve()
    target = (root / text).resolve()
    if not target.is_relative_to(root) or target == root:
        raise PathEscape(f"{text!r} leads outside {base} (to {target}): refused")
    return target

"""Reading files that could be anything: regular files only, size checked before reading.

A FIFO, device or socket where a file should be would hang a read (and a build holding
its lock); /dev/zero or a huge file would read until memory runs out. Every content,
template and catalog read of `check` and `build` goes through read_bounded.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MB = 1 << 20
CONTENT_LIMIT = 16 * MB
"""A policy file holds about 0.1 MB; 16 MB is room for any real one."""
TEMPLATE_LIMIT = 4 * MB
CATALOG_LIMIT = 16 * MB

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class RefusedFile(OSError):
    """Not read: not a regular file, or larger than allowed. The message says which."""


def read_bounded(path: Path, limit: int) -> bytes:
    """The file's bytes; RefusedFile if it is not a regular file or holds more than
    `limit` bytes (checked before reading, and again while reading), OSError otherwise."""
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(handle)
        problem = regular_file_problem(info.st_mode)
        if problem is not None:
            raise RefusedFile(f"{problem}, not a regular file: not read")
        if info.st_size > limit:
            raise RefusedFile(f"{_size(info.st_size)}, more than the {_size(limit)} allowed")
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(handle, min(MB, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise RefusedFile(f"grew past the {_size(limit)} allowed while being read")
        return b"".join(chunks)
    finally:
        os.close(handle)


def regular_file_problem(mode: int) -> str | None:
    """What a non-regular file is ('a FIFO (named pipe)'), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def _size(count: int) -> str:
    return f"{count / MB:.1f} MB" if count >= MB else f"{count:,} bytes"

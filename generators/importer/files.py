"""Open an untrusted source file safely: a regular file, its size checked before reading.

`/dev/zero`, a FIFO or a socket would make a plain `read_bytes()` read forever or block;
they are refused from what `fstat` says about the open descriptor, and the descriptor is
opened non-blocking so that opening a FIFO with no writer does not hang either.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Literal

SourceFormat = Literal["pdf", "docx", "doc", "text"]

MAX_SOURCE_BYTES = 8 * 1024 * 1024
"""A policy page is tens of kilobytes; text this large is not one."""
MAX_DOCUMENT_BYTES = 40 * 1024 * 1024
"""A PDF or Word attachment with fonts and images may be larger than text, not this large."""


class SourceRefused(Exception):
    """The file cannot be read as a policy source; the message says why."""


def read_bounded(path: Path, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; anything else is refused."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise SourceRefused(f"cannot read file: {exc.strerror}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise SourceRefused(
                f"not a regular file ({_file_kind(info.st_mode)}); refusing to read it"
            )
        if info.st_size > limit:
            raise SourceRefused(
                f"file is {info.st_size:,} bytes; the limit for a policy source is {limit:,}"
            )
        with os.fdopen(descriptor, "rb", closefd=True) as handle:
            descriptor = -1
            data = handle.read(limit + 1)
    except OSError as exc:
        raise SourceRefused(f"cannot read file: {exc.strerror}") from None
    finally:
        if descriptor >= 0:
            os.close(descriptor)
    if len(data) > limit:  # it grew while we read it
        raise SourceRefused(f"file grew past {limit:,} bytes while being read")
    return data


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def sniff_format(data: bytes) -> SourceFormat:
    """The file's format from its first bytes, whatever its name says."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"  # OLE2 compound file: Word 97-2003
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return "docx"
    return "text"

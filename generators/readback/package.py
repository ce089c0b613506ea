"""Opening a returned DOCX safely: it comes from outside and may be anything.

Only regular files are read (a FIFO would hang, /dev/zero never ends), their size is
checked before reading, and the zip is checked part by part before anything is unpacked.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from generators.forms.phrases import N_

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PART_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 150
"""Compression ratio above which a part is treated as a zip bomb (text XML stays far below)."""
MAX_ENTRIES = 2000
MACRO_MARKERS = ("vbaProject.bin", "macroEnabled", "vbaData.xml")
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, KeyError)


class Refused(Exception):
    """The file cannot be read as a form: a message id with its arguments, for that file."""

    def __init__(self, msgid: str, **args: object) -> None:
        super().__init__(msgid % args if args else msgid)
        self.msgid = msgid
        self.args_ = args


@dataclass(frozen=True)
class Package:
    parts: dict[str, bytes]
    """Only the parts readback needs, already size-checked."""


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """A regular file's bytes, refusing devices, FIFOs and sockets and anything larger
    than `limit` before reading (so /dev/zero or a FIFO never hangs or fills memory)."""
    try:
        before = path.stat()
    except OSError as exc:
        raise Refused(N_("cannot read the file (%(error)s)"), error=exc.strerror) from None
    _regular(before.st_mode)
    if before.st_size > limit:
        raise Refused(
            N_("the file is %(size)s bytes; a filled form is far smaller (limit %(limit)s)"),
            size=f"{before.st_size:,}",
            limit=f"{limit:,}",
        )
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise Refused(N_("cannot read the file (%(error)s)"), error=exc.strerror) from None
    with os.fdopen(descriptor, "rb") as handle:
        _regular(os.fstat(handle.fileno()).st_mode)  # in case it was swapped meanwhile
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise Refused(
            N_("the file grew beyond %(limit)s bytes while being read"), limit=f"{limit:,}"
        )
    return data


def _regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kinds = (
        (stat.S_ISDIR, N_("a directory, not a file; it is not read")),
        (stat.S_ISFIFO, N_("a FIFO, not a regular file; it is not read")),
        (stat.S_ISCHR, N_("a character device, not a regular file; it is not read")),
        (stat.S_ISBLK, N_("a block device, not a regular file; it is not read")),
        (stat.S_ISSOCK, N_("a socket, not a regular file; it is not read")),
    )
    raise Refused(
        next((message for test, message in kinds if test(mode)), N_("not a regular file"))
    )


def open_package(path: Path, wanted: tuple[str, ...]) -> Package:
    data = read_bounded(path)
    if not data.startswith(b"PK"):
        raise Refused(N_("not a DOCX file (not a zip package); save the form as .docx"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise Refused(N_("corrupt DOCX package (%(error)s)"), error=str(exc)) from None
    if len(infos) > MAX_ENTRIES:
        raise Refused(
            N_("the package has %(count)s parts; refusing to unpack it"), count=f"{len(infos):,}"
        )
    names = {info.filename for info in infos}
    if any(marker in name for name in names for marker in MACRO_MARKERS) or _declares_macros(
        archive
    ):
        raise Refused(N_("the document contains macros (.docm); send the form as a plain .docx"))
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or ratio > MAX_RATIO or total > MAX_TOTAL_BYTES:
            raise Refused(
                N_(
                    "part %(part)s would unpack to %(size)s bytes (ratio %(ratio)s:1): "
                    "refusing a possible zip bomb"
                ),
                part=info.filename,
                size=f"{info.file_size:,}",
                ratio=f"{ratio:.0f}",
            )
    if "word/document.xml" not in names:
        raise Refused(N_("not a Word document (no word/document.xml); save the form as .docx"))
    parts: dict[str, bytes] = {}
    for name in wanted:
        if name in names:
            try:
                parts[name] = archive.read(name)
            except _ZIP_ERRORS as exc:
                raise Refused(
                    N_("corrupt part %(part)s (%(error)s)"), part=name, error=str(exc)
                ) from None
            if b"<!DOCTYPE" in parts[name][:4096].upper() or b"<!ENTITY" in parts[name]:
                raise Refused(
                    N_("part %(part)s declares XML entities; refusing to expand them"), part=name
                )
    return Package(parts)


def _declares_macros(archive: zipfile.ZipFile) -> bool:
    try:
        types = archive.read("[Content_Types].xml")
    except _ZIP_ERRORS:
        return False
    return b"macroEnabled" in types or b"vbaProject" in types

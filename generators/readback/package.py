"""Opening a returned DOCX safely: it comes from outside and may be anything."""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PART_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 150
"""Compression ratio above which a part is treated as a zip bomb (text XML stays far below)."""
MAX_ENTRIES = 2000
MACRO_MARKERS = ("vbaProject.bin", "macroEnabled", "vbaData.xml")


class Refused(Exception):
    """The file cannot be read as a form; the message says why, for that file only."""


@dataclass(frozen=True)
class Package:
    parts: dict[str, bytes]
    """Only the parts readback needs, already size-checked."""


def open_package(path: Path, wanted: tuple[str, ...]) -> Package:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise Refused(f"cannot read file: {exc.strerror}") from None
    if size > MAX_FILE_BYTES:
        raise Refused(
            f"file is {size:,} bytes; a filled form is far smaller (limit {MAX_FILE_BYTES:,})"
        )
    data = path.read_bytes()
    if not data.startswith(b"PK"):
        raise Refused("not a DOCX file (not a zip package); save the form as .docx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise Refused(f"corrupt DOCX package ({exc})") from None
    if len(infos) > MAX_ENTRIES:
        raise Refused(f"package has {len(infos):,} parts; refusing to unpack it")
    names = {info.filename for info in infos}
    if any(marker in name for name in names for marker in MACRO_MARKERS) or _declares_macros(
        archive
    ):
        raise Refused("document contains macros (.docm); send the form as a plain .docx")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or ratio > MAX_RATIO or total > MAX_TOTAL_BYTES:
            raise Refused(
                f"part {info.filename!r} would unpack to {info.file_size:,} bytes "
                f"(ratio {ratio:.0f}:1): refusing a possible zip bomb"
            )
    if "word/document.xml" not in names:
        raise Refused("not a Word document (no word/document.xml); save the form as .docx")
    parts: dict[str, bytes] = {}
    for name in wanted:
        if name in names:
            try:
                parts[name] = archive.read(name)
            except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError) as exc:
                raise Refused(f"corrupt part {name!r} ({exc})") from None
            if b"<!DOCTYPE" in parts[name][:4096].upper() or b"<!ENTITY" in parts[name]:
                raise Refused(f"part {name!r} declares XML entities; refusing to expand them")
    return Package(parts)


def _declares_macros(archive: zipfile.ZipFile) -> bool:
    try:
        types = archive.read("[Content_Types].xml")
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError):
        return False
    return b"macroEnabled" in types or b"vbaProject" in types

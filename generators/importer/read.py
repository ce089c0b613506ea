"""Read a source file into imported policies: the importer's one entry point.

Whatever the format (text or HTML page, PDF, Word), the file becomes text first; PDF
text and hard-wrapped text copied out of a PDF go through the repair rules; then the
same segmentation and structure rules read every format.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from generators.importer.decode import Decoded, decode_text, normalize_text, strip_bidi_controls
from generators.importer.files import (
    MAX_DOCUMENT_BYTES,
    MAX_SOURCE_BYTES,
    SourceRefused,
    read_bounded,
    sniff_format,
)
from generators.importer.repair import Repairs, paragraph_repairer, repair_pages, repair_text_lines
from generators.importer.segment import split_policies
from generators.importer.structure import ImportedPolicy, NoStructure, build_policy

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class ImportProblem:
    file: str
    line: int | None
    message: str
    severity: Severity = "error"

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass
class SourceRead:
    """What one file gave: its policies, problems, the format read and the repairs made."""

    file: str
    format: str = "text"
    policies: list[ImportedPolicy] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    repairs: Repairs = field(default_factory=Counter)

    @property
    def errors(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.severity == "error"]


def read_source(path: Path) -> tuple[list[ImportedPolicy], list[ImportProblem]]:
    """Every policy in the file, and a problem for each part that could not be read."""
    read = read_file(path)
    return read.policies, read.problems


def read_file(path: Path) -> SourceRead:
    """One source file of any supported format, never an exception for a bad file."""
    read = SourceRead(str(path))
    from_pdf = False
    try:
        data = read_bounded(path, MAX_DOCUMENT_BYTES)
        read.format = sniff_format(data)
        decoded, from_pdf = _to_text(data, read)
    except SourceRefused as exc:
        read.problems.append(ImportProblem(read.file, None, str(exc)))
        return read
    for line, message in decoded.warnings:
        read.problems.append(ImportProblem(read.file, line, message, "warning"))
    _read_policies(decoded.text, read, from_pdf)
    return read


def _to_text(data: bytes, read: SourceRead) -> tuple[Decoded, bool]:
    """The file's text, and whether it is text of a PDF (which gets every repair rule)."""
    if read.format == "pdf":
        from generators.importer.pdf import pdf_pages

        decoded = Decoded("")
        pages = [strip_bidi_controls(normalize_text(page), decoded) for page in pdf_pages(data)]
        decoded.text = repair_pages(pages, read.repairs)
        return decoded, True
    if read.format in ("doc", "docx"):
        from generators.importer.word import doc_to_docx, docx_text

        decoded = Decoded("")
        if read.format == "doc":
            data = doc_to_docx(data)
            decoded.warnings.append((None, "old Word .doc converted to .docx with LibreOffice"))
        word = docx_text(data)
        for hidden in word.hidden:
            shown = hidden if len(hidden) <= 60 else hidden[:60] + "…"
            decoded.warnings.append((None, f"hidden text in the document not imported: {shown!r}"))
        read.repairs["word_numbering"] += word.numbered
        read.repairs["word_tables"] += word.tables
        decoded.text = strip_bidi_controls(normalize_text("\n".join(word.paragraphs)), decoded)
        return decoded, False
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceRefused(
            f"file is {len(data):,} bytes; the limit for a policy source is {MAX_SOURCE_BYTES:,}"
        )
    decoded = decode_text(data)
    decoded.text, copied_from_pdf = repair_text_lines(decoded.text, read.repairs)
    return decoded, copied_from_pdf


def _read_policies(text: str, read: SourceRead, from_pdf: bool) -> None:
    raws = split_policies(text, repair=paragraph_repairer(read.repairs, from_pdf))
    for raw in raws:
        try:
            policy = build_policy(raw)
        except NoStructure as exc:
            label = f"policy {raw.title!r}: " if raw.title else "no recognisable policy: "
            read.problems.append(ImportProblem(read.file, raw.line, f"{label}{exc}"))
            continue
        if not raw.title:
            read.problems.append(
                ImportProblem(
                    read.file, raw.line, "no policy title found before the first numbered clause"
                )
            )
            continue
        read.policies.append(policy)
    if not read.policies and not read.errors:
        read.problems.append(ImportProblem(read.file, None, "no recognisable policy in the file"))
    # Repairs that found nothing to do are not worth a line in the report.
    for name in [n for n, count in read.repairs.items() if count == 0]:
        del read.repairs[name]

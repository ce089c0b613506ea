"""The text layer of a PDF, page by page, with pypdf.

pypdf was chosen over pdfminer.six by measurement on the test renditions (README,
"Importer"): it follows the content stream, so two-column pages come out column by
column and letter-spaced text without a space between every character, where
pdfminer.six's layout analysis interleaved the columns' lines and spaced out the text.
"""

from __future__ import annotations

import io
import logging

from generators.importer.files import SourceRefused
from generators.importer.isolate import run_isolated

MAX_PAGES = 1000
MIN_TEXT_PER_PAGE = 5
"""Fewer visible characters than this per page on average: no text layer to speak of."""


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text, in a bounded child process; refusals say what to do instead."""
    return run_isolated(_extract_pages, data, "PDF")


def _extract_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes are not ours to print
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise SourceRefused(f"encrypted PDF this reader cannot open ({exc})") from None
            if not opened:
                raise SourceRefused(
                    "encrypted PDF: it needs a password to open; ask the publisher for an "
                    "unprotected copy or save it again without a password"
                )
        pages = reader.pages
        count = len(pages)
        if count > MAX_PAGES:
            raise SourceRefused(f"PDF has {count:,} pages; a policy has far fewer")
        texts = [page.extract_text() or "" for page in pages]
    except FileNotDecryptedError:
        raise SourceRefused("encrypted PDF: it needs a password to open") from None
    except PdfReadError as exc:
        raise SourceRefused(f"damaged PDF ({exc})") from None
    visible = sum(len("".join(text.split())) for text in texts)
    if count == 0:
        raise SourceRefused("PDF has no pages")
    if visible < MIN_TEXT_PER_PAGE * count:
        raise SourceRefused(
            f"PDF has no text layer ({count} page(s) of images, as a scan is): run OCR first "
            "(for example `ocrmypdf --language chi_sim in.pdf out.pdf`) and import the result"
        )
    return texts

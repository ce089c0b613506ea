"""HTML to PDF with WeasyPrint: tagged, deterministic, and unable to fetch anything outside.

Imported only by render processes: the planner and no-op builds never load WeasyPrint.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import weasyprint

ALLOWED_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


class FetchRefused(Exception):
    """A document asked for a resource outside the project's templates and fonts."""


def make_fetcher(templates: Path) -> Any:
    """A URL fetcher that serves files under templates/ and the system font folders only."""
    allowed = [templates.resolve(), *(d.resolve() for d in ALLOWED_FONT_DIRS)]

    def fetch(url: str, timeout: int = 10, ssl_context: Any = None) -> dict[str, Any]:
        parsed = urlparse(url)
        if parsed.scheme == "data":
            fetched: dict[str, Any] = weasyprint.default_url_fetcher(
                url, timeout=timeout, ssl_context=ssl_context
            )
            return fetched
        if parsed.scheme != "file":
            raise FetchRefused(f"refused to fetch {url!r}: no network access while rendering")
        path = Path(unquote(parsed.path)).resolve()
        if not any(path.is_relative_to(base) for base in allowed):
            raise FetchRefused(f"refused to read {path}: outside the templates and font folders")
        return {
            "file_obj": io.BytesIO(path.read_bytes()),
            "filename": path.name,
            "redirected_url": url,
        }

    return fetch


def html_to_pdf(html: str, templates: Path, identifier: bytes) -> bytes:
    """A tagged PDF (PDF/UA-1) whose bytes depend only on the HTML."""
    # No base URL: links to forms stay relative (../forms/…), so the PDF neither leaks
    # the build machine's paths nor changes bytes when the project moves.
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=make_fetcher(templates))
    return document.write_pdf(  # type: ignore[no-any-return]
        pdf_variant="pdf/ua-1",
        pdf_identifier=identifier,
        uncompressed_pdf=False,
        custom_metadata=False,
    )

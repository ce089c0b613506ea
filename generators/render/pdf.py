"""HTML to PDF with WeasyPrint: tagged, deterministic, and unable to fetch anything outside.

Imported only by render processes: the planner and no-op builds never load WeasyPrint.
WeasyPrint changed how URL fetchers look in version 70 (a URLFetcher class returning
responses, where a function returning dicts was before); make_fetcher gives whichever the
installed version expects, with the same rule: files under templates/ and the system font
folders, data: URLs, nothing else.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import weasyprint
import weasyprint.urls

from generators.bounded import MB, read_bounded
from generators.paths import inside

ALLOWED_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
ASSET_LIMIT = 64 * MB
"""Largest image or font a template may use (a CJK font collection is about 20 MB)."""
_URL_FETCHER_CLASS: Any = getattr(weasyprint.urls, "URLFetcher", None)
"""WeasyPrint 70 and later; None before."""


class FetchRefused(Exception):
    """A document asked for a resource outside the project's templates and fonts."""


def asset_url(templates: Path, name: str) -> str:
    """The URL a template uses for a file of its own (an image, a font) under templates/."""
    return inside(templates, name).as_uri()


def _allowed_file(url: str, allowed: list[Path]) -> tuple[Path, bytes]:
    parsed = urlparse(url)
    if parsed.scheme != "file":
        raise FetchRefused(f"refused to fetch {url!r}: no network access while rendering")
    path = Path(unquote(parsed.path)).resolve()
    if not any(path.is_relative_to(base) for base in allowed):
        raise FetchRefused(f"refused to read {path}: outside the templates and font folders")
    return path, read_bounded(path, ASSET_LIMIT)


def make_fetcher(templates: Path) -> Any:
    """A URL fetcher that serves files under templates/ and the system font folders only."""
    allowed = [templates.resolve(), *(d.resolve() for d in ALLOWED_FONT_DIRS)]
    if _URL_FETCHER_CLASS is not None:
        return _ConfinedFetcher(allowed, allowed_protocols=("file", "data"), allow_redirects=False)

    def fetch(url: str, timeout: int = 10, ssl_context: Any = None, **_: Any) -> dict[str, Any]:
        if urlparse(url).scheme == "data":
            fetched: dict[str, Any] = weasyprint.default_url_fetcher(
                url, timeout=timeout, ssl_context=ssl_context
            )
            return fetched
        path, data = _allowed_file(url, allowed)
        return {
            "string": data,
            "mime_type": mimetypes.guess_type(path.name)[0],
            "filename": path.name,
            "redirected_url": url,
        }

    return fetch


if _URL_FETCHER_CLASS is not None:

    class _ConfinedFetcher(_URL_FETCHER_CLASS):  # type: ignore[misc]
        """WeasyPrint 70's fetcher, serving only the allowed folders and data: URLs."""

        def __init__(self, allowed: list[Path], **options: Any) -> None:
            super().__init__(**options)
            self._allowed = allowed

        def fetch(self, url: str, headers: Any = None) -> Any:
            if urlparse(url).scheme == "data":
                return super().fetch(url, headers)
            path, data = _allowed_file(url, self._allowed)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return weasyprint.urls.URLFetcherResponse(
                url, data, {"Content-Type": content_type}, 200
            )


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

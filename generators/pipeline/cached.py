"""The content cache the last build left (content_cache.py), opened for a build or a check."""

from __future__ import annotations

from pathlib import Path

from generators.content_cache import ContentCache
from generators.fingerprint import data_fingerprint
from generators.pipeline.manifest import Manifest
from generators.pipeline.sources import SourceIndex


def open_content_cache(
    output: Path, index: SourceIndex, manifest: Manifest | None, *, force: bool = False
) -> ContentCache:
    """What earlier builds learnt from content files, for the code that checks content now
    (empty without a manifest, and with --force, which reads every file again)."""
    code = data_fingerprint(index.code("generators.checking"))
    if force or manifest is None:
        return ContentCache(code)
    return ContentCache.read(output, code, manifest.content_cache)

"""Content fingerprints: short, stable hashes of text and of structured data."""

from __future__ import annotations

import hashlib
import json
import unicodedata

FINGERPRINT_LENGTH = 12


def text_fingerprint(text: str) -> str:
    """Fingerprint of a Chinese text, insensitive to surrounding whitespace and Unicode form."""
    normal = unicodedata.normalize("NFC", text.strip())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def data_fingerprint(data: object) -> str:
    """Fingerprint of JSON-able data, independent of dict order."""
    encoded = json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    )
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()[:16]


def bytes_fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()

"""output/manifest.json: what each output was made from, readable and versioned."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from generators import __version__
from generators.atomic import write_atomic
from generators.fingerprint import bytes_fingerprint

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1


@dataclass
class OutputRecord:
    kind: str
    deps: dict[str, str]
    sha256: str
    size: int
    mtime_ns: int


@dataclass
class Manifest:
    generator: str = f"policydocs {__version__}"
    inputs: dict[str, list[int]] = field(default_factory=dict)
    """Every source file's [size, mtime_ns] when the build finished: a no-op needs no parse."""
    outputs: dict[str, OutputRecord] = field(default_factory=dict)
    clauses: dict[str, dict[str, str]] = field(default_factory=dict)
    """Content snapshot for the change report: qualified id to Chinese text and English status."""
    edition: str = ""
    """The edition (content/settings.yaml) of this build."""
    edition_baseline: dict[str, str] | None = None
    """Fingerprints of each clause's Chinese when this edition began (build/edition.py)."""

    def to_json(self) -> bytes:
        document = {
            "format": MANIFEST_FORMAT,
            "generator": self.generator,
            "outputs": {path: asdict(record) for path, record in sorted(self.outputs.items())},
            "clauses": dict(sorted(self.clauses.items())),
            "edition": self.edition,
            "edition_baseline": (
                dict(sorted(self.edition_baseline.items()))
                if self.edition_baseline is not None
                else None
            ),
            "inputs": dict(sorted(self.inputs.items())),
        }
        return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def load_manifest(output: Path) -> tuple[Manifest | None, str]:
    """The last build's manifest, or None and why a full rebuild is needed."""
    path = output / MANIFEST_NAME
    if not path.exists():
        return None, "no manifest from an earlier build"
    try:
        document: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, f"manifest is unreadable ({exc.__class__.__name__})"
    if not isinstance(document, dict) or document.get("format") != MANIFEST_FORMAT:
        found = document.get("format") if isinstance(document, dict) else None
        return None, f"manifest format {found!r} is not {MANIFEST_FORMAT}"
    try:
        outputs = {path: OutputRecord(**record) for path, record in document["outputs"].items()}
        manifest = Manifest(
            generator=str(document["generator"]),
            inputs={k: list(v) for k, v in document["inputs"].items()},
            outputs=outputs,
            clauses=dict(document["clauses"]),
            edition=str(document.get("edition", "")),
            edition_baseline=_baseline(document.get("edition_baseline")),
        )
    except (KeyError, TypeError, AttributeError):
        return None, "manifest is incomplete"
    if manifest.generator != f"policydocs {__version__}":
        return None, f"manifest was written by {manifest.generator}"
    return manifest, ""


def _baseline(value: Any) -> dict[str, str] | None:
    """An edition baseline as recorded; anything else reads as none (nothing is marked)."""
    if not isinstance(value, dict):
        return None
    return {str(k): str(v) for k, v in value.items()}


def save_manifest(output: Path, manifest: Manifest) -> None:
    write_atomic(output / MANIFEST_NAME, manifest.to_json())


def file_altered(path: Path, record: OutputRecord) -> bool:
    """True if the file differs from what the last build wrote (hashing only when stat differs)."""
    try:
        stat = os.stat(path)
    except OSError:
        return True
    if stat.st_size != record.size:
        return True
    if stat.st_mtime_ns == record.mtime_ns:
        return False
    return bytes_fingerprint(path.read_bytes()) != record.sha256

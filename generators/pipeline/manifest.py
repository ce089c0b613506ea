"""output/manifest.json: what each output was made from, readable and versioned.

The manifest is read as untrusted data: every output it names must be a plain relative
path inside output/, or the build stops (a build deletes outputs the manifest lists, so a
forged entry must never reach that point).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generators import __version__
from generators.bounded import MB, RefusedFile, read_bounded
from generators.paths import PathEscape, inside, relative_problem
from generators.pipeline.filestate import FileRecord, observe
from generators.problems import Problem

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 2
MANIFEST_LIMIT = 256 * MB
"""The manifest of the 309-policy corpus is about 9 MB."""


@dataclass
class OutputRecord:
    kind: str
    deps: dict[str, str]
    file: FileRecord

    @property
    def sha256(self) -> str:
        return self.file.sha256


@dataclass
class Manifest:
    generator: str = f"policydocs {__version__}"
    inputs: dict[str, FileRecord] = field(default_factory=dict)
    """Every input file by content: a no-op build compares these and needs no parse."""
    outputs: dict[str, OutputRecord] = field(default_factory=dict)
    clauses: dict[str, dict[str, str]] = field(default_factory=dict)
    """Content snapshot for the change report: qualified id to Chinese text and English status."""
    edition: str = ""
    """The edition (content/settings.yaml) of this build."""
    edition_baseline: dict[str, str] | None = None
    """Fingerprints of each clause's Chinese when this edition began (pipeline/edition.py)."""
    content_cache: str = ""
    """SHA-256 of the content cache this build wrote (content_cache.py): a cache that is
    not the one the manifest names is not read."""

    def to_json(self) -> bytes:
        """One line per output, clause and input, so a diff of two manifests reads entry
        by entry (and Python's C encoder writes the 309-policy manifest in a fraction of
        the time an indented dump takes)."""
        sections: list[tuple[str, object]] = [
            ("format", MANIFEST_FORMAT),
            ("generator", self.generator),
            (
                "outputs",
                {
                    path: {"kind": r.kind, "deps": r.deps, "file": r.file.to_json()}
                    for path, r in self.outputs.items()
                },
            ),
            ("clauses", self.clauses),
            ("edition", self.edition),
            ("edition_baseline", self.edition_baseline),
            ("content_cache", self.content_cache),
            ("inputs", {path: record.to_json() for path, record in self.inputs.items()}),
        ]
        lines = [f"{_line(key)}: {_section(value)}" for key, value in sections]
        return ("{\n" + ",\n".join(lines) + "\n}\n").encode("utf-8")


def _line(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _section(value: object) -> str:
    if not isinstance(value, dict) or not value:
        return _line(value)
    entries = [f" {_line(key)}: {_line(value[key])}" for key in sorted(value)]
    return "{\n" + ",\n".join(entries) + "\n}"


class ForgedManifest(Exception):
    """The manifest names a path outside output/."""

    def __init__(self, entries: list[tuple[str, str]]) -> None:
        self.entries = entries
        super().__init__("; ".join(f"{entry!r}: {why}" for entry, why in entries))


def load_manifest(output: Path) -> tuple[Manifest | None, str]:
    """The last build's manifest, or None and why a full rebuild is needed.

    ForgedManifest if it names any output outside output/.
    """
    path = output / MANIFEST_NAME
    if not path.exists():
        return None, "no manifest from an earlier build"
    try:
        document: Any = json.loads(read_bounded(path, MANIFEST_LIMIT).decode("utf-8"))
    except RefusedFile as exc:
        return None, f"manifest is {exc}"
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, f"manifest is unreadable ({exc.__class__.__name__})"
    if not isinstance(document, dict) or document.get("format") != MANIFEST_FORMAT:
        found = document.get("format") if isinstance(document, dict) else None
        return None, f"manifest format {found!r} is not {MANIFEST_FORMAT}"
    outputs = document.get("outputs")
    if isinstance(outputs, dict):
        forged = [(key, why) for key in outputs if (why := relative_problem(str(key)))]
        if forged:
            raise ForgedManifest(forged)
    try:
        manifest = Manifest(
            generator=str(document["generator"]),
            inputs={k: FileRecord.from_json(v) for k, v in document["inputs"].items()},
            outputs={
                key: OutputRecord(
                    kind=str(record["kind"]),
                    # JSON keys are strings; a value of another type only differs from
                    # every fingerprint, which rebuilds the output: no need to convert.
                    deps=_mapping(record["deps"]),
                    file=FileRecord.from_json(record["file"]),
                )
                for key, record in document["outputs"].items()
            },
            clauses=dict(document["clauses"]),
            edition=str(document.get("edition", "")),
            edition_baseline=_baseline(document.get("edition_baseline")),
            content_cache=str(document.get("content_cache", "")),
        )
    except (KeyError, TypeError, AttributeError):
        return None, "manifest is incomplete"
    if manifest.generator != f"policydocs {__version__}":
        return None, f"manifest was written by {manifest.generator}"
    return manifest, ""


def _mapping(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise TypeError("not a mapping")
    return value


def _baseline(value: object) -> dict[str, str] | None:
    """An edition baseline as recorded; anything else reads as none (nothing is marked)."""
    if not isinstance(value, dict):
        return None
    return {str(k): str(v) for k, v in value.items()}


def forged_problems(output: Path) -> list[Problem]:
    """The manifest's entries naming paths outside output/, as problems (for `check` and
    `build` alike)."""
    try:
        load_manifest(output)
    except ForgedManifest as exc:
        return [
            Problem(
                f"output/{MANIFEST_NAME}",
                None,
                "outputs",
                f"entry {why}; a build deletes the outputs its manifest lists, so it never "
                "uses an entry outside output/",
                code="forged-manifest",
            )
            for _, why in exc.entries
        ]
    return []


def observe_outputs(manifest: Manifest, output: Path) -> dict[str, FileRecord | None]:
    """What each output the manifest lists holds now; None if it is missing, is not a
    regular file, or lies in a folder leading out of output/ (such outputs are rebuilt,
    and the build refuses to write through the folder)."""
    current: dict[str, FileRecord | None] = {}
    folders: dict[str, bool] = {}
    base = str(output)
    for path, record in manifest.outputs.items():
        folder = path.rpartition("/")[0]
        if folder not in folders:
            try:
                folders[folder] = not folder or inside(output, folder).is_dir()
            except PathEscape:
                folders[folder] = False
        if not folders[folder]:
            current[path] = None
            continue
        # Entries were checked to be plain relative paths on loading; an output that is
        # itself a symlink is not followed, nor trusted.
        try:
            current[path] = observe(Path(base, path), record.file, follow=False)
        except OSError:
            current[path] = None
    return current

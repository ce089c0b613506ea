"""What the last build learnt from each content file, kept by the file's contents.

At 309 policies, reading every YAML file, validating it and reviewing its English takes
longer than rendering what a one-clause change affects. The build keeps, in
output/.cache/content.json, each policy file's validated policy and the problems found in
it (by the file's SHA-256), and each Chinese–English pair's review (by both texts and the
glossary). The next build reads again only the files whose bytes changed, as Sphinx keeps
its doctrees.

The cache is data, trusted no further than the manifest that names it: it is read only
when its SHA-256 is the one the last build's manifest records (whoever can rewrite both can
as well rewrite the outputs the manifest vouches for); an entry is used only for the same
path, the same bytes and the same checking code; a cached policy is validated again by
the model (fast, from JSON); a cache that does not parse is ignored; `build --force` reads
none. Only entries the build used are written back, so it holds exactly the current
content.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generators.bounded import MB, RefusedFile, read_bounded
from generators.fingerprint import bytes_fingerprint
from generators.model import Policy
from generators.paths import inside
from generators.problems import Problem

CACHE_NAME = ".cache/content.json"
"""In output/."""
CACHE_FORMAT = 1
CACHE_LIMIT = 256 * MB
"""The 309-policy corpus writes about 9 MB."""

Finding = tuple[str, str, bool]
"""One thing the English review found in a text: message, code, and whether `--strict`
decides its severity (otherwise it is an error)."""


class ContentCache:
    """Entries of the last build (`_old_…`) and those this build used or made, which
    are all that `to_json` writes."""

    def __init__(self, code: str, old: dict[str, Any] | None = None) -> None:
        self.code = code
        """Fingerprint of the code that loads and checks content: other code, other cache."""
        usable = (
            isinstance(old, dict) and old.get("format") == CACHE_FORMAT and old.get("code") == code
        )
        self._old_policies: dict[str, Any] = _mapping(old, "policies") if usable else {}
        self._old_reviews: dict[str, Any] = _mapping(old, "reviews") if usable else {}
        self._policies: dict[str, Any] = {}
        self._reviews: dict[str, list[Finding]] = {}
        self.hits = 0

    @classmethod
    def read(cls, output: Path, code: str, sha: str) -> ContentCache:
        """The cache the last build wrote, if its bytes are those its manifest names (`sha`);
        otherwise an empty one."""
        if not sha:
            return cls(code)
        try:
            data = read_bounded(inside(output, CACHE_NAME), CACHE_LIMIT)
            old = json.loads(data) if bytes_fingerprint(data) == sha else None
        except (OSError, RefusedFile, ValueError):
            old = None
        return cls(code, old)

    def policy(self, display: str, sha: str) -> tuple[Policy, list[Problem]] | None:
        """The policy a file with these bytes validated to, and the problems found in it."""
        entry = self._old_policies.get(display)
        if not isinstance(entry, dict) or entry.get("sha256") != sha:
            return None
        try:
            policy = Policy.model_validate_json(entry["policy"])
            problems = [_problem(item) for item in entry["problems"]]
        except (KeyError, TypeError, ValueError, ValidationError):
            return None
        self._policies[display] = entry
        self.hits += 1
        return policy, problems

    def keep_policy(self, display: str, sha: str, policy: Policy, problems: list[Problem]) -> None:
        self._policies[display] = {
            "sha256": sha,
            "policy": policy.model_dump_json(),
            "problems": [p.as_json() for p in problems],
        }

    def review(self, key: str) -> list[Finding] | None:
        found = self._old_reviews.get(key)
        if not isinstance(found, list):
            return None
        try:
            findings = [(str(m), str(c), bool(s)) for m, c, s in found]
        except (TypeError, ValueError):
            return None
        self._reviews[key] = findings
        return findings

    def keep_review(self, key: str, findings: list[Finding]) -> None:
        self._reviews[key] = findings

    def to_json(self) -> bytes:
        document = {
            "format": CACHE_FORMAT,
            "code": self.code,
            "policies": dict(sorted(self._policies.items())),
            "reviews": dict(sorted(self._reviews.items())),
        }
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def review_key(glossary: str, zh: str, en: str) -> str:
    """A text pair's review, with the glossary it was reviewed against (by fingerprint)."""
    return bytes_fingerprint(f"{glossary}\0{zh}\0{en}".encode())[:32]


def _mapping(document: dict[str, Any] | None, key: str) -> dict[str, Any]:
    value = document.get(key) if document else None
    return value if isinstance(value, dict) else {}


def _problem(item: Any) -> Problem:
    if not isinstance(item, dict):
        raise TypeError("a problem is a mapping")
    line = item["line"]
    severity = item["severity"]
    if not (line is None or isinstance(line, int)) or severity not in ("error", "warning"):
        raise ValueError("not a problem")
    return Problem(
        str(item["file"]),
        line,
        str(item["field"]),
        str(item["message"]),
        severity,
        str(item["code"]),
    )

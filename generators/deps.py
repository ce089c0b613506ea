"""Dependency records: what an output was made from, part by named part.

Views call `add` for every piece of content they read, so an output's fingerprint covers
exactly what it shows. Part names say what changed: clause:ai-measures/2:zh,
glossary:市工信局, template:briefs/brief.html.j2, messages:en, code:generators.forms.spec.
"""

from __future__ import annotations

from collections import defaultdict

from generators.fingerprint import data_fingerprint


class Deps:
    def __init__(self) -> None:
        self._parts: dict[str, list[object]] = defaultdict(list)

    def add(self, key: str, data: object) -> None:
        self._parts[key].append(data)

    def fingerprints(self) -> dict[str, str]:
        return {key: data_fingerprint(self._parts[key]) for key in sorted(self._parts)}


def describe_change(key: str) -> str:
    """A dependency key as a reason a person reads: clause ai-measures/2 changed (zh)."""
    kind, _, rest = key.partition(":")
    if kind in ("clause", "policy", "division"):
        name, _, lang = rest.rpartition(":")
        return f"{kind} {name} changed ({lang})"
    labels = {
        "glossary": "glossary entry {} changed",
        "sector": "sector {} changed",
        "settings": "settings changed",
        "template": "template {} changed",
        "messages": "catalog {} changed",
        "code": "code {} changed",
        "fonts": "fonts changed",
        "output": "{} changed",
        "edition": "this edition's changes ({}) changed",
        "matcher": "the matcher's keyword table changed",
        "layout": "{} changed",
    }
    return labels.get(kind, key + " changed").format(rest)


def describe_added(key: str) -> str:
    kind, _, rest = key.partition(":")
    if kind == "clause":
        return f"now shows clause {rest.rpartition(':')[0]}"
    return f"now uses {key}"


def describe_removed(key: str) -> str:
    kind, _, rest = key.partition(":")
    if kind == "clause":
        return f"no longer shows clause {rest.rpartition(':')[0]}"
    return f"no longer uses {key}"

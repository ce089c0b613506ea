"""`policydocs import --write`: merge imported policies into content/policies."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generators.fingerprint import text_fingerprint
from generators.importer.records import policy_record
from generators.importer.structure import ImportedPolicy
from generators.yamlio import load_yaml
from generators.yamlwrite import write_yaml


@dataclass(frozen=True)
class Written:
    policy_id: str
    path: Path
    created: bool
    clauses_added: tuple[str, ...]
    clauses_removed: tuple[str, ...]
    clauses_changed: tuple[str, ...]


def write_policies(
    policies: list[ImportedPolicy], source: Path, content: Path, policy_id: str | None = None
) -> list[Written]:
    policy_dir = content / "policies"
    policy_dir.mkdir(parents=True, exist_ok=True)
    stored_source = _store_source(source, content)
    existing = _existing_by_title(policy_dir)
    keywords = _sector_keywords(content)
    results: list[Written] = []
    for policy in policies:
        match = existing.get(policy.title)
        if match is not None:
            path, old = match
        else:
            new_id = (
                policy_id
                if policy_id and len(policies) == 1
                else (f"policy-{text_fingerprint(policy.title)[:8]}")
            )
            path, old = policy_dir / f"{new_id}.yaml", None
        sectors = _suggest_sectors(policy, keywords)
        record = policy_record(policy, stored_source, sectors, old)
        write_yaml(path, record)
        results.append(_summary(path, old, record))
    return results


def _store_source(source: Path, content: Path) -> str:
    sources = content / "sources"
    try:
        return str(source.resolve().relative_to(content.resolve()))
    except ValueError:
        sources.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, sources / source.name)
        return f"sources/{source.name}"


def _existing_by_title(policy_dir: Path) -> dict[str, tuple[Path, dict[str, Any]]]:
    found: dict[str, tuple[Path, dict[str, Any]]] = {}
    for path in sorted(policy_dir.glob("*.yaml")):
        document, _ = load_yaml(path, str(path))
        if document is None or not isinstance(document.data, dict):
            continue
        title = document.data.get("title")
        if isinstance(title, dict) and isinstance(title.get("zh"), str):
            found[title["zh"]] = (path, document.data)
    return found


def _sector_keywords(content: Path) -> dict[str, list[str]]:
    document, _ = load_yaml(content / "sectors.yaml", "sectors.yaml")
    if document is None or not isinstance(document.data, dict):
        return {}
    return {
        key: [k for k in value.get("keywords", []) if isinstance(k, str)]
        for key, value in document.data.items()
        if isinstance(value, dict)
    }


def _suggest_sectors(policy: ImportedPolicy, keywords: dict[str, list[str]]) -> list[str]:
    """Sectors whose keywords the title names; failing that, those the text names most."""
    in_title = [s for s, words in keywords.items() if any(w in policy.title for w in words)]
    if in_title:
        return in_title
    text = " ".join(c.title + c.text for c in policy.clauses)
    counts = {s: sum(text.count(w) for w in words) for s, words in keywords.items()}
    best = max(counts.values(), default=0)
    return [s for s, n in counts.items() if n and n >= best / 2]


def _summary(path: Path, old: dict[str, Any] | None, record: dict[str, Any]) -> Written:
    def clause_map(data: dict[str, Any] | None) -> dict[str, Any]:
        clauses = (data or {}).get("clauses") or []
        return {str(c.get("id")): c for c in clauses if isinstance(c, dict)}

    before, after = clause_map(old), clause_map(record)
    changed = tuple(cid for cid in after if cid in before and _zh(before[cid]) != _zh(after[cid]))
    return Written(
        policy_id=path.stem,
        path=path,
        created=old is None,
        clauses_added=tuple(c for c in after if c not in before),
        clauses_removed=tuple(c for c in before if c not in after),
        clauses_changed=changed,
    )


def _zh(clause: dict[str, Any]) -> tuple[str, str]:
    return ((clause.get("title") or {}).get("zh", ""), (clause.get("text") or {}).get("zh", ""))

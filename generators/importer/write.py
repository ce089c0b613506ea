"""`policydocs import --write`: merge imported policies into content/policies.

Everything is checked before anything is written: the policy id (`--id`) matches the id
pattern and its file lies inside content/policies; a policy is only replaced by one with
another title under `--force`; a stored source is never overwritten (an identical file is
reused, a different one gets a new name).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generators.atomic import write_atomic
from generators.fingerprint import text_fingerprint
from generators.importer.files import read_bounded
from generators.importer.records import policy_record
from generators.importer.structure import ImportedPolicy
from generators.paths import FILE_NAME, SLUG, PathEscape, id_problem, inside
from generators.yamlio import load_yaml
from generators.yamlwrite import write_yaml

POLICY_SUFFIXES = (".yaml", ".yml")


class WriteRefused(Exception):
    """Nothing was written; the message says why."""


@dataclass(frozen=True)
class Written:
    policy_id: str
    path: Path
    created: bool
    clauses_added: tuple[str, ...]
    clauses_removed: tuple[str, ...]
    clauses_changed: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class _Plan:
    policy: ImportedPolicy
    path: Path
    old: dict[str, Any] | None
    source: Path


def write_policies(
    policies: list[tuple[ImportedPolicy, Path]],
    content: Path,
    policy_id: str | None = None,
    *,
    force: bool = False,
) -> list[Written]:
    """Write each (policy, source file) into content/; WriteRefused before any write."""
    policy_dir = content / "policies"
    existing = _existing_by_title(policy_dir)
    plans: list[_Plan] = []
    for policy, source in policies:
        match = existing.get(_title_key(policy.title))
        if policy_id is not None:
            plans.append(_plan_with_id(policy, source, policy_id, policy_dir, force))
        elif match is not None:
            try:  # a policy file that is a symlink out of content/ is not written through
                inside(policy_dir, match[0].name)
            except PathEscape as exc:
                raise WriteRefused(f"{match[0].name}: {exc}") from None
            plans.append(_Plan(policy, match[0], match[1], source))
        else:
            new_id = f"policy-{text_fingerprint(policy.title)[:8]}"
            plans.append(_Plan(policy, _policy_path(policy_dir, new_id), None, source))
    keywords = _sector_keywords(content)
    stored: dict[Path, str] = {}
    results: list[Written] = []
    for plan in plans:
        if plan.source not in stored:
            stored[plan.source] = store_source(plan.source, content)
        sectors = _suggest_sectors(plan.policy, keywords)
        record = policy_record(plan.policy, stored[plan.source], sectors, plan.old)
        write_yaml(plan.path, record)
        results.append(_summary(plan.path, plan.old, record, stored[plan.source]))
    return results


def _plan_with_id(
    policy: ImportedPolicy, source: Path, policy_id: str, policy_dir: Path, force: bool
) -> _Plan:
    problem = id_problem(policy_id, SLUG)
    if problem is not None:
        raise WriteRefused(f"--id {problem}")
    path = _policy_path(policy_dir, policy_id)
    old = None
    for candidate in (path, path.with_suffix(".yml")):
        if candidate.exists():
            path = candidate
            old = _load_policy(candidate)
            break
    if old is not None:
        old_title = (
            (old.get("title") or {}).get("zh") if isinstance(old.get("title"), dict) else None
        )
        if _title_key(str(old_title or "")) != _title_key(policy.title) and not force:
            raise WriteRefused(
                f"--id {policy_id}: {path.name} holds another policy ({old_title!r}); the "
                f"imported one is {policy.title!r}. Choose another id, or pass --force to "
                "replace it"
            )
    return _Plan(policy, path, old, source)


def _policy_path(policy_dir: Path, policy_id: str) -> Path:
    try:
        return inside(policy_dir, f"{policy_id}.yaml")
    except PathEscape as exc:
        raise WriteRefused(f"policy id {policy_id!r}: {exc}") from None


def store_source(source: Path, content: Path) -> str:
    """The source's name under content/sources, copying it there without overwriting.

    A file already inside content/ is cited where it is. A stored file with the same name
    and the same bytes is reused; with other bytes, the new file gets a name of its own.
    """
    sources = content / "sources"
    try:
        return source.resolve().relative_to(content.resolve()).as_posix()
    except ValueError:
        pass
    data = read_bounded(source)
    digest = hashlib.sha256(data).hexdigest()[:12]
    name = source.name
    if id_problem(name, FILE_NAME) is not None:
        name = f"source-{digest}{_safe_suffix(source)}"
    sources.mkdir(parents=True, exist_ok=True)
    for candidate in (name, f"{Path(name).stem}-{digest}{Path(name).suffix}"):
        try:
            target = inside(sources, candidate)
        except PathEscape as exc:
            raise WriteRefused(f"source name {candidate!r}: {exc}") from None
        if target.exists() or target.is_symlink():
            if target.is_file() and not target.is_symlink() and read_bounded(target) == data:
                return f"sources/{candidate}"
            continue
        write_atomic(target, data)
        return f"sources/{candidate}"
    raise WriteRefused(
        f"content/sources already holds other files named {name!r} and its digest; "
        "rename the source file and import it again"
    )


def _safe_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    return suffix if suffix[1:].isalnum() and len(suffix) <= 6 else ""


def _title_key(title: str) -> str:
    return "".join(title.split())


def _load_policy(path: Path) -> dict[str, Any] | None:
    document, _ = load_yaml(path, str(path))
    if document is None or not isinstance(document.data, dict):
        return None
    return document.data


def _existing_by_title(policy_dir: Path) -> dict[str, tuple[Path, dict[str, Any]]]:
    found: dict[str, tuple[Path, dict[str, Any]]] = {}
    if not policy_dir.is_dir():
        return found
    paths = sorted(p for p in policy_dir.iterdir() if p.suffix in POLICY_SUFFIXES and p.is_file())
    for path in paths:
        data = _load_policy(path)
        title = data.get("title") if data else None
        if data and isinstance(title, dict) and isinstance(title.get("zh"), str):
            found.setdefault(_title_key(title["zh"]), (path, data))
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
    text = " ".join((c.title or "") + c.text for c in policy.clauses)
    counts = {s: sum(text.count(w) for w in words) for s, words in keywords.items()}
    best = max(counts.values(), default=0)
    return [s for s, n in counts.items() if n and n >= best / 2]


def _summary(
    path: Path, old: dict[str, Any] | None, record: dict[str, Any], source: str
) -> Written:
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
        source=source,
    )


def _zh(clause: dict[str, Any]) -> tuple[str, str]:
    return ((clause.get("title") or {}).get("zh", ""), (clause.get("text") or {}).get("zh", ""))

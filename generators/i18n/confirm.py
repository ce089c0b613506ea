"""`policydocs translations confirm|status`: a translator vouches for English texts."""

from __future__ import annotations

import sys
from typing import Any

from ruamel.yaml import YAML

from generators.atomic import write_atomic
from generators.fingerprint import text_fingerprint
from generators.paths import id_problem, inside
from generators.project import Project
from generators.yamlwrite import dump_yaml


def run_confirm(project: Project, ids: list[str]) -> int:
    wanted: dict[str, set[str] | None] = {}
    status = 0
    for item in ids:
        policy_id, _, clause_id = item.partition("/")
        bad_id = id_problem(policy_id)
        if bad_id is not None:
            print(f"error: {item!r}: the policy id {bad_id}", file=sys.stderr)
            status = 1
            continue
        if clause_id:
            current = wanted.setdefault(policy_id, set())
            if current is not None:
                current.add(clause_id)
        else:
            wanted[policy_id] = None
    for policy_id, clauses in wanted.items():
        path = inside(project.content, f"policies/{policy_id}.yaml")
        if not path.exists():
            print(
                f"error: no policy {policy_id!r} ({path.relative_to(project.root)})",
                file=sys.stderr,
            )
            status = 1
            continue
        data = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
        known = {str(c.get("id")) for c in data.get("clauses") or []}
        unknown = sorted((clauses or set()) - known)
        for clause_id in unknown:
            print(f"error: policy {policy_id!r} has no clause {clause_id!r}", file=sys.stderr)
            status = 1
        confirmed = _confirm(data, clauses)
        write_atomic(path, dump_yaml(data).encode("utf-8"))
        print(f"{policy_id}: confirmed {confirmed} English text(s)")
    return status


def _confirm(data: Any, clauses: set[str] | None) -> int:
    """Set en_fp on every translated text in scope; return how many changed."""
    scopes: list[Any] = []
    if clauses is None:
        scopes.append({k: v for k, v in data.items() if k != "clauses"})
        scopes.extend(data.get("clauses") or [])
    else:
        scopes.extend(c for c in data.get("clauses") or [] if str(c.get("id")) in clauses)
    changed = 0
    for scope in scopes:
        for text in _bitexts(scope):
            fingerprint = text_fingerprint(str(text["zh"]))
            if text.get("en") and text.get("en_fp") != fingerprint:
                text["en_fp"] = fingerprint
                changed += 1
    return changed


def _bitexts(node: Any) -> list[Any]:
    found: list[Any] = []
    if isinstance(node, dict):
        if "zh" in node and isinstance(node.get("zh"), str):
            found.append(node)
        for value in node.values():
            found.extend(_bitexts(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_bitexts(value))
    return found


def run_status(project: Project) -> int:
    from generators.i18n.consistency import review_translations
    from generators.loader import load_corpus
    from generators.problems import ContentInvalid

    try:
        corpus, files, _ = load_corpus(project.content)
    except ContentInvalid as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    report = review_translations(corpus, files, strict=False)
    for label in report.missing:
        print(f"missing  {label}")
    for label in report.stale:
        print(f"stale    {label}")
    counts = report.counts
    print(f"{counts['current']} current, {counts['stale']} stale, {counts['missing']} missing")
    return 0

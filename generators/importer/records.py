"""Imported policies as content records: JSON for `import --json`, YAML data for `--write`.

Writing merges with what staff already have in content/policies: English and its
fingerprint, sector tags and reviewed structured fields survive a re-import. A clause
whose Chinese changed keeps its English, which the fingerprint then shows as stale.
"""

from __future__ import annotations

from typing import Any

from generators.importer.incentives import ParsedIncentive
from generators.importer.structure import ImportedClause, ImportedDivision, ImportedPolicy

Record = dict[str, Any]


def policy_json(policy: ImportedPolicy) -> Record:
    """The DESIGN.md contract for `policydocs import --json`."""
    return {
        "title": policy.title,
        "level": policy.level,
        "doc_number": policy.doc_number,
        "issued": policy.issued,
        "line": policy.line,
        "clauses": [
            {
                "id": clause.id,
                "number": clause.number,
                "kind": clause.kind,
                "division": clause.division,
                "title": clause.title,
                "text": clause.text,
                "departments": list(clause.departments),
                "incentives": [_incentive_json(i) for i in clause.incentives],
                "line": clause.line,
            }
            for clause in policy.clauses
        ],
    }


def _incentive_json(incentive: ParsedIncentive) -> Record:
    return {
        "kind": incentive.kind,
        "target": incentive.target,
        "max_cny": incentive.max_cny,
        "amount_is": incentive.amount_is,
        "per_unit": incentive.per_unit,
        "rate_pct": incentive.rate.as_json() if incentive.rate else None,
        "rate_is": incentive.rate_is,
        "rate_unit": incentive.rate_unit if incentive.rate else None,
        "basis": incentive.rate_basis,
        "per": list(incentive.per),
        "tiers": [
            {"threshold_cny": t.threshold_cny, "amount_cny": t.amount_cny} for t in incentive.tiers
        ],
        "tiers_combine": incentive.tiers_combine,
        "threshold": incentive.threshold,
        "subject": incentive.source,
    }


def policy_record(
    policy: ImportedPolicy, source: str, sectors: list[str], old: Record | None
) -> Record:
    """Content data for a policy file, keeping what staff added to the old one."""
    old = old or {}
    old_divisions = {d.get("key"): d for d in old.get("divisions") or [] if isinstance(d, dict)}
    old_clauses = {c.get("id"): c for c in old.get("clauses") or [] if isinstance(c, dict)}
    record: Record = {
        "title": _bitext(policy.title, old.get("title")),
        "level": policy.level,
        "doc_number": policy.doc_number or old.get("doc_number"),
        "issued": policy.issued or old.get("issued"),
        "source": source,
        "sectors": old.get("sectors") if old.get("sectors") is not None else sectors,
        "preamble": _paragraphs(policy.preamble, old.get("preamble")),
        "notes": _paragraphs(policy.notes, old.get("notes")),
        "divisions": [_division(d, old_divisions.get(d.key)) for d in policy.divisions],
        "clauses": [_clause(c, old_clauses.get(c.id)) for c in policy.clauses],
    }
    return record


def _bitext(zh: str, old: Any) -> Record:
    record: Record = {"zh": zh}
    if isinstance(old, dict) and old.get("en"):
        record["en"] = old["en"]
        if old.get("en_fp"):
            record["en_fp"] = old["en_fp"]
    return record


def _paragraphs(texts: tuple[str, ...], old: Any) -> list[Record]:
    old_list = old if isinstance(old, list) else []
    return [
        _bitext(text, old_list[i] if i < len(old_list) else None) for i, text in enumerate(texts)
    ]


def _division(division: ImportedDivision, old: Record | None) -> Record:
    old = old or {}
    record: Record = {"key": division.key, "kind": division.kind, "number": division.number}
    if division.heading:
        record["heading"] = _bitext(division.heading, old.get("heading"))
    record["parent"] = division.parent
    if division.intro:
        record["intro"] = _paragraphs(division.intro, old.get("intro"))
    if division.notes:
        record["notes"] = _paragraphs(division.notes, old.get("notes"))
    return record


def _clause(clause: ImportedClause, old: Record | None) -> Record:
    old = old or {}
    record: Record = {
        "id": clause.id,
        "number": clause.number,
        "kind": clause.kind,
        "division": clause.division,
    }
    if old.get("sectors") is not None:
        record["sectors"] = old["sectors"]
    # A clause without a heading says so (title: null) rather than leaving the key out.
    record["title"] = _bitext(clause.title, old.get("title")) if clause.title else None
    if clause.text:
        record["text"] = _bitext(clause.text, old.get("text"))
    old_title = old.get("title")
    unchanged = (old_title.get("zh") if isinstance(old_title, dict) else None) == clause.title and (
        old.get("text") or {}
    ).get("zh", "") == clause.text
    if old.get("reviewed") and unchanged:
        # A person checked these fields against this very text: theirs stand.
        for key in ("departments", "units_note", "incentives"):
            if key in old:
                record[key] = old[key]
        record["reviewed"] = True
        return record
    record["departments"] = list(clause.departments)
    if clause.units_note:
        record["units_note"] = clause.units_note
    found = old.get("incentives")
    old_incentives: list[Any] = found if isinstance(found, list) else []
    record["incentives"] = [
        _incentive(incentive, _matching(incentive, old_incentives, index))
        for index, incentive in enumerate(clause.incentives)
    ]
    record["reviewed"] = False
    return record


def _matching(incentive: ParsedIncentive, old: list[Any], index: int) -> Record | None:
    for candidate in old:
        if (
            isinstance(candidate, dict)
            and (candidate.get("subject") or {}).get("zh") == incentive.source
            and candidate.get("max_cny") == incentive.max_cny
        ):
            return candidate
    return old[index] if index < len(old) and isinstance(old[index], dict) else None


def _incentive(incentive: ParsedIncentive, old: Record | None) -> Record:
    old = old or {}
    record: Record = {"kind": incentive.kind}
    if incentive.target:
        record["target"] = _bitext(incentive.target, old.get("target"))
    record["max_cny"] = incentive.max_cny
    if incentive.amount_is:
        record["amount_is"] = incentive.amount_is
    if incentive.per_unit:
        record["per_unit"] = _bitext(incentive.per_unit, old.get("per_unit"))
    record["rate_pct"] = incentive.rate.as_json() if incentive.rate else None
    if incentive.rate_is:
        record["rate_is"] = incentive.rate_is
    if incentive.rate and incentive.rate_unit != "percent":
        record["rate_unit"] = incentive.rate_unit
    if incentive.rate_basis:
        record["basis"] = _bitext(incentive.rate_basis, old.get("basis"))
    record["per"] = list(incentive.per)
    record["tiers"] = [
        {"threshold_cny": t.threshold_cny, "amount_cny": t.amount_cny} for t in incentive.tiers
    ]
    if incentive.tiers_combine:
        record["tiers_combine"] = incentive.tiers_combine
    if incentive.threshold and incentive.tiers:
        record["threshold"] = _bitext(incentive.threshold, old.get("threshold"))
    record["subject"] = _bitext(incentive.source, old.get("subject"))
    return record

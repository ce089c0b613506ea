"""Checks across the corpus that no single record can make: references, ids, characters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generators.importer.wording import problems_of
from generators.model import BiText, Clause, Corpus, Policy
from generators.paths import CLAUSE_ID, FILE_NAME, PathEscape, id_problem, inside
from generators.problems import Problem, Severity
from generators.yamlio import ContentFiles, DataPath, LoadedYaml, dotted_path

# XML 1.0 forbids the C0 controls, and YAML (which forms are declared in) the C1 ones:
# a DOCX or tagged PDF holding one is corrupt. None of them belongs in a policy text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Bidirectional overrides and isolates change the order in which text is shown: a cap
# written 0001 can be shown as 1000.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_FORBIDDEN = (
    (_CONTROL, "control character {} is not allowed in text (it cannot be written to DOCX or PDF)"),
    (
        _BIDI,
        "bidirectional control character {} is not allowed in text (it changes the order "
        "text is shown in: a figure can read reversed)",
    ),
)
EDITION_YEARS = (1980, 2107)
"""The edition is stamped into every DOCX, whose ZIP dates cannot leave this range."""


def cross_check(corpus: Corpus, files: ContentFiles, skip: set[str] | None = None) -> list[Problem]:
    """References between files and ids; `skip` names reference files that failed to
    load (glossary, sectors), whose checks would only repeat that failure. Characters are
    checked file by file as each loads (`forbidden_characters`)."""
    problems: list[Problem] = []
    if "settings" not in (skip or set()):
        problems.extend(_check_settings(corpus, files))
    for policy in corpus.policies:
        problems.extend(_check_policy(corpus, files, policy, skip or set()))
    if "sectors" not in (skip or set()):
        problems.extend(_check_sector_names(corpus, files))
    if "glossary" not in (skip or set()):
        problems.extend(_check_contact_offices(corpus, files))
    problems.extend(_check_matcher(corpus, files))
    return problems


def _check_sector_names(corpus: Corpus, files: ContentFiles) -> Iterator[Problem]:
    """A name or synonym must point at one sector only, or the finder cannot tell which."""
    owner: dict[str, str] = {}
    for key, sector in corpus.sectors.items():
        for name in (sector.zh, sector.en, key):
            owner.setdefault(name.casefold(), key)
    for key, sector in corpus.sectors.items():
        for index, synonym in enumerate(sector.synonyms):
            found = owner.setdefault(synonym.casefold(), key)
            if found != key:
                file, line = files.locate("sectors", (key, "synonyms", index))
                yield Problem(
                    file,
                    line,
                    f"{key}.synonyms",
                    f"synonym {synonym!r} already names sector {found!r}: a name may "
                    "point at one sector only",
                    code="ambiguous-synonym",
                )


def _check_contact_offices(corpus: Corpus, files: ContentFiles) -> Iterator[Problem]:
    """A contact office needs its English name in the glossary, like responsible units."""
    where: list[tuple[str, DataPath, str, str | None]] = [
        (f"policy:{p.id}", ("contact", "office"), "contact.office", p.contact.office)
        for p in corpus.policies
        if p.contact is not None
    ]
    where += [
        ("sectors", (key, "contact", "office"), f"{key}.contact.office", s.contact.office)
        for key, s in corpus.sectors.items()
        if s.contact is not None
    ]
    for doc, path, field, office in where:
        if office is not None and office not in corpus.glossary.departments:
            file, line = files.locate(doc, path)
            yield Problem(
                file,
                line,
                field,
                f"unknown office {office!r}: add it to content/glossary.yaml with its English name",
                code="unknown-department",
            )


def _check_matcher(corpus: Corpus, files: ContentFiles) -> Iterator[Problem]:
    applicants = corpus.matcher.applicants
    for key, applicant in applicants.items():
        if applicant.kind_of is not None and applicant.kind_of not in applicants:
            file, line = files.locate("matcher", ("applicants", key, "kind_of"))
            yield Problem(
                file,
                line,
                f"applicants.{key}.kind_of",
                _unknown("kind of applicant", applicant.kind_of, applicants),
                code="unknown-applicant",
            )


def _check_policy(
    corpus: Corpus, files: ContentFiles, policy: Policy, skip: set[str]
) -> Iterator[Problem]:
    doc = f"policy:{policy.id}"

    def at(path: DataPath, field: str, message: str, code: str) -> Problem:
        file, line = files.locate(doc, path)
        return Problem(file, line, field, message, code=code)

    check_sectors = "sectors" not in skip
    check_units = "glossary" not in skip
    for index, sector in enumerate(policy.sectors):
        if check_sectors and sector not in corpus.sectors:
            yield at(
                ("sectors", index),
                "sectors",
                _unknown("sector", sector, corpus.sectors),
                "unknown-sector",
            )
    keys = {d.key for d in policy.divisions}
    for index, division in enumerate(policy.divisions):
        if division.parent is not None and division.parent not in keys:
            yield at(
                ("divisions", index, "parent"),
                f"divisions[{index}].parent",
                f"unknown division {division.parent!r}",
                "unknown-division",
            )
    if policy.source is not None:
        problem = _source_problem(policy.source, files.root)
        if problem is not None:
            message, severity = problem
            file, line = files.locate(doc, ("source",))
            yield Problem(file, line, "source", message, severity=severity, code="bad-source")
    seen: dict[str, int] = {}
    for index, clause in enumerate(policy.clauses):
        base = ("clauses", index)
        field = f"clauses[{index}]"
        bad_id = id_problem(clause.id, CLAUSE_ID)
        if bad_id is not None:
            yield at(
                (*base, "id"),
                f"{field}.id",
                f"clause id {bad_id} (the id names the file forms/{policy.id}/<id>.docx)",
                "bad-id",
            )
        if clause.id in seen:
            first_line = files.locate(doc, ("clauses", seen[clause.id], "id"))[1]
            yield at(
                (*base, "id"),
                f"{field}.id",
                f"duplicate clause id {clause.id!r} (first used on line {first_line})",
                "duplicate-id",
            )
        else:
            seen[clause.id] = index
        if clause.division is not None and clause.division not in keys:
            yield at(
                (*base, "division"),
                f"{field}.division",
                f"unknown division {clause.division!r}",
                "unknown-division",
            )
        for s_index, sector in enumerate(clause.sectors or ()):
            if check_sectors and sector not in corpus.sectors:
                yield at(
                    (*base, "sectors", s_index),
                    f"{field}.sectors",
                    _unknown("sector", sector, corpus.sectors),
                    "unknown-sector",
                )
        for d_index, department in enumerate(clause.departments):
            if check_units and department not in corpus.glossary.departments:
                yield at(
                    (*base, "departments", d_index),
                    f"{field}.departments",
                    f"unknown department {department!r}: add it to content/glossary.yaml "
                    "with its English name",
                    "unknown-department",
                )
        yield from _check_incentives(clause, base, field, at)


def _check_incentives(clause: Clause, base: DataPath, field: str, at: Any) -> Iterator[Problem]:
    for i_index, incentive in enumerate(clause.incentives):
        path = (*base, "incentives", i_index)
        for t_index, tier in enumerate(incentive.tiers):
            if incentive.max_cny is not None and tier.amount_cny > incentive.max_cny:
                yield at(
                    (*path, "tiers", t_index),
                    f"{field}.incentives[{i_index}].tiers",
                    f"tier amount {tier.amount_cny:,} is above the cap {incentive.max_cny:,}",
                    "tier-above-cap",
                )
        for problem in problems_of(incentive):  # the importer's reading of the same words
            yield at(
                (*path, problem.field),
                f"{field}.incentives[{i_index}].{problem.field}",
                problem.message,
                "qualifier-contradicts-subject",
            )


def _source_problem(source: str, content: Path) -> tuple[str, Severity] | None:
    """A policy's source must name a file in content/sources/ (it is stored there on import)."""
    folder, _, name = source.partition("/")
    if folder != "sources":
        return f"source {source!r} must be sources/<file name>", "error"
    bad_name = id_problem(name, FILE_NAME)
    if bad_name is not None:
        return f"source {source!r}: the file name {bad_name}", "error"
    try:
        found = inside(content / "sources", name).is_file()
    except PathEscape as exc:
        return f"source {source!r}: {exc}", "error"
    if not found:
        return f"source {source!r} is not in content/sources/", "warning"
    return None


def _unknown(kind: str, name: str, known: dict[str, Any]) -> str:
    return f"unknown {kind} {name!r} (known: {', '.join(sorted(known))})"


def forbidden_characters(document: LoadedYaml) -> Iterator[Problem]:
    """Characters no output can carry, anywhere in one file's text."""
    for path, value in _strings(document.data, ()):
        for pattern, what in _FORBIDDEN:
            found = pattern.search(value)
            if found:
                yield Problem(
                    document.file,
                    document.line_of(path),
                    dotted_path(path),
                    what.format(f"U+{ord(found.group()):04X}"),
                    code="forbidden-character",
                )


def _check_settings(corpus: Corpus, files: ContentFiles) -> Iterator[Problem]:
    edition = corpus.settings.edition
    low, high = EDITION_YEARS
    if not low <= edition.year <= high:
        file, line = files.locate("settings", ("edition",))
        yield Problem(
            file,
            line,
            "edition",
            f"'edition' must be a date from {low}-01-01 to {high}-12-31 (got "
            f"{edition.isoformat()}): it is stamped into every form, and ZIP files (DOCX) "
            "cannot hold other dates",
            code="invalid-field",
        )


def _strings(value: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def bitexts(policy: Policy) -> Iterator[tuple[DataPath, str, BiText]]:
    """Every bilingual text of a policy with its data path and a label for reports."""
    yield ("title",), f"{policy.id} title", policy.title
    if policy.issuer:
        yield ("issuer",), f"{policy.id} issuer", policy.issuer
    for index, para in enumerate(policy.preamble):
        yield ("preamble", index), f"{policy.id} preamble ¶{index + 1}", para
    for index, para in enumerate(policy.notes):
        yield ("notes", index), f"{policy.id} notes ¶{index + 1}", para
    for d_index, division in enumerate(policy.divisions):
        base = ("divisions", d_index)
        label = f"{policy.id} {division.kind} {division.key}"
        if division.heading:
            yield (*base, "heading"), f"{label} heading", division.heading
        for index, para in enumerate(division.intro):
            yield (*base, "intro", index), f"{label} intro ¶{index + 1}", para
        for index, para in enumerate(division.notes):
            yield (*base, "notes", index), f"{label} notes ¶{index + 1}", para
    for c_index, clause in enumerate(policy.clauses):
        base = ("clauses", c_index)
        label = f"clause {policy.qualified(clause)}"
        if clause.title:
            yield (*base, "title"), f"{label} title", clause.title
        if clause.text:
            yield (*base, "text"), f"{label} text", clause.text
        for i_index, incentive in enumerate(clause.incentives):
            ipath = (*base, "incentives", i_index)
            yield (*ipath, "subject"), f"{label} incentive {i_index + 1}", incentive.subject
            for part in ("target", "basis", "per_unit", "threshold"):
                words = getattr(incentive, part)
                if words is not None:
                    yield (*ipath, part), f"{label} incentive {i_index + 1} {part}", words

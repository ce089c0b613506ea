"""One returned form to one row: identity, values and problems; never an exception."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from generators.i18n.formatting import format_cny
from generators.measures import measure_fingerprint
from generators.model import Corpus
from generators.readback.checks import FormProblem, check_values
from generators.readback.fields import read_custom_properties, read_fields
from generators.readback.package import Refused, open_package

DOCUMENT = "word/document.xml"
CUSTOM = "docProps/custom.xml"


@dataclass
class FormRow:
    file: str
    form_id: str | None = None
    policy_id: str | None = None
    clause_id: str | None = None
    fields: dict[str, str | bool] = field(default_factory=dict)
    problems: list[FormProblem] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "form_id": self.form_id,
            "policy_id": self.policy_id,
            "clause_id": self.clause_id,
            "fields": self.fields,
            "problems": [p.as_json() for p in self.problems],
        }

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def read_form(path: Path, corpus: Corpus | None) -> FormRow:
    row = FormRow(str(path))
    try:
        package = open_package(path, (DOCUMENT, CUSTOM))
        values = read_fields(package.parts[DOCUMENT])
        properties = (
            read_custom_properties(package.parts[CUSTOM]) if CUSTOM in package.parts else {}
        )
    except Refused as exc:
        row.problems.append(FormProblem("", "error", str(exc)))
        return row
    except (ET.ParseError, ValueError, KeyError, UnicodeDecodeError, LookupError) as exc:
        # LookupError: an XML declaration naming an encoding that does not exist.
        row.problems.append(FormProblem("", "error", f"unreadable form XML ({exc})"))
        return row
    row.form_id = properties.get("policydocs.form_id")
    row.policy_id = properties.get("policydocs.policy_id")
    row.clause_id = properties.get("policydocs.clause_id")
    row.fields = {name: _shown(value.value, value.entries) for name, value in values.items()}
    if row.form_id is None:
        row.problems.append(
            FormProblem(
                "",
                "error",
                "not a policydocs application form "
                "(it carries no form id); use the form from the portal",
            )
        )
        return row
    row.problems.extend(check_values(values, properties))
    if corpus is not None:
        row.problems.extend(_version(properties, corpus))
    return row


def _shown(value: str | bool, entries: tuple[str, ...]) -> str | bool:
    if entries and value == entries[0]:
        return ""
    return value


def _version(properties: dict[str, str], corpus: Corpus) -> list[FormProblem]:
    """Warn when the form was made from another version of the measure, naming the change."""
    policy = corpus.policy(properties.get("policydocs.policy_id", ""))
    clause_id = properties.get("policydocs.clause_id", "")
    clause = next((c for c in policy.clauses if c.id == clause_id), None) if policy else None
    if policy is None or clause is None:
        return [
            FormProblem(
                "",
                "warning",
                f"the measure {properties.get('policydocs.policy_id')}"
                f"/{clause_id} no longer exists in the current content",
            )
        ]
    if measure_fingerprint(policy, clause) == properties.get("policydocs.content_fingerprint"):
        return []
    changes: list[str] = []
    old_cap = properties.get("policydocs.max_cny", "")
    new_cap = "" if clause.max_cny is None else str(clause.max_cny)
    if old_cap != new_cap:
        changes.append(f"cap {_cny(old_cap)} → {_cny(new_cap)}")
    rates = [i.rate_pct for i in clause.incentives if i.rate_pct is not None]
    new_rate = ""
    if len(rates) == 1:
        rate = rates[0]
        new_rate = f"{rate[0]:g}-{rate[1]:g}" if isinstance(rate, tuple) else f"{rate:g}"
    if properties.get("policydocs.rate_pct", "") != new_rate:
        changes.append(
            f"rate {properties.get('policydocs.rate_pct') or 'none'}% → {new_rate or 'none'}%"
        )
    if not changes:
        changes.append("wording of the measure")
    return [
        FormProblem(
            "",
            "warning",
            f"form made from an older version of the measure (edition "
            f"{properties.get('policydocs.edition', '?')}); changed since: " + "; ".join(changes),
        )
    ]


def _cny(value: str) -> str:
    return format_cny(int(value), "zh") if value.isdigit() else "none"

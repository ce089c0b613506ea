"""One returned form to one row: identity, values and problems; never an exception.

The file only says which measure and version it was made from. The fields it must hold,
their labels and every rule it is checked against come from the project's content.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from generators.deps import Deps
from generators.forms.describe import option_texts
from generators.forms.phrases import N_
from generators.forms.spec import FormSpec, form_spec
from generators.forms.wording import Wording
from generators.model import Corpus
from generators.readback.checks import check_fields
from generators.readback.fields import ReadFields, read_custom_properties, read_fields
from generators.readback.measure import check_request, chosen_options
from generators.readback.package import Refused, open_package
from generators.readback.report import FormProblem, Reporter
from generators.readback.version import check_version
from generators.views import form_view, measure_fingerprint

DOCUMENT = "word/document.xml"
STYLES = "word/styles.xml"
CUSTOM = "docProps/custom.xml"


@dataclass(frozen=True)
class ReadContext:
    """What every form of a batch is read with."""

    corpus: Corpus | None
    unavailable: str
    """Why the corpus is None (the content does not load, or there is none)."""
    wording: Wording
    lang: str
    today: dt.date


@dataclass
class FormRow:
    file: str
    form_id: str | None = None
    policy_id: str | None = None
    clause_id: str | None = None
    fields: dict[str, str | bool] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    """Each field's label on this form, in the report's language."""
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


def read_form(path: Path, context: ReadContext) -> FormRow:
    row = FormRow(str(path))
    say = Reporter(context.wording, context.lang)
    try:
        package = open_package(path, (DOCUMENT, STYLES, CUSTOM))
        read = read_fields(package.parts[DOCUMENT], package.parts.get(STYLES))
        properties = (
            read_custom_properties(package.parts[CUSTOM]) if CUSTOM in package.parts else {}
        )
    except Refused as exc:
        say.error("", "refused", exc.msgid, **exc.args_)
    except (ET.ParseError, ValueError, KeyError, UnicodeDecodeError, LookupError) as exc:
        # LookupError: an XML declaration naming an encoding that does not exist.
        say.error("", "bad-xml", N_("unreadable form XML (%(error)s)"), error=str(exc))
    else:
        _check(row, read, properties, context, say)
    row.problems = say.problems
    return row


def _check(
    row: FormRow,
    read: ReadFields,
    properties: dict[str, str],
    context: ReadContext,
    say: Reporter,
) -> None:
    row.form_id = properties.get("policydocs.form_id")
    row.policy_id = properties.get("policydocs.policy_id")
    row.clause_id = properties.get("policydocs.clause_id")
    row.fields = {name: value.value for name, value in read.values.items()}
    if row.form_id is None or row.policy_id is None or row.clause_id is None:
        say.error(
            "",
            "not-a-form",
            N_(
                "not a policydocs application form (it carries no form id); "
                "use the form from the portal"
            ),
        )
        return
    if row.form_id != f"PD-{row.policy_id}-{row.clause_id}":
        say.error(
            "",
            "identity",
            N_("the form's identity is inconsistent (form %(form)s, measure %(measure)s)"),
            form=row.form_id,
            measure=f"{row.policy_id}/{row.clause_id}",
        )
        return
    corpus = context.corpus
    if corpus is None:
        say.error(
            "",
            "no-content",
            N_("the measure cannot be checked: %(reason)s"),
            reason=context.unavailable,
        )
        return
    policy = corpus.policy(row.policy_id)
    clause = next((c for c in policy.clauses if c.id == row.clause_id), None) if policy else None
    if policy is None or clause is None or not clause.money_bearing:
        say.error(
            "",
            "measure-gone",
            N_(
                "the measure %(measure)s is not in the current content; the request cannot be "
                "checked against it"
            ),
            measure=f"{row.policy_id}/{row.clause_id}",
        )
        return
    view = form_view(corpus, policy, clause, Deps())
    spec = form_spec(view.rules, option_texts(view, context.wording))
    say.spec = spec
    row.labels = {name: say.label(name) for name in spec.fields}
    chosen = {o.key for o in chosen_options(spec, read.values)}
    check_fields(spec, read, chosen, say, context.today)
    row.fields = _in_form_order(spec, read)
    check_request(spec, read.values, say)
    check_version(properties, measure_fingerprint(policy, clause), spec.rules, say)


def _in_form_order(spec: FormSpec, read: ReadFields) -> dict[str, str | bool]:
    usable = {n for n in read.values if n not in read.unreadable}
    known = [name for name in spec.fields if name in usable]
    others = sorted(name for name in usable if name not in spec.fields)
    return {name: read.values[name].value for name in [*known, *others]}

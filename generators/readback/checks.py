"""What is wrong with the values of one returned form, field by field and across fields.

Fields, their kinds and which are required come from the form's spec for the measure as it
stands; the measure's amounts are checked in `measure`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from generators.forms.phrases import N_
from generators.forms.spec import Field, FormSpec
from generators.readback.fields import FieldValue, ReadFields
from generators.readback.report import Reporter
from generators.readback.validators import (
    check_email,
    check_phone,
    check_uscc,
    parse_amount,
    parse_date,
)

EMPTY_MARKS = frozenset({"", "无", "無", "none", "n/a", "na", "-", "—", "/", "／"})
"""What applicants write in a field that does not apply (the form asks for 无)."""
MAX_PLAUSIBLE_CNY = Decimal(10) ** 13
"""10万亿元: no figure on such a form comes near it; a larger one is a typing error."""
EARLIEST_REGISTRATION = dt.date(1949, 10, 1)
DECLARATION_AGE = dt.timedelta(days=366)
PHONES = ("contact_phone", "project_lead_phone")


def is_empty(value: str | bool) -> bool:
    if isinstance(value, bool):
        return not value
    return value.strip().lower() in EMPTY_MARKS


def check_fields(
    spec: FormSpec, read: ReadFields, chosen: set[str], say: Reporter, today: dt.date
) -> None:
    """Presence, kind, required and format of each field; then groups and cross-field rules.

    `chosen` holds the keys of the options applied for, which decide which of the
    measure's own fields are required.
    """
    _findings(spec, read, say)
    values = read.values
    for field in spec.fields.values():
        value = values.get(field.name)
        if value is None:
            if field.name not in read.unreadable:
                say.error(
                    field.name,
                    "missing",
                    N_("missing from the form, or unreadable (the form was altered)"),
                )
            continue
        if (value.kind == "checkbox") != (field.kind == "checkbox"):
            say.error(
                field.name, "wrong-kind", N_("is not the kind of field the form has here; ignored")
            )
            read.unreadable.add(field.name)
            continue
        _check_value(field, value, chosen, say)
    _one_of(spec, read, say)
    _requires(spec, read, say)
    _dates(values, say, today)
    _phones(values, say)


def _findings(spec: FormSpec, read: ReadFields, say: Reporter) -> None:
    for finding in read.findings:
        if finding.kind == "unidentified":
            say.error(
                "",
                "unidentified-field",
                N_(
                    "a form field cannot be identified (it has no name, or its name and help "
                    "text disagree: %(names)s); its value is not used"
                ),
                names=finding.name or "—",
            )
        elif finding.kind == "duplicate":
            say.error(
                finding.name,
                "duplicate-field",
                N_("appears %(count)s times in the form; none of its values is used"),
                count=finding.detail,
            )
        elif finding.kind == "hidden":
            say.error(
                finding.name,
                "hidden-field",
                N_(
                    "a copy of this field is hidden in the document (the form was altered); "
                    "the hidden copy is ignored"
                ),
            )
        elif finding.kind == "hidden-text":
            say.warning(
                "",
                "hidden-text",
                N_("the form holds hidden text, which is ignored: %(text)s"),
                text=say.quote(finding.detail),
            )
    for name in sorted(set(read.values) - set(spec.fields)):
        say.warning(
            "",
            "unknown-field",
            N_("field %(name)s is not on the current form of this measure; it is ignored"),
            name=name,
        )


def _check_value(field: Field, value: FieldValue, chosen: set[str], say: Reporter) -> None:
    content = value.value
    if isinstance(content, bool):
        if field.required and not content:
            say.error(field.name, "attachment-missing", N_("required attachment is not ticked"))
        return
    if is_empty(content):
        if field.for_options:
            needed = sorted(chosen & set(field.for_options))
            if needed:
                say.error(
                    field.name,
                    "required",
                    N_("required for the support applied for (%(options)s)"),
                    options=say.join(needed),
                )
        elif field.required:
            say.error(field.name, "required", N_("required field is empty"))
        return
    text = content.strip()
    if field.kind == "amount":
        amount = parse_amount(text)
        if amount is None:
            say.error(
                field.name,
                "not-an-amount",
                N_("%(value)s is not an amount in yuan (digits, at most two decimals)"),
                value=say.quote(text),
            )
        elif amount > MAX_PLAUSIBLE_CNY:
            say.error(
                field.name,
                "implausible-amount",
                N_("%(value)s is not a plausible amount (above 10 trillion yuan)"),
                value=say.money(amount),
            )
    elif field.kind == "count" and not (text.isdigit() and int(text) > 0):
        say.error(
            field.name,
            "not-a-count",
            N_("%(value)s is not a whole number above 0"),
            value=say.quote(text),
        )
    elif field.kind == "date" and parse_date(text) is None:
        say.error(
            field.name,
            "not-a-date",
            N_("%(value)s is not a date (YYYY-MM-DD)"),
            value=say.quote(text),
        )
    elif field.name == "uscc":
        errors, warnings = check_uscc(text)
        for msgid, args in errors:
            say.error("uscc", "uscc", msgid, **args)
        for msgid, args in warnings:
            say.warning("uscc", "uscc-organization", msgid, **args)
    elif field.name in PHONES and (bad := check_phone(text)):
        say.error(field.name, "phone", bad[0], value=say.quote(text))
    elif field.name == "contact_email" and (bad := check_email(text)):
        say.error(field.name, "email", bad[0], value=say.quote(text))


def _one_of(spec: FormSpec, read: ReadFields, say: Reporter) -> None:
    for group in spec.one_of:
        if any(name not in read.values for name in group.fields):
            continue  # an unreadable box: reported already, and no conclusion is safe
        ticked = [n for n in group.fields if read.values[n].value is True]
        name = group.fields[0]
        label = say.phrase(group.label)
        if not ticked:
            say.group_error(name, label, "none-ticked", N_("none is ticked; tick one"))
        elif len(ticked) > 1:
            say.group_error(
                name,
                label,
                "several-ticked",
                N_("more than one is ticked (%(ticked)s); tick one"),
                ticked=say.join([say.label(n) for n in ticked]),
            )


def _requires(spec: FormSpec, read: ReadFields, say: Reporter) -> None:
    values = read.values
    for rule in spec.requires:
        box, target = values.get(rule.when), values.get(rule.field)
        if box is None or target is None or box.value is not True:
            continue
        filled = not is_empty(target.value)
        if rule.filled and not filled:
            say.error(
                rule.field,
                "required",
                N_("must be filled in when %(box)s is ticked"),
                box=say.quote(say.label(rule.when)),
            )
        elif not rule.filled and filled:
            say.error(
                rule.field,
                "contradiction",
                N_("holds %(value)s although %(box)s is ticked"),
                value=say.quote(str(target.value)),
                box=say.quote(say.label(rule.when)),
            )


def _dates(values: dict[str, FieldValue], say: Reporter, today: dt.date) -> None:
    declared = _date(values, "declaration_date")
    registered = _date(values, "registration_date")
    if declared is not None:
        if declared > today + dt.timedelta(days=1):
            say.error(
                "declaration_date",
                "future-date",
                N_("%(date)s is in the future (today is %(today)s)"),
                date=declared.isoformat(),
                today=today.isoformat(),
            )
        elif declared < today - DECLARATION_AGE:
            say.warning(
                "declaration_date",
                "old-date",
                N_("%(date)s is more than a year ago; ask for a current declaration"),
                date=declared.isoformat(),
            )
    if registered is not None:
        if registered > today + dt.timedelta(days=1):
            say.error(
                "registration_date",
                "future-date",
                N_("%(date)s is in the future (today is %(today)s)"),
                date=registered.isoformat(),
                today=today.isoformat(),
            )
        elif registered < EARLIEST_REGISTRATION:
            say.error(
                "registration_date",
                "implausible-date",
                N_("%(date)s is before 1949-10-01: not a plausible registration date"),
                date=registered.isoformat(),
            )
        elif declared is not None and registered > declared:
            say.error(
                "registration_date",
                "date-order",
                N_("%(date)s is after the date of the declaration (%(declared)s)"),
                date=registered.isoformat(),
                declared=declared.isoformat(),
            )


def _date(values: dict[str, FieldValue], name: str) -> dt.date | None:
    field = values.get(name)
    if field is None or not isinstance(field.value, str):
        return None
    return parse_date(field.value)


def _phones(values: dict[str, FieldValue], say: Reporter) -> None:
    contact, lead = (values.get(n) for n in PHONES)
    if contact is None or lead is None:
        return
    same = isinstance(contact.value, str) and contact.value.strip() == str(lead.value).strip()
    if same and not is_empty(contact.value):
        say.warning(
            "project_lead_phone",
            "same-phone",
            N_(
                "the project lead and the contact person give the same phone; funding "
                "offices usually require two different people"
            ),
        )


def text_value(values: dict[str, FieldValue], name: str) -> str:
    field = values.get(name)
    if field is None or not isinstance(field.value, str) or is_empty(field.value):
        return ""
    return field.value.strip()


def amount_value(values: dict[str, FieldValue], name: str) -> Decimal | None:
    text = text_value(values, name)
    return parse_amount(text) if text else None

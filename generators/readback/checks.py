"""What is wrong with one filled form: empty, malformed or out-of-bounds values."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generators.formspec import CHOOSE, EMPTY_MARKS, FIELDS
from generators.i18n.formatting import format_cny
from generators.readback.fields import FieldValue
from generators.readback.validators import (
    check_email,
    check_phone,
    check_uscc,
    parse_amount,
    parse_capital_amount,
    parse_date,
)


@dataclass(frozen=True)
class FormProblem:
    field: str
    severity: str
    message: str

    def as_json(self) -> dict[str, str]:
        return {"field": self.field, "severity": self.severity, "message": self.message}


def is_empty(value: str | bool) -> bool:
    if isinstance(value, bool):
        return not value
    return value.strip().lower() in EMPTY_MARKS or value.strip() in (CHOOSE, "")


def check_values(values: dict[str, FieldValue], properties: dict[str, str]) -> list[FormProblem]:
    problems: list[FormProblem] = []

    def error(field: str, message: str) -> None:
        problems.append(FormProblem(field, "error", message))

    def warning(field: str, message: str) -> None:
        problems.append(FormProblem(field, "warning", message))

    for expected in FIELDS.values():
        if expected.on_every_form and expected.name not in values:
            error(expected.name, "field is missing from the form (the form was altered)")
    for name, field in values.items():
        spec = FIELDS.get(name)
        if spec is None:
            continue
        value = field.value
        if (
            spec.type == "dropdown"
            and isinstance(value, str)
            and field.entries
            and value == field.entries[0]
        ):
            value = ""  # still on "Please choose"
        if is_empty(value):
            if spec.required:
                error(name, "required field is empty")
            continue
        if not isinstance(value, str):
            continue
        if spec.type == "amount" and parse_amount(value) is None:
            error(name, f"{value!r} is not an amount in yuan (digits, at most two decimals)")
        elif spec.type == "number" and not value.strip().isdigit():
            error(name, f"{value!r} is not a whole number")
        elif spec.type == "date" and parse_date(value) is None:
            error(name, f"{value!r} is not a date (YYYY-MM-DD)")
    text = {n: f.value for n, f in values.items() if isinstance(f.value, str)}
    if "uscc" in text and not is_empty(text["uscc"]):
        errors, warnings = check_uscc(text["uscc"])
        for message in errors:
            error("uscc", message)
        for message in warnings:
            warning("uscc", message)
    for name in ("contact_phone", "project_lead_phone"):
        if name in text and not is_empty(text[name]) and (bad := check_phone(text[name])):
            error(name, bad)
    if (
        "contact_email" in text
        and not is_empty(text["contact_email"])
        and (bad := check_email(text["contact_email"]))
    ):
        error("contact_email", bad)
    if (
        {"contact_phone", "project_lead_phone"} <= text.keys()
        and not is_empty(text["contact_phone"])
        and text["contact_phone"].strip() == text["project_lead_phone"].strip()
    ):
        warning(
            "project_lead_phone",
            "project lead and contact person give the same phone; "
            "funding offices usually require two different people",
        )
    problems.extend(_check_request(text, properties))
    return problems


def _check_request(text: dict[str, str], properties: dict[str, str]) -> list[FormProblem]:
    problems: list[FormProblem] = []
    requested = parse_amount(text.get("requested_amount_cny", ""))
    if requested is None:
        return problems
    cap = properties.get("policydocs.max_cny", "")
    if cap.isdigit() and requested > Decimal(cap):
        problems.append(
            FormProblem(
                "requested_amount_cny",
                "error",
                f"requested amount {requested:,.2f} yuan is above the cap of this measure "
                f"({int(cap):,} yuan, {format_cny(int(cap), 'zh')})",
            )
        )
    rate = properties.get("policydocs.rate_pct", "")
    eligible = parse_amount(text.get("eligible_cost_cny", ""))
    if rate and eligible is not None:
        high = Decimal(rate.split("-")[-1])
        limit = (eligible * high / 100).quantize(Decimal("0.01"))
        if requested > limit:
            problems.append(
                FormProblem(
                    "requested_amount_cny",
                    "error",
                    f"requested amount {requested:,.2f} yuan is above {rate}% of the eligible cost "
                    f"{eligible:,.2f} yuan ({limit:,.2f} yuan)",
                )
            )
    words = text.get("requested_amount_words", "")
    if words and not is_empty(words):
        spelled = parse_capital_amount(words)
        if spelled is None:
            problems.append(
                FormProblem(
                    "requested_amount_words",
                    "error",
                    f"{words!r} is not an amount in Chinese capital numerals",
                )
            )
        elif spelled != requested:
            problems.append(
                FormProblem(
                    "requested_amount_words",
                    "error",
                    f"amount in words ({spelled:,.2f} yuan) differs from the amount in figures "
                    f"({requested:,.2f} yuan)",
                )
            )
    return problems

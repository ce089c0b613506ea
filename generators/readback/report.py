"""Problems of returned forms, worded for the reviewer: Chinese by default, with the
form's own labels; English on request."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from generators.forms.phrases import Phrase
from generators.forms.spec import FormSpec
from generators.forms.wording import Wording
from generators.i18n.formatting import format_cny

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class FormProblem:
    field: str
    """The field's name; empty for the form as a whole."""
    label: str
    """The field's label on the form, in the report's language."""
    severity: Severity
    message: str
    code: str = ""
    """A stable short name for the kind of problem (above-cap, hidden-field…)."""

    def as_json(self) -> dict[str, str]:
        return {
            "field": self.field,
            "label": self.label,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }

    def text(self, lang: str) -> str:
        if not self.label:
            return self.message
        return f"{self.label}：{self.message}" if lang == "zh" else f"{self.label}: {self.message}"


class Reporter:
    """Words problems in one language with one form's labels, and collects them."""

    def __init__(self, wording: Wording, lang: str, spec: FormSpec | None = None) -> None:
        self.wording = wording
        self.lang = lang
        self.spec = spec
        self.problems: list[FormProblem] = []

    def say(self, msgid: str, **args: object) -> str:
        return self.wording.message(msgid, self.lang, **args)

    def phrase(self, phrase: Phrase) -> str:
        return self.wording.text(phrase, self.lang)

    def label(self, name: str) -> str:
        if self.spec is None or name not in self.spec.fields:
            return name
        return self.phrase(self.spec.fields[name].label)

    def error(self, field: str, code: str, msgid: str, /, **args: object) -> None:
        self._add(field, None, "error", code, msgid, args)

    def warning(self, field: str, code: str, msgid: str, /, **args: object) -> None:
        self._add(field, None, "warning", code, msgid, args)

    def group_error(self, field: str, label: str, code: str, msgid: str, /, **args: object) -> None:
        """A problem of a group of tick boxes, labelled with the group's label."""
        self._add(field, label, "error", code, msgid, args)

    def _add(
        self,
        field: str,
        label: str | None,
        severity: Severity,
        code: str,
        msgid: str,
        args: dict[str, object],
    ) -> None:
        shown = label if label is not None else (self.label(field) if field else "")
        self.problems.append(FormProblem(field, shown, severity, self.say(msgid, **args), code))

    def money(self, amount: Decimal | int) -> str:
        """4,000,000.00元（400万元） / RMB 4,000,000.00 (RMB 4 million)."""
        value = Decimal(amount)
        whole = int(value)
        compact = format_cny(whole, self.lang) if whole == value and whole >= 10_000 else ""
        if self.lang == "zh":
            return f"{value:,.2f}元" + (f"（{compact}）" if compact else "")
        return f"RMB {value:,.2f}" + (f" ({compact})" if compact else "")

    def cny(self, amount: int | None) -> str:
        return "—" if amount is None else format_cny(amount, self.lang)

    def quote(self, value: str, limit: int | None = 40) -> str:
        """A value as typed (cut at `limit` characters), or a name, in quotation marks."""
        shown = value if limit is None or len(value) <= limit else value[: limit - 1] + "…"
        return f"“{shown}”" if self.lang == "zh" else f'"{shown}"'

    def join(self, items: list[str]) -> str:
        return ("、" if self.lang == "zh" else ", ").join(items)

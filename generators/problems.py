"""Problems found in input, collected and reported together (file, line, field, message)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str
    severity: Severity = "error"
    code: str = ""
    """A stable short name for the kind of problem (figure-mismatch, stale-translation…)."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.field}:" if self.field else ""
        return f"{where}: {self.severity}:{field} {self.message}"

    def as_json(self) -> dict[str, object]:
        return asdict(self)


class ContentInvalid(Exception):
    """Content failed validation; every problem found is attached."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=_order)
        super().__init__(f"{len(self.errors)} error(s) in content")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _order(problem: Problem) -> tuple[str, int, str]:
    return (problem.file, problem.line or 0, problem.field)


def describe_value(value: object) -> str:
    """attrs-style description of a received value: '500万' that is a str."""
    if value is None:
        return "nothing"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} that is a {type(value).__name__}"

"""The content model: typed, frozen, validated records of policies and their clauses."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    field_validator,
    model_validator,
)

from generators.fingerprint import text_fingerprint

IncentiveKind = Literal["award", "subsidy", "grant", "reimbursement", "other"]
Per = Literal["project", "item", "company", "product", "platform", "person", "year"]
ClauseKind = Literal["item", "article", "box-item", "section", "chapter"]
DivisionKind = Literal["chapter", "section", "box"]
TranslationStatus = Literal["current", "stale", "missing"]
MAX_PLAUSIBLE_CNY = 10_000_000_000
"""No single support measure of a city reaches 100亿元; larger caps are typos."""


class Record(BaseModel):
    # Scalars are strict (no "500" for 500); lists may stand for tuples.
    model_config = ConfigDict(frozen=True, extra="ignore")


class BiText(Record):
    """A Chinese text, the authority, with its English translation and what it was made from."""

    zh: str = Field(min_length=1)
    en: str | None = None
    en_fp: str | None = Field(default=None, pattern=r"^[0-9a-f]{12}$")
    """Fingerprint of the Chinese the English was translated from."""

    @model_validator(mode="after")
    def _english_has_fingerprint(self) -> BiText:
        if self.en is not None and self.en_fp is None:
            raise ValueError("has English but no 'en_fp' fingerprint of the Chinese it translates")
        return self

    @property
    def fingerprint(self) -> str:
        return text_fingerprint(self.zh)

    @property
    def status(self) -> TranslationStatus:
        if not self.en:
            return "missing"
        return "current" if self.en_fp == self.fingerprint else "stale"


class Tier(Record):
    threshold_cny: StrictInt | None = Field(default=None, ge=0)
    amount_cny: StrictInt = Field(ge=0, le=MAX_PLAUSIBLE_CNY)


class Incentive(Record):
    kind: IncentiveKind
    max_cny: StrictInt | None = Field(default=None, ge=0, le=MAX_PLAUSIBLE_CNY)
    rate_pct: float | tuple[float, float] | None = None
    basis: BiText | None = None
    """What the rate applies to (攻关投入, 年度销售总额)."""
    per: tuple[Per, ...] = ()
    tiers: tuple[Tier, ...] = ()
    subject: BiText
    """The words of the clause that grant this incentive."""

    @field_validator("rate_pct", mode="before")
    @classmethod
    def _ints_are_rates(cls, value: object) -> object:
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return float(value)
        if isinstance(value, list):
            return tuple(
                float(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in value
            )
        return value

    @field_validator("rate_pct")
    @classmethod
    def _rate_in_range(cls, value: float | tuple[float, float] | None) -> object:
        if value is None:
            return value
        low, high = (value, value) if isinstance(value, float) else value
        if not 0 < low <= 100 or not 0 < high <= 100:
            got = f"{low:g}" if low == high else f"{low:g} to {high:g}"
            raise ValueError(f"must be a percentage above 0 and at most 100 (got {got})")
        if low > high:
            raise ValueError(f"must go from low to high (got {low:g} to {high:g})")
        return value


class Division(Record):
    key: str = Field(pattern=r"^[a-z0-9.]+$")
    kind: DivisionKind
    number: str
    heading: BiText | None = None
    parent: str | None = None
    intro: tuple[BiText, ...] = ()
    """Lead-in paragraphs before the division's own numbered items (not clauses)."""
    notes: tuple[BiText, ...] = ()
    """Paragraphs after the division's last item (not clauses)."""


class Clause(Record):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9.\-]*$")
    number: str
    kind: ClauseKind
    division: str | None = None
    sectors: tuple[str, ...] | None = None
    """Sectors this clause serves; None means those of its policy."""
    title: BiText
    text: BiText | None = None
    departments: tuple[str, ...] = ()
    units_note: str | None = None
    """The responsible-unit annotation as written in the source."""
    incentives: tuple[Incentive, ...] = ()
    reviewed: StrictBool = False

    @property
    def max_cny(self) -> int | None:
        caps = [i.max_cny for i in self.incentives if i.max_cny is not None]
        return max(caps) if caps else None

    @property
    def has_rate(self) -> bool:
        return any(i.rate_pct is not None for i in self.incentives)

    @property
    def money_bearing(self) -> bool:
        """A clause with a money cap or a support rate: it gets an application form."""
        return self.max_cny is not None or self.has_rate


class Policy(Record):
    id: str
    title: BiText
    level: str | None = None
    doc_number: str | None = None
    issued: dt.date | None = None
    source: str | None = None
    sectors: tuple[str, ...] = ()
    preamble: tuple[BiText, ...] = ()
    notes: tuple[BiText, ...] = ()
    divisions: tuple[Division, ...] = ()
    clauses: tuple[Clause, ...] = ()

    def clause_sectors(self, clause: Clause) -> tuple[str, ...]:
        return clause.sectors if clause.sectors is not None else self.sectors

    def division(self, key: str | None) -> Division | None:
        return next((d for d in self.divisions if d.key == key), None)

    def qualified(self, clause: Clause) -> str:
        return f"{self.id}/{clause.id}"


class GlossaryEntry(Record):
    en: str = Field(min_length=1)
    note: str | None = None


class Glossary(Record):
    departments: dict[str, GlossaryEntry] = {}
    terms: dict[str, GlossaryEntry] = {}

    def department_en(self, name: str) -> str | None:
        entry = self.departments.get(name)
        return entry.en if entry else None


class Sector(Record):
    zh: str
    en: str
    keywords: tuple[str, ...] = ()
    summary: BiText | None = None


class Settings(Record):
    edition: dt.date
    """Edition date printed on outputs and used as the PDF and DOCX date."""
    publisher: BiText | None = None


class Corpus(Record):
    policies: tuple[Policy, ...]
    glossary: Glossary
    sectors: dict[str, Sector]
    settings: Settings

    def policy(self, policy_id: str) -> Policy | None:
        return next((p for p in self.policies if p.id == policy_id), None)

    def serving(self, sector: str) -> list[tuple[Policy, Clause]]:
        """Every clause serving a sector, in policy and reading order."""
        return [(p, c) for p in self.policies for c in p.clauses if sector in p.clause_sectors(c)]

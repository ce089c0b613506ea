"""The content model: typed, frozen, validated records of policies and their clauses."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)

from generators.fingerprint import text_fingerprint

IncentiveKind = Literal["award", "subsidy", "grant", "reimbursement", "other"]
Per = Literal["project", "company", "platform", "year"]
"""The scope a maximum applies to: 单个项目, 单个企业, 单个平台, 每年/年度."""
AmountIs = Literal["maximum", "fixed", "case-by-case"]
"""最高/不超过/不高于 X: a maximum; 给予X万元 with no such word: a fixed sum; 一事一议: decided
case by case, with no amount stated."""
RateIs = Literal["maximum", "fixed", "range"]
"""最高按…50%: a maximum; 按…20%给予: fixed; 10%~30%: a range within which the office decides."""
RateUnit = Literal["percent", "points"]
"""A rate in percent of its basis, or in percentage points (贴息不超过1.5个百分点)."""
TiersCombine = Literal["alternatives", "cumulative", "difference"]
"""One tier applies; every tier reached pays; or moving up pays only the difference (晋档补差)."""
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

    @cached_property
    def fingerprint(self) -> str:
        return text_fingerprint(self.zh)

    @cached_property
    def status(self) -> TranslationStatus:
        if not self.en:
            return "missing"
        return "current" if self.en_fp == self.fingerprint else "stale"


class Tier(Record):
    threshold_cny: StrictInt | None = Field(default=None, ge=0)
    amount_cny: StrictInt = Field(ge=0, le=MAX_PLAUSIBLE_CNY)


class Incentive(Record):
    kind: IncentiveKind
    target: BiText | None = None
    """Who or what the incentive is for, in the policy's words (集成电路设计企业)."""
    max_cny: StrictInt | None = Field(default=None, ge=0, le=MAX_PLAUSIBLE_CNY)
    """The amount in yuan: a maximum or a fixed sum, as `amount_is` says."""
    amount_is: AmountIs | None = None
    per_unit: BiText | None = None
    """The amount is paid per this counted unit (每个产品 → 产品, 100万元/项 → 项)."""
    rate_pct: float | tuple[float, float] | None = None
    rate_is: RateIs | None = None
    rate_unit: RateUnit = "percent"
    basis: BiText | None = None
    """What the rate, or the amount, is reckoned from (攻关投入, 年度销售总额, 采购额)."""
    per: tuple[Per, ...] = ()
    tiers: tuple[Tier, ...] = ()
    tiers_combine: TiersCombine | None = None
    threshold: BiText | None = None
    """What tier thresholds measure (年销售收入首次突破)."""
    subject: BiText
    """The words of the clause that grant this incentive."""

    @model_validator(mode="after")
    def _qualified(self) -> Incentive:
        # A figure without its qualifier is how "up to 50%" became "50%": refuse it.
        if self.max_cny is not None and self.amount_is is None:
            raise ValueError("has 'max_cny' but no 'amount_is' (maximum or fixed)")
        if self.max_cny is None and self.amount_is not in (None, "case-by-case"):
            raise ValueError(f"has 'amount_is: {self.amount_is}' but no 'max_cny'")
        if self.max_cny is not None and self.amount_is == "case-by-case":
            raise ValueError("is 'case-by-case' but states an amount in 'max_cny'")
        if self.rate_pct is not None and self.rate_is is None:
            raise ValueError("has 'rate_pct' but no 'rate_is' (maximum, fixed or range)")
        if self.rate_pct is None and self.rate_is is not None:
            raise ValueError("has 'rate_is' but no 'rate_pct'")
        is_range = isinstance(self.rate_pct, tuple) and self.rate_pct[0] != self.rate_pct[1]
        if self.rate_pct is not None and is_range != (self.rate_is == "range"):
            raise ValueError(
                "'rate_is' must be 'range' exactly when 'rate_pct' is a [low, high] range "
                f"(got {self.rate_is!r})"
            )
        if self.tiers and self.tiers_combine is None:
            raise ValueError(
                "has 'tiers' but no 'tiers_combine' (alternatives, cumulative or difference)"
            )
        return self

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
    title: BiText | None = None
    """The clause's own heading; None when it has none (a whole provision is all text)."""
    text: BiText | None = None
    departments: tuple[str, ...] = ()
    units_note: str | None = None
    """The responsible-unit annotation as written in the source."""
    incentives: tuple[Incentive, ...] = ()
    reviewed: StrictBool = False

    @model_validator(mode="after")
    def _has_words(self) -> Clause:
        if self.title is None and self.text is None:
            raise ValueError("has neither 'title' nor 'text'")
        return self

    # Cached: models are frozen, and views ask these of every clause many times over.
    @cached_property
    def max_cny(self) -> int | None:
        caps = [i.max_cny for i in self.incentives if i.max_cny is not None]
        return max(caps) if caps else None

    @cached_property
    def has_rate(self) -> bool:
        return any(i.rate_pct is not None for i in self.incentives)

    @cached_property
    def money_bearing(self) -> bool:
        """A clause with a money cap or a support rate: it gets an application form."""
        return self.max_cny is not None or self.has_rate


class Contact(Record):
    """Where and how to apply, as the policy or its office publishes it; never invented.

    Every part is optional, but a contact states at least one of them.
    """

    office: str | None = Field(default=None, min_length=1)
    """The office that receives applications, as written; its English comes from the glossary."""
    address: BiText | None = None
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9][0-9 ()\-]{4,30}[0-9]$")
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    submission: BiText | None = None
    """How applications are submitted (在线申报系统, 纸质材料报送…), in the published words."""

    @model_validator(mode="after")
    def _says_something(self) -> Contact:
        if not any((self.office, self.address, self.phone, self.email, self.submission)):
            raise ValueError(
                "is empty: give at least one of office, address, phone, email, submission"
            )
        return self


class Policy(Record):
    id: str
    title: BiText
    level: str | None = None
    issuer: BiText | None = None
    """The issuing office, as the published text names it."""
    contact: Contact | None = None
    """Where and how to apply for this policy's measures, when the policy says."""
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
        return self._divisions.get(key) if key is not None else None

    @cached_property
    def _divisions(self) -> dict[str, Division]:
        found: dict[str, Division] = {}
        for division in self.divisions:
            found.setdefault(division.key, division)  # the first, as a search would find
        return found

    def qualified(self, clause: Clause) -> str:
        return f"{self.id}/{clause.id}"


class GlossaryEntry(Record):
    en: str = Field(min_length=1)
    note: str | None = None


Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Glossary(Record):
    departments: dict[str, GlossaryEntry] = {}
    terms: dict[str, GlossaryEntry] = {}
    discouraged: dict[Phrase, Phrase] = {}
    """English phrasings that mislead or read as translationese, each with what to write."""
    intensifiers: dict[Phrase, Annotated[tuple[Phrase, ...], Field(min_length=1)]] = {}
    """English words that claim importance ('major', 'key'), each with the Chinese words
    that justify it (重大, 重点…) next to a glossary term."""

    def department_en(self, name: str) -> str | None:
        entry = self.departments.get(name)
        return entry.en if entry else None


class Sector(Record):
    zh: str
    en: str
    keywords: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    """Other names people search the sector by (半导体, semiconductor, IC); the portal's
    finder reads a query naming one as naming the sector. Latin ones match whole words."""
    summary: BiText | None = None
    contact: Contact | None = None
    """Where and how to apply for the sector's measures, when its office publishes it."""

    @field_validator("synonyms")
    @classmethod
    def _synonyms_are_words(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for synonym in value:
            if not synonym.strip() or synonym != synonym.strip():
                raise ValueError(
                    f"must be names without leading or trailing spaces (got {synonym!r})"
                )
        return value


class Settings(Record):
    edition: dt.date
    """Edition date printed on outputs and used as the PDF and DOCX date."""
    publisher: BiText | None = None
    base_url: str | None = None
    """The public address where output/ is published (https://example.gov.cn/policies/).
    When set, summaries, briefs and the portal's copy-link buttons link absolutely."""

    @field_validator("base_url")
    @classmethod
    def _absolute_address(cls, value: str | None) -> str | None:
        if value is None:
            return value
        from urllib.parse import urlsplit

        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(
                "must be an absolute http:// or https:// address of the published output/ "
                f"folder (got {value!r})"
            )
        if parts.query or parts.fragment or parts.username or parts.password:
            raise ValueError(
                "must be a plain folder address, without query, fragment or user name "
                f"(got {value!r})"
            )
        if any(c.isspace() for c in value):
            raise ValueError(f"must not contain spaces (got {value!r})")
        return value if value.endswith("/") else value + "/"


Keyword = Annotated[str, Field(min_length=1)]
"""A word matched inside other words: an empty one would match everything."""


class Activity(Record):
    """Something a company does or plans, as the measure matcher asks it."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)
    keywords: tuple[Keyword, ...] = Field(min_length=1)
    """Chinese words: an incentive whose own words contain one may support the activity."""


class Applicant(Record):
    """A kind of applicant the matcher asks about (企业, 科研院所, 医疗机构…)."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)
    keywords: tuple[Keyword, ...] = ()
    """Chinese words naming this kind of applicant in what an incentive is for."""
    kind_of: str | None = None
    """A broader kind it belongs to (an IC design company is a company)."""


class Matcher(Record):
    """The keyword table of content/matcher.yaml: activities and kinds of applicant."""

    activities: dict[str, Activity] = {}
    applicants: dict[str, Applicant] = {}


class Corpus(Record):
    policies: tuple[Policy, ...]
    glossary: Glossary
    sectors: dict[str, Sector]
    settings: Settings
    matcher: Matcher = Matcher()

    def policy(self, policy_id: str) -> Policy | None:
        return next((p for p in self.policies if p.id == policy_id), None)

    def serving(self, sector: str) -> list[tuple[Policy, Clause]]:
        """Every clause serving a sector, in policy and reading order."""
        return [(p, c) for p in self.policies for c in p.clauses if sector in p.clause_sectors(c)]

"""Provisions that govern a policy's other measures, recognised from their Chinese wording.

Scope, eligibility, no double funding, annual caps per enterprise, recognition windows,
validity, interpretation and cost sharing bind every measure of a policy although they
grant nothing themselves. Readers of a brief, a summary or a form need them beside the
money, so outputs collect them as "conditions that apply to every measure".

The Chinese decides: a paragraph is a condition when its Chinese says so in one of the
wordings below. A whole paragraph is kept (its English is translated per paragraph),
tagged with every kind it matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from generators.model import BiText, Clause, Policy

ProvisionKind = Literal[
    "scope",
    "eligibility",
    "no-double-funding",
    "annual-cap",
    "recognition-window",
    "validity",
    "interpretation",
    "funding-arrangement",
]

_DOCUMENT = (
    r"本(?:政策|措施|若干措施|办法|方案|实施方案|计划|行动计划|意见|若干意见|细则|规定|文件)"
)

PATTERNS: tuple[tuple[ProvisionKind, re.Pattern[str]], ...] = (
    (
        "scope",
        re.compile(
            rf"{_DOCUMENT}(?:所指|所称)|{_DOCUMENT}重点支持领域|范围(?:主要)?(?:涵盖|包括|包含)"
        ),
    ),
    ("eligibility", re.compile(rf"{_DOCUMENT}适用于|适用对象")),
    ("no-double-funding", re.compile(r"就高不重复|不重复(?:享受|支持|资助|奖励)|不得重复申报")),
    (
        "annual-cap",
        re.compile(
            r"(?:单个|同一)(?:企业|单位|项目)(?:每年|年度)[^。；;]{0,40}?(?:最高|不超过|上限)"
            r"|(?:每年|年度)享受[^。；;]{0,30}?(?:最高|上限)"
        ),
    ),
    ("recognition-window", re.compile(r"认定时限|申报时限|认定期限|申报期限")),
    ("validity", re.compile(r"自(?:发布|印发)之日起(?:施行|实施|执行)|有效期")),
    ("interpretation", re.compile(r"负责解释|解释权")),
    ("funding-arrangement", re.compile(r"按现行财政体制|两级财政按比例|财政按比例")),
)


def provision_kinds(chinese: str) -> tuple[ProvisionKind, ...]:
    """Every kind of governing provision the Chinese text states, in a fixed order."""
    return tuple(kind for kind, pattern in PATTERNS if pattern.search(chinese))


@dataclass(frozen=True)
class Provision:
    """A paragraph of a policy that governs its measures."""

    kinds: tuple[ProvisionKind, ...]
    text: BiText
    clause: Clause | None
    """The clause it is, or None for a lead-in or closing paragraph of a division or policy."""
    division: str | None
    """The division whose lead-in or closing paragraph it is (None for the policy's own)."""
    part: str
    """Where it stands, as a data path the deps and labels name: text, intro.0, notes.1."""


def governing_provisions(policy: Policy) -> Iterator[Provision]:
    """The policy's governing provisions in reading order.

    Clauses that grant money are shown in full wherever their money is, so only clauses
    without incentives count here; their own heading is kept apart (a heading alone is
    never a condition).
    """
    for division in policy.divisions:
        for index, para in enumerate(division.intro):
            if kinds := provision_kinds(para.zh):
                yield Provision(kinds, para, None, division.key, f"intro.{index}")
    for clause in policy.clauses:
        if clause.incentives or clause.text is None:
            continue
        if kinds := provision_kinds(clause.text.zh):
            yield Provision(kinds, clause.text, clause, clause.division, "text")
    for division in policy.divisions:
        for index, para in enumerate(division.notes):
            if kinds := provision_kinds(para.zh):
                yield Provision(kinds, para, None, division.key, f"notes.{index}")
    for index, para in enumerate(policy.notes):
        if kinds := provision_kinds(para.zh):
            yield Provision(kinds, para, None, None, f"notes.{index}")

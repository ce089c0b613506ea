"""Which activities an incentive may support and which kinds of applicant it names.

The portal's measure matcher (政策计算器) asks what a company does or plans and what kind
of organisation it is. Both answers are matched against the incentive's own Chinese words
through the keyword table of content/matcher.yaml, never through a list of clauses:

- activities: an incentive may support an activity when the words of its clause heading,
  its subject, whom it is for and its basis contain one of the activity's keywords;
- applicants: whom an incentive is for is the head of its target phrase (the words after
  the last 的, split at 、/和/及/与/或 into the things named). Each named thing that ends
  with an applicant keyword names that kind of applicant (the longest keyword wins:
  设计企业 before 企业). An incentive naming no kind of applicant is open to any.

An applicant of a kind that is `kind_of` another (an IC design company is a company) is
offered the incentives for either kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generators.model import Matcher

_CONJUNCTIONS = re.compile(r"[、，,；;]|和|及|与|或")
_TRAILING = re.compile(r"(?:[（(][^（）()]*[)）]|[\s“”\"'‘’》」』]+)+$")
_LEADING = re.compile(r"^[\s“”\"'‘’《「『]+")


@dataclass(frozen=True)
class IncentiveTags:
    activities: tuple[str, ...]
    """Keys of the activities the incentive may support, in table order."""
    applicants: tuple[str, ...]
    """Keys of the kinds of applicant it names; empty: open to any."""


def incentive_tags(matcher: Matcher, words: str, whom: str) -> IncentiveTags:
    """Tags from an incentive's Chinese words and the phrase saying whom it is for."""
    activities = tuple(
        key
        for key, activity in matcher.activities.items()
        if any(keyword in words for keyword in activity.keywords)
    )
    return IncentiveTags(activities, applicant_kinds(matcher, whom))


def applicant_kinds(matcher: Matcher, whom: str) -> tuple[str, ...]:
    """The kinds of applicant a target phrase names (see the module's rule)."""
    head = whom.rsplit("的", 1)[-1]
    found: list[str] = []
    for part in _CONJUNCTIONS.split(head):
        thing = _LEADING.sub("", _TRAILING.sub("", part.strip()))
        best: tuple[int, str] | None = None
        for key, applicant in matcher.applicants.items():
            for keyword in applicant.keywords:
                if thing.endswith(keyword) and (best is None or len(keyword) > best[0]):
                    best = (len(keyword), key)
        if best is not None and best[1] not in found:
            found.append(best[1])
    order = list(matcher.applicants)
    return tuple(sorted(found, key=order.index))


def applicant_lineage(matcher: Matcher, key: str) -> tuple[str, ...]:
    """The kind and every broader kind it belongs to, nearest first."""
    chain: list[str] = []
    current: str | None = key
    while current is not None and current not in chain and current in matcher.applicants:
        chain.append(current)
        current = matcher.applicants[current].kind_of
    return tuple(chain)

"""The portal finder's index, built at build time and embedded in the page as JSON.

The page's script (templates/portal/portal.js) reads a query the way people type it and
compares it with this index, offline. Per measure the index holds its words by field,
from the most telling to the least (heading, whom/what it is for, clause text, units),
each field once as normalised Chinese text (matched as a substring) and once as its set
of Latin words (matched as whole words, so "AI" never matches "training"); the amounts it
states in yuan; the keys of the ways it can be cited (第6条 and Clause 6 are both c6); its
sectors, policy and incentive kinds. Repeated texts are stored once in a string table.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from generators.amounts import find_amounts
from generators.model import Matcher
from generators.views.measure import MeasureView
from generators.views.portal import PortalMeasure, PortalView

_LATIN = re.compile(r"[a-z0-9]+")
FIELDS = ("title", "who", "text", "units")
"""Field order in each measure's `f`: the finder weighs them in this order."""


def normalise(text: str) -> str:
    """How both the index and the page's script compare text: NFKC, lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def latin_words(*texts: str) -> str:
    """The distinct Latin words of some texts, space-separated with spaces at both ends."""
    words = sorted({w for t in texts for w in _LATIN.findall(normalise(t))})
    return f" {' '.join(words)} " if words else ""


class _Strings:
    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        if text not in self._index:
            self._index[text] = len(self.items)
            self.items.append(text)
        return self._index[text]


def finder_index(view: PortalView, kind_words: dict[str, list[str]]) -> dict[str, Any]:
    """The finder's data; `kind_words` names each incentive kind in both languages."""
    strings = _Strings()
    policies: dict[str, int] = {}
    policy_fields: list[list[int]] = []
    for page in view.pages:
        policies[page.id] = len(policy_fields)
        zh, en = page.title["zh"].value, page.title["en"].value
        policy_fields.append([strings(normalise(zh)), strings(latin_words(zh, en))])
    measures = [_measure(m, policies, strings) for m in view.measures]
    return {
        "strings": strings.items,
        "policies": [p.id for p in view.pages],
        "policyFields": policy_fields,
        "sectors": {
            s.key: sorted(
                {normalise(n) for n in (s.key, s.names["zh"], s.names["en"], *s.synonyms)}
            )
            for s in view.sectors
        },
        "kinds": {
            kind: sorted({normalise(w) for w in words}) for kind, words in kind_words.items()
        },
        "vocabulary": vocabulary(view.matcher),
        "measures": measures,
    }


def vocabulary(matcher: Matcher) -> list[str]:
    """Chinese words the script splits a run of characters into (人工智能补贴 → 人工智能 补贴):
    the matcher's keywords and the applicants' names; sector names and kind words are
    found by the script from their own lists."""
    words = {k for a in matcher.activities.values() for k in a.keywords}
    words |= {k for a in matcher.applicants.values() for k in a.keywords}
    return sorted(normalise(w) for w in words if not w.isascii())


def _measure(measure: PortalMeasure, policies: dict[str, int], strings: _Strings) -> dict[str, Any]:
    zh, en = measure.zh, measure.en
    fields = [
        _field(strings, [zh.label, _heading(zh)], [en.label, _heading(en)]),
        _field(strings, _who(zh), _who(en)),
        _field(strings, [zh.body.value if zh.body else ""], [en.body.value if en.body else ""]),
        _field(strings, [d.value for d in zh.departments], [d.value for d in en.departments]),
    ]
    return {
        "id": zh.qualified_id,
        "p": policies[zh.policy_id],
        "s": list(measure.sectors),
        "k": sorted({i.kind for i in zh.incentives}),
        "cap": zh.max_cny or 0,
        "amt": amounts(zh),
        "cite": list(measure.citations),
        "f": fields,
    }


def _heading(view: MeasureView) -> str:
    return view.title.value if view.title else view.name


def _who(view: MeasureView) -> list[str]:
    parts: list[str] = []
    for i in view.incentives:
        parts += [t.value for t in (i.target, i.subject, i.basis, i.per_unit, i.threshold) if t]
    return parts


def _field(strings: _Strings, zh: list[str], en: list[str]) -> list[int]:
    chinese = normalise(" ".join(t for t in zh if t))
    return [strings(chinese), strings(latin_words(*zh, *en))]


def amounts(view: MeasureView) -> list[int]:
    """Every amount the measure states, in yuan: caps, fixed sums, tiers and thresholds,
    and the amounts its Chinese words name (a threshold in a target, 累计500万元以上)."""
    found: set[int] = set()
    for i in view.incentives:
        if i.amount_cny is not None:
            found.add(i.amount_cny)
        found.update(t.amount_cny for t in i.tiers)
    texts = [_heading(view), *(_who(view)), view.body.value if view.body else ""]
    for text in texts:
        found.update(a.value for a in find_amounts(text) if a.value >= 1000)
    return sorted(found)

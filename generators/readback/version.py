"""Which version of the measure a returned form was made from, and what changed since.

The form is always checked against the measure as it stands; the figures the file carries
only name the difference for an older version, or show that someone edited them.
"""

from __future__ import annotations

import json

from generators.forms.phrases import N_
from generators.forms.rules import MeasureRules
from generators.i18n.formatting import format_rate
from generators.readback.report import Reporter

FINGERPRINT = "policydocs.content_fingerprint"
FIGURES = "policydocs.figures"
CAP = "policydocs.max_cny"


def check_version(
    properties: dict[str, str], fingerprint: str, rules: MeasureRules, say: Reporter
) -> None:
    changes = _changes(properties, rules, say)
    if properties.get(FINGERPRINT) != fingerprint:
        say.warning(
            "",
            "older-version",
            N_(
                "form made from an older version of the measure (edition %(edition)s), checked "
                "against the current one; changed since: %(changes)s"
            ),
            edition=properties.get("policydocs.edition") or "?",
            changes=say.join(changes or [say.say(N_("wording of the measure"))]),
        )
    elif changes:
        say.warning(
            "",
            "properties-edited",
            N_(
                "the document properties were edited (%(changes)s); they are ignored: the "
                "measure's own figures apply"
            ),
            changes=say.join(changes),
        )


def _changes(properties: dict[str, str], rules: MeasureRules, say: Reporter) -> list[str]:
    changes: list[str] = []
    old_cap = _int(properties.get(CAP, ""))
    cap_changed = old_cap != rules.max_cny
    if cap_changed:
        changes.append(
            say.say(N_("cap %(old)s → %(new)s"), old=say.cny(old_cap), new=say.cny(rules.max_cny))
        )
    old = _figures(properties.get(FIGURES, ""))
    new = rules.summary()["options"]
    assert isinstance(new, dict)
    if old is None:
        return changes
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if before is None:
            changes.append(say.say(N_("support %(key)s added"), key=key))
        elif after is None:
            changes.append(say.say(N_("support %(key)s removed"), key=key))
        elif before != after:
            changes.extend(_option_changes(key, before, after, cap_changed, old_cap, rules, say))
    return changes


def _option_changes(
    key: str,
    before: dict[str, object],
    after: dict[str, object],
    cap_changed: bool,
    old_cap: int | None,
    rules: MeasureRules,
    say: Reporter,
) -> list[str]:
    changes: list[str] = []
    old_amount, new_amount = before.get("amount_cny"), after.get("amount_cny")
    said_by_cap = cap_changed and (old_amount, new_amount) == (old_cap, rules.max_cny)
    if old_amount != new_amount and not said_by_cap:
        changes.append(
            say.say(
                N_("support %(key)s: amount %(old)s → %(new)s"),
                key=key,
                old=say.cny(_int(old_amount)),
                new=say.cny(_int(new_amount)),
            )
        )
    if before.get("rate") != after.get("rate"):
        changes.append(
            say.say(
                N_("support %(key)s: rate %(old)s → %(new)s"),
                key=key,
                old=_rate(before.get("rate"), say.lang),
                new=_rate(after.get("rate"), say.lang),
            )
        )
    rest = {"amount_cny", "rate"}
    if {k: v for k, v in before.items() if k not in rest} != {
        k: v for k, v in after.items() if k not in rest
    }:
        changes.append(say.say(N_("support %(key)s: other terms"), key=key))
    return changes


def _figures(raw: str) -> dict[str, dict[str, object]] | None:
    """The figures stored in the file, or None when absent or not as written."""
    try:
        data = json.loads(raw) if raw else None
    except ValueError:
        return None
    options = data.get("options") if isinstance(data, dict) else None
    if not isinstance(options, dict):
        return None
    return {str(k): v for k, v in options.items() if isinstance(v, dict)}


def _int(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _rate(value: object, lang: str) -> str:
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int | float) for v in value)
    ):
        low, high = float(value[0]), float(value[1])
        return format_rate(low if low == high else (low, high), lang)
    return "—"

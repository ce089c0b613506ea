"""A measure's identity across builds: what a returned form is checked against.

Beside the model rather than in a view: the form renderer stamps it into each DOCX, and
readback recomputes it from the content to tell whether a returned form was made from
the measure as it stands now.
"""

from __future__ import annotations

from generators.fingerprint import data_fingerprint
from generators.model import Clause, Policy


def measure_fingerprint(policy: Policy, clause: Clause) -> str:
    """What a returned form is checked against: the measure's Chinese and its figures."""
    return data_fingerprint(
        [
            policy.id,
            clause.id,
            clause.title.zh if clause.title else "",
            clause.text.zh if clause.text else "",
            [
                i.model_dump(
                    exclude={"subject", "basis", "target", "per_unit", "threshold"}, mode="json"
                )
                for i in clause.incentives
            ],
        ]
    )

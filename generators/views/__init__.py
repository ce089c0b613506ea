"""What outputs show, in one language: texts, figures and names resolved, deps recorded.

Every renderer works from these views, and the build fingerprints each output from the
parts its views read, so "what an output shows" and "what it depends on" cannot drift.
One module per output kind; `text` and `measure` are what they share.
"""

from __future__ import annotations

from generators.views.conditions import ConditionView, PolicyConditions, policy_conditions
from generators.views.form import FormView, form_view
from generators.views.measure import (
    IncentiveView,
    MeasureView,
    TierView,
    clause_label,
    form_path,
    measure_view,
)
from generators.views.portal import FileLink, PortalSector, PortalView
from generators.views.sector import PolicyView, SectorView, sector_view
from generators.views.text import Text, department_text, level_text, text_of

__all__ = [
    "ConditionView",
    "FileLink",
    "FormView",
    "IncentiveView",
    "MeasureView",
    "PolicyConditions",
    "PolicyView",
    "PortalSector",
    "PortalView",
    "SectorView",
    "Text",
    "TierView",
    "clause_label",
    "department_text",
    "form_path",
    "form_view",
    "level_text",
    "measure_view",
    "policy_conditions",
    "sector_view",
    "text_of",
]

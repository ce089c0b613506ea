"""The fields of an application form: names, types and rules shared by forms and readback.

Wording (labels and hints, in both languages) lives in templates/forms/form.yaml.j2;
what a field is and how a returned value is checked lives here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldType = Literal["text", "multiline", "date", "amount", "number", "dropdown", "checkbox"]

ENTERPRISE_TYPES = (
    "国有 State-owned",
    "集体 Collective",
    "民营 Private",
    "股份制 Joint-stock",
    "中外合资/外商投资 Foreign-invested",
    "港澳台投资 HK/Macao/Taiwan-invested",
    "其他 Other",
)
CHOOSE = "请选择 Please choose"
"""First entry of every drop-down: a form still showing it has no choice made."""
EMPTY_MARKS = frozenset({"", "无", "無", "none", "n/a", "na", "-", "—"})
"""What applicants write in a field they leave empty (the forms ask for 无)."""


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: FieldType
    required: bool = True
    max_length: int = 0
    options: tuple[str, ...] = ()
    on_every_form: bool = True
    """False for fields only some measures ask for (tiers, persons)."""


FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("applicant_name", "text", max_length=120),
        FieldSpec("uscc", "text", max_length=18),
        FieldSpec("registered_address", "text", max_length=200),
        FieldSpec("legal_representative", "text", max_length=60),
        FieldSpec("enterprise_type", "dropdown", options=(CHOOSE, *ENTERPRISE_TYPES)),
        FieldSpec("registration_date", "date"),
        FieldSpec("industry", "text", max_length=100),
        FieldSpec("contact_name", "text", max_length=60),
        FieldSpec("contact_phone", "text", max_length=30),
        FieldSpec("contact_email", "text", max_length=120),
        FieldSpec("project_lead_name", "text", max_length=60),
        FieldSpec("project_lead_phone", "text", max_length=30),
        FieldSpec("finance_lead_name", "text", required=False, max_length=60),
        FieldSpec("revenue_last_year_cny", "amount"),
        FieldSpec("tax_paid_last_year_cny", "amount"),
        FieldSpec("rd_spending_last_year_cny", "amount"),
        FieldSpec("bank_name", "text", max_length=120),
        FieldSpec("bank_account", "text", max_length=40),
        FieldSpec("project_name", "text", max_length=200),
        FieldSpec("project_summary", "multiline"),
        FieldSpec("total_investment_cny", "amount"),
        FieldSpec("eligible_cost_cny", "amount"),
        FieldSpec("requested_amount_cny", "amount"),
        FieldSpec("requested_amount_words", "text", max_length=60),
        FieldSpec("tier", "dropdown", on_every_form=False),
        FieldSpec("person_count", "number", on_every_form=False),
        FieldSpec("other_public_funding", "checkbox", required=False),
        FieldSpec("other_funding_details", "multiline", required=False),
        FieldSpec("attach_business_licence", "checkbox", required=False),
        FieldSpec("attach_legal_rep_id", "checkbox", required=False),
        FieldSpec("attach_audit_reports", "checkbox", required=False),
        FieldSpec("attach_project_plan", "checkbox", required=False),
        FieldSpec("attach_credit_commitment", "checkbox", required=False),
        FieldSpec("attach_other_proofs", "checkbox", required=False),
        FieldSpec("declaration_date", "date"),
    )
}

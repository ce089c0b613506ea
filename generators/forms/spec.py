"""Every field of an application form, in order, with its wording and rules: declared once.

The DOCX renderer lays these out, readback identifies and checks returned values by them,
and the tests fill forms from them. Field names are Word's legacy form-field names, so at
most 20 characters (Word truncates longer ones), and they never change meaning: a name
removed is never reused for something else.

Most of the form is the same for every measure; `form_spec` adds what a measure needs:
a choice of the support applied for when it grants more than one thing (one tick box per
incentive or tier), the amounts its rates apply to, a count for per-unit amounts, the
figure tier thresholds measure and what was already paid for top-up tiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from generators.forms.phrases import N_, Both, Phrase
from generators.forms.rules import (
    TOTAL_INVESTMENT_FIELD,
    MeasureRules,
    Option,
)
from generators.i18n.formatting import format_cny

MAX_NAME = 20
"""Word keeps at most 20 characters of a legacy form field's name."""
MAX_HELP = 255
"""Word's limit for a form field's help text."""
NAME_TAG = re.compile(r"\[([a-z][a-z0-9_]{0,19})\]$")
"""The field's name at the end of its help text: LibreOffice drops the names of check
boxes when it saves a DOCX (w:name becomes empty) but keeps their help text."""


def help_with_name(help_text: str, name: str) -> str:
    """Help text that carries the field's name, within Word's 255 characters."""
    tag = f" [{name}]"
    return help_text[: MAX_HELP - len(tag)] + tag


def name_in_help(help_text: str) -> str | None:
    match = NAME_TAG.search(help_text)
    return match.group(1) if match else None


FieldKind = Literal["text", "multiline", "date", "amount", "count", "checkbox"]
RowKind = Literal["fields", "choices", "options", "signature", "seal", "office"]
"""fields: one field; choices: tick boxes side by side; options: tick boxes one per line."""


@dataclass(frozen=True)
class Field:
    name: str
    kind: FieldKind
    label: Phrase
    hint: Phrase | None = None
    required: bool = True
    """Text: must be filled in. Checkbox: must be ticked (a mandatory attachment)."""
    max_length: int = 0
    for_options: tuple[str, ...] = ()
    """Required only when one of these options is applied for; otherwise 无 is accepted."""
    box: Phrase | None = None
    """The words beside a check box, when they are not its label (已附 Enclosed)."""


@dataclass(frozen=True)
class Row:
    label: Phrase
    fields: tuple[Field, ...] = ()
    kind: RowKind = "fields"
    note: Phrase | None = None
    """A line under the label (tick one; required attachments)."""


@dataclass(frozen=True)
class Section:
    heading: Phrase
    rows: tuple[Row, ...]
    intro: Phrase | None = None


@dataclass(frozen=True)
class OneOf:
    """Tick boxes of which exactly one must be ticked."""

    label: Phrase
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Requires:
    """When a box is ticked, another field must be filled in (or must be empty)."""

    when: str
    field: str
    filled: bool


@dataclass(frozen=True)
class FormSpec:
    sections: tuple[Section, ...]
    one_of: tuple[OneOf, ...]
    requires: tuple[Requires, ...]
    rules: MeasureRules
    fields: dict[str, Field] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for section in self.sections:
            for row in section.rows:
                for item in row.fields:
                    if item.name in self.fields:
                        raise ValueError(f"form field {item.name!r} is declared twice")
                    if len(item.name) > MAX_NAME:
                        raise ValueError(f"form field name {item.name!r} is over {MAX_NAME}")
                    self.fields[item.name] = item


def _p(msgid: str) -> Phrase:
    return Phrase(msgid)


def text(name: str, label: str, hint: str, *, max_length: int = 0, required: bool = True) -> Field:
    return Field(name, "text", _p(label), _p(hint), required=required, max_length=max_length)


def amount(name: str, label: str, hint: str = N_("Amount in yuan, two decimals")) -> Field:
    return Field(name, "amount", _p(label), _p(hint))


def date(name: str, label: str) -> Field:
    return Field(name, "date", _p(label), _p(N_("Date as YYYY-MM-DD")))


def check(name: str, label: str, *, required: bool = False, box: str | None = None) -> Field:
    return Field(name, "checkbox", _p(label), required=required, box=_p(box) if box else None)


def attachment(name: str, label: str, *, required: bool = False) -> Row:
    return Row(
        _p(label),
        (check(name, label, required=required, box=N_("Enclosed")),),
        note=_p(N_("Required")) if required else None,
    )


def single(item: Field) -> Row:
    return Row(item.label, (item,))


UNIT_TYPES = (
    check("type_state", N_("State-owned")),
    check("type_collective", N_("Collective")),
    check("type_private", N_("Private")),
    check("type_joint_stock", N_("Joint-stock")),
    check("type_foreign", N_("Sino-foreign joint venture / foreign-invested")),
    check("type_hk_mo_tw", N_("Hong Kong, Macao or Taiwan invested")),
    check("type_other", N_("Other")),
)
UNIT_TYPE_LABEL = _p(N_("Type of unit"))
TICK_ONE = _p(N_("Tick one"))

APPLICANT = Section(
    _p(N_("1. Applicant")),
    (
        single(
            text(
                "applicant_name",
                N_("Name of the applicant unit (as on its seal)"),
                N_("Full registered name, identical to the company seal"),
                max_length=120,
            )
        ),
        single(
            text(
                "uscc",
                N_("Unified social credit code"),
                N_("18 characters, as on the business licence"),
                max_length=18,
            )
        ),
        single(
            text(
                "registered_address",
                N_("Registered address"),
                N_("As on the business licence"),
                max_length=200,
            )
        ),
        single(
            text(
                "legal_representative",
                N_("Legal representative"),
                N_("Name of the legal representative"),
                max_length=60,
            )
        ),
        Row(UNIT_TYPE_LABEL, UNIT_TYPES, kind="options", note=TICK_ONE),
        single(date("registration_date", N_("Date of registration"))),
        single(text("industry", N_("Industry"), N_("Main industry of the unit"), max_length=100)),
        single(
            text(
                "contact_name",
                N_("Contact person"),
                N_("Person handling this application"),
                max_length=60,
            )
        ),
        single(
            text(
                "contact_phone",
                N_("Contact mobile phone"),
                N_("Mobile number, 11 digits"),
                max_length=30,
            )
        ),
        single(
            text(
                "contact_email",
                N_("Contact email"),
                N_("Email address for notices"),
                max_length=120,
            )
        ),
        single(
            text(
                "project_lead_name",
                N_("Project lead"),
                N_("Should differ from the contact person"),
                max_length=60,
            )
        ),
        single(
            text(
                "project_lead_phone",
                N_("Project lead mobile phone"),
                N_("Mobile number, 11 digits"),
                max_length=30,
            )
        ),
        single(
            text(
                "finance_lead_name",
                N_("Finance lead"),
                N_("Head of finance, or 无"),
                max_length=60,
                required=False,
            )
        ),
        single(amount("revenue_last_yr_cny", N_("Revenue last year (yuan)"))),
        single(amount("tax_last_year_cny", N_("Tax paid last year (yuan)"))),
        single(amount("rd_last_year_cny", N_("R&D spending last year (yuan)"))),
        single(
            text(
                "bank_name",
                N_("Bank of the account"),
                N_("Bank and branch receiving the funds"),
                max_length=120,
            )
        ),
        single(
            text(
                "bank_account",
                N_("Bank account number"),
                N_("Account of the applicant unit"),
                max_length=40,
            )
        ),
    ),
)

ATTACHMENTS = Section(
    _p(N_("3. Attachments")),
    (
        attachment("attach_licence", N_("Copy of the business licence"), required=True),
        attachment(
            "attach_legal_rep_id",
            N_("Copy of the legal representative's identity card"),
            required=True,
        ),
        attachment("attach_audit_reports", N_("Audit reports for the last two years")),
        attachment("attach_project_plan", N_("Project plan")),
        attachment("attach_commitment", N_("Signed credit commitment"), required=True),
        attachment("attach_other_proofs", N_("Other proofs the measure requires")),
    ),
    intro=_p(
        N_("Tick each attachment enclosed. Copies bear the unit's seal; all pages A4 and numbered.")
    ),
)

COMMITMENT = Section(
    _p(N_("4. Credit commitment")),
    (
        Row(_p(N_("Signature of the legal representative")), kind="signature"),
        Row(_p(N_("Seal of the applicant unit")), kind="seal"),
        single(date("declaration_date", N_("Date"))),
    ),
    intro=_p(
        N_(
            "The applicant declares that all materials submitted are lawful, true, accurate "
            "and complete and consistent with its statistical filings, that the same project "
            "has not received duplicate public funding unless stated above, and that it "
            "accepts review and verification by the authorities. It bears legal "
            "responsibility for any false statement."
        )
    ),
)

OFFICE = Section(
    _p(N_("5. For official use only (not to be filled in by the applicant)")),
    (
        Row(_p(N_("Acceptance number")), kind="office"),
        Row(
            _p(N_("Recommendation of the county-level city or district (with seal)")), kind="office"
        ),
        Row(_p(N_("Review opinion of the responsible municipal unit")), kind="office"),
    ),
)

OTHER_FUNDING = Row(
    _p(N_("The same project has already received other public funding")),
    (
        check("other_funding_yes", N_("Other public funding: yes"), box=N_("Yes")),
        check("other_funding_no", N_("Other public funding: no"), box=N_("No")),
    ),
    kind="choices",
    note=TICK_ONE,
)
OTHER_FUNDING_INFO = Field(
    "other_funding_info",
    "multiline",
    _p(N_("Other public funding received")),
    _p(N_("Programme, year and amount, or 无")),
    required=False,
)

COMMON_ONE_OF = (
    OneOf(UNIT_TYPE_LABEL, tuple(f.name for f in UNIT_TYPES)),
    OneOf(OTHER_FUNDING.label, ("other_funding_yes", "other_funding_no")),
)
COMMON_REQUIRES = (
    Requires("other_funding_yes", "other_funding_info", filled=True),
    Requires("other_funding_no", "other_funding_info", filled=False),
)

SUPPORT_LABEL = _p(N_("Support applied for"))
WORDS_FIELD = "requested_words"
REQUESTED_FIELD = "requested_amount_cny"
COUNT_FIELD = "unit_count"
PRIOR_FIELD = "prior_award_cny"
THRESHOLD_FIELD = "threshold_cny"


@dataclass(frozen=True)
class OptionText:
    """How an option is described on the form, in both languages (from the views)."""

    who: Both | None
    """Whom or what it is for; None when the measure does not say."""
    amount: Both
    """Its amount as the measure block states it (up to 500万元; 50万元 per specialty)."""


def form_spec(rules: MeasureRules, describe: dict[str, OptionText]) -> FormSpec:
    """The whole form of one measure; `describe` words each of its options."""
    return FormSpec(
        sections=(APPLICANT, _request(rules, describe), ATTACHMENTS, COMMITMENT, OFFICE),
        one_of=(
            *COMMON_ONE_OF,
            *(
                (OneOf(SUPPORT_LABEL, tuple(o.field for o in rules.options if o.field)),)
                if rules.choice
                else ()
            ),
        ),
        requires=COMMON_REQUIRES,
        rules=rules,
    )


def _request(rules: MeasureRules, describe: dict[str, OptionText]) -> Section:
    rows: list[Row] = [
        single(
            text(
                "project_name",
                N_("Project name"),
                N_("Name of the project applying for support"),
                max_length=200,
            )
        ),
        single(
            Field(
                "project_summary",
                "multiline",
                _p(N_("Project summary")),
                _p(N_("What the project does, its results and its costs")),
            )
        ),
    ]
    if rules.choice:
        rows.append(
            Row(
                SUPPORT_LABEL,
                tuple(
                    Field(
                        option.field or "",
                        "checkbox",
                        option_label(option, describe),
                        required=False,
                    )
                    for option in rules.options
                ),
                kind="options",
                note=_p(N_("Tick one; one form per support item")),
            )
        )
    needs_total = any(b.field == TOTAL_INVESTMENT_FIELD for b in rules.bases)
    rows.append(
        single(
            Field(
                TOTAL_INVESTMENT_FIELD,
                "amount",
                _p(N_("Total investment (yuan)")),
                _p(N_("Amount in yuan, two decimals")),
                required=needs_total,
                for_options=_needing(rules, TOTAL_INVESTMENT_FIELD) if needs_total else (),
            )
        )
    )
    for basis in rules.bases:
        if basis.field == TOTAL_INVESTMENT_FIELD:
            continue
        label = (
            Phrase.of(N_("%(basis)s (yuan)"), basis=Both.of(basis.text))
            if basis.text
            else _p(N_("Cost the support rate applies to (yuan)"))
        )
        rows.append(
            single(
                Field(
                    basis.field,
                    "amount",
                    label,
                    _p(N_("The amount the support rate applies to, in yuan")),
                    for_options=_needing(rules, basis.field),
                )
            )
        )
    if rules.tiered:
        label = (
            Phrase.of(
                N_("Figure that reached the tier (%(threshold)s), yuan"),
                threshold=Both.of(rules.threshold),
            )
            if rules.threshold
            else _p(N_("Figure the tier thresholds measure (yuan)"))
        )
        rows.append(
            single(
                Field(
                    THRESHOLD_FIELD,
                    "amount",
                    label,
                    _p(N_("The figure that reached the tier applied for, in yuan")),
                    for_options=tuple(o.key for o in rules.options if o.tier is not None),
                )
            )
        )
    if rules.difference:
        rows.append(
            single(
                Field(
                    PRIOR_FIELD,
                    "amount",
                    _p(N_("Already received for lower tiers of this measure (yuan)")),
                    _p(N_("Top-up tiers pay only the difference; 0 if none")),
                    for_options=tuple(o.key for o in rules.options if o.combine == "difference"),
                )
            )
        )
    if rules.units:
        unit = rules.units[0] if len(rules.units) == 1 else None
        rows.append(
            single(
                Field(
                    COUNT_FIELD,
                    "count",
                    Phrase.of(N_("Number of %(unit)s"), unit=Both.of(unit))
                    if unit
                    else _p(N_("Number of units the amount is paid for")),
                    _p(N_("A whole number")),
                    for_options=tuple(o.key for o in rules.options if o.per_unit is not None),
                )
            )
        )
    cap = rules.max_cny
    rows.extend(
        (
            single(
                Field(
                    REQUESTED_FIELD,
                    "amount",
                    _p(N_("Requested amount (yuan)")),
                    Phrase.of(
                        N_("In yuan, two decimals; at most %(yuan)s (%(compact)s)"),
                        yuan=_yuan(cap),
                        compact=Both(format_cny(cap, "zh"), format_cny(cap, "en")),
                    )
                    if cap is not None
                    else _p(N_("In yuan, two decimals")),
                )
            ),
            single(
                text(
                    WORDS_FIELD,
                    N_("Requested amount in Chinese capital numerals"),
                    N_("For example 伍佰万元整"),
                    max_length=60,
                )
            ),
            OTHER_FUNDING,
            single(OTHER_FUNDING_INFO),
        )
    )
    return Section(_p(N_("2. Request")), tuple(rows))


def _needing(rules: MeasureRules, field_name: str) -> tuple[str, ...]:
    return tuple(o.key for o in rules.options if o.basis and o.basis.field == field_name)


def _yuan(amount: int) -> Both:
    return Both(f"{amount:,}元", f"{amount:,} yuan")


def option_label(option: Option, describe: dict[str, OptionText]) -> Phrase:
    """1 首次入选的“头雁”企业：最高100万元; 1.2 集成电路设计企业：5亿元 → 固定300万元."""
    words = describe[option.key]
    number = Both.same(option.key)
    if words.who is not None:
        return Phrase.of(
            N_("%(number)s %(who)s: %(amount)s"), number=number, who=words.who, amount=words.amount
        )
    return Phrase.of(N_("%(number)s %(amount)s"), number=number, amount=words.amount)

"""One application form: the measure in both languages, its conditions and its identity."""

from __future__ import annotations

from dataclasses import dataclass

from generators.deps import ClausePart, ContactPart, Deps, PolicyPart
from generators.forms.rules import MeasureRules, measure_rules
from generators.measures import measure_fingerprint
from generators.model import Clause, Contact, Corpus, Policy
from generators.views.conditions import PolicyConditions, policy_conditions
from generators.views.contact import ContactView, contact_view
from generators.views.measure import IncentiveView, MeasureView, form_path, measure_view
from generators.views.text import level_text, record_settings


@dataclass(frozen=True)
class FormView:
    """One application form: the measure in both languages and its identity."""

    path: str
    form_id: str
    policy_id: str
    clause_id: str
    content_fingerprint: str
    """Fingerprint of the measure's Chinese and figures when the form was made."""
    edition: str
    zh: MeasureView
    en: MeasureView
    conditions_zh: PolicyConditions
    conditions_en: PolicyConditions
    level_zh: str
    level_en: str
    doc_number: str | None
    max_cny: int | None
    rules: MeasureRules
    """What the measure grants, as the form asks for it and readback checks it."""
    contact_zh: ContactView | None = None
    contact_en: ContactView | None = None
    """Where and how to apply: the policy's contact, else its sector's (None: not stated)."""

    @property
    def incentive_pairs(self) -> tuple[tuple[IncentiveView, IncentiveView], ...]:
        return tuple(zip(self.zh.incentives, self.en.incentives, strict=True))


def form_view(corpus: Corpus, policy: Policy, clause: Clause, deps: Deps) -> FormView:
    record_settings(corpus, deps)
    deps.add(PolicyPart(policy.id, "zh"), [policy.level, policy.doc_number])
    zh = measure_view(corpus, policy, clause, "zh", deps, details=True, body=True)
    en = measure_view(corpus, policy, clause, "en", deps, details=True, body=True)
    rules = measure_rules(clause)
    clause_part = ClausePart(policy.qualified(clause))
    deps.add(clause_part.in_lang("zh"), rules.summary())
    deps.add(clause_part.in_lang("en"), [[t.en, t.en_fp] for t in rules.texts()])
    contact, key = applying_contact(corpus, policy, clause)
    return FormView(
        path=form_path(policy, clause),
        form_id=f"PD-{policy.id}-{clause.id}",
        policy_id=policy.id,
        clause_id=clause.id,
        content_fingerprint=measure_fingerprint(policy, clause),
        edition=corpus.settings.edition.isoformat(),
        zh=zh,
        en=en,
        conditions_zh=policy_conditions(policy, "zh", deps),
        conditions_en=policy_conditions(policy, "en", deps),
        level_zh=level_text(corpus, policy.level, "zh", deps),
        level_en=level_text(corpus, policy.level, "en", deps),
        doc_number=policy.doc_number,
        max_cny=clause.max_cny,
        rules=rules,
        contact_zh=contact_view(corpus, contact, "zh", deps, key),
        contact_en=contact_view(corpus, contact, "en", deps, key),
    )


def applying_contact(
    corpus: Corpus, policy: Policy, clause: Clause
) -> tuple[Contact | None, ContactPart]:
    """The contact for applying under a clause: its policy's, else its first sector's that
    states one; with the dependency key of where it was read."""
    if policy.contact is not None:
        return policy.contact, ContactPart.of_policy(policy.id)
    for key in policy.clause_sectors(clause):
        sector = corpus.sectors.get(key)
        if sector is not None and sector.contact is not None:
            return sector.contact, ContactPart.of_sector(key)
    return None, ContactPart.of_policy(policy.id)

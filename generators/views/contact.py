"""Where and how to apply, as a policy or a sector's office publishes it, in one language."""

from __future__ import annotations

from dataclasses import dataclass

from generators.deps import ContactPart, Deps
from generators.model import Contact, Corpus
from generators.views.text import Text, department_text, maybe_text


@dataclass(frozen=True)
class ContactView:
    office: Text | None
    address: Text | None
    phone: str | None
    email: str | None
    submission: Text | None


def contact_view(
    corpus: Corpus, contact: Contact | None, lang: str, deps: Deps, key: ContactPart
) -> ContactView | None:
    """The contact in one language (None when the content gives none: nothing is made up)."""
    if contact is None:
        deps.add(key.in_lang("zh"), None)
        return None
    deps.add(key.in_lang("zh"), [contact.office, contact.phone, contact.email])
    return ContactView(
        office=department_text(corpus, contact.office, lang, deps) if contact.office else None,
        address=maybe_text(contact.address, lang, deps, key),
        phone=contact.phone,
        email=contact.email,
        submission=maybe_text(contact.submission, lang, deps, key),
    )

"""Dependency records: what an output was made from, part by typed part.

Views call `add` for every piece of content they read, so an output's fingerprint covers
exactly what it shows; the pipeline adds the templates, catalog messages, code and fonts
it is made with. Each part is a small typed key (a clause in one language, a glossary
entry, a template, a module…). The manifest stores a part as text (`clause:ai-measures/2:zh`,
`code:generators.forms.spec`), read back with `parse_part`; people see it through `label`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import ClassVar

from generators.fingerprint import data_fingerprint


@dataclass(frozen=True)
class Part:
    """One thing an output depends on."""

    kind: ClassVar[str] = ""
    shown: ClassVar[bool] = False
    """Content the output shows (a text), rather than something it is made with."""

    def encode(self) -> str:
        """The part as the manifest stores it."""
        return self.kind

    @property
    def label(self) -> str:
        """The part as a person reads it in a reason: `clause ai-measures/2`."""
        return self.kind


@dataclass(frozen=True)
class TextPart(Part):
    """A bilingual text's part in one language; views name the part without a language
    and `in_lang` completes it."""

    owner: str
    lang: str = ""
    shown: ClassVar[bool] = True

    def in_lang(self, lang: str) -> TextPart:
        return type(self)(self.owner, lang)  # views call this for every text they read

    def encode(self) -> str:
        return f"{self.kind}:{self.owner}:{self.lang}"

    @property
    def label(self) -> str:
        return f"{self.kind} {self.owner}"

    @classmethod
    def policy_of(cls, owner: str) -> str | None:
        """The policy whose file holds the text, if a policy's file does."""
        return None


@dataclass(frozen=True)
class ClausePart(TextPart):
    kind: ClassVar[str] = "clause"

    @classmethod
    def policy_of(cls, owner: str) -> str | None:
        return owner.partition("/")[0]

    @classmethod
    def of(cls, policy_id: str, clause_id: str) -> ClausePart:
        return cls(f"{policy_id}/{clause_id}")

    @property
    def qualified_id(self) -> str:
        """policy/clause, as the change report lists clauses."""
        return self.owner


@dataclass(frozen=True)
class DivisionPart(TextPart):
    kind: ClassVar[str] = "division"

    @classmethod
    def policy_of(cls, owner: str) -> str | None:
        return owner.partition("/")[0]

    @classmethod
    def of(cls, policy_id: str, division_key: str) -> DivisionPart:
        return cls(f"{policy_id}/{division_key}")


@dataclass(frozen=True)
class PolicyPart(TextPart):
    kind: ClassVar[str] = "policy"

    @classmethod
    def policy_of(cls, owner: str) -> str | None:
        return owner


@dataclass(frozen=True)
class ContactPart(TextPart):
    """Where and how to apply, as a policy (`policy/<id>`) or a sector (`sector/<key>`)
    states it."""

    kind: ClassVar[str] = "contact"

    @classmethod
    def of_policy(cls, policy_id: str) -> ContactPart:
        return cls(f"policy/{policy_id}")

    @classmethod
    def of_sector(cls, sector_key: str) -> ContactPart:
        return cls(f"sector/{sector_key}")

    @classmethod
    def policy_of(cls, owner: str) -> str | None:
        scope, _, name = owner.partition("/")
        return name if scope == "policy" else None


@dataclass(frozen=True)
class SettingTextPart(TextPart):
    """A bilingual text of content/settings.yaml, named by its setting (publisher)."""

    kind: ClassVar[str] = "setting-text"


@dataclass(frozen=True)
class NamedPart(Part):
    """A part named by one string: a glossary entry, a template, a module…"""

    name: str

    def encode(self) -> str:
        return f"{self.kind}:{self.name}"

    @property
    def label(self) -> str:
        return f"{self.kind} {self.name}"


@dataclass(frozen=True)
class GlossaryPart(NamedPart):
    kind: ClassVar[str] = "glossary"

    @property
    def label(self) -> str:
        return f"glossary entry {self.name}"


@dataclass(frozen=True)
class SectorPart(NamedPart):
    kind: ClassVar[str] = "sector"


@dataclass(frozen=True)
class TemplatePart(NamedPart):
    kind: ClassVar[str] = "template"


@dataclass(frozen=True)
class MessagesPart(NamedPart):
    """The translations, in one language, of the catalog messages an output's templates use."""

    kind: ClassVar[str] = "messages"

    @property
    def label(self) -> str:
        return f"catalog {self.name}"


@dataclass(frozen=True)
class CodePart(NamedPart):
    """A module of the package the output's kind imports."""

    kind: ClassVar[str] = "code"


@dataclass(frozen=True)
class OutputPart(NamedPart):
    """Another output (its bytes), for kinds that list or embed other outputs."""

    kind: ClassVar[str] = "output"

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True)
class EditionPart(NamedPart):
    """What this edition changed so far (`marks`) and where its log is (`log`)."""

    kind: ClassVar[str] = "edition"

    @property
    def label(self) -> str:
        return f"this edition's changes ({self.name})"


@dataclass(frozen=True)
class LayoutPart(NamedPart):
    """How a page is arranged from the corpus as a whole (groupings, counts)."""

    kind: ClassVar[str] = "layout"

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True)
class MatcherPart(Part):
    """The matcher's keyword table (content/matcher.yaml)."""

    kind: ClassVar[str] = "matcher"

    @property
    def label(self) -> str:
        return "the matcher's keyword table"


@dataclass(frozen=True)
class SettingsPart(Part):
    kind: ClassVar[str] = "settings"


@dataclass(frozen=True)
class SettingPart(NamedPart):
    """One setting recorded on its own, so that changing it rebuilds only the outputs
    using it (base_url: those whose links it makes absolute)."""

    kind: ClassVar[str] = "setting"


@dataclass(frozen=True)
class FontsPart(Part):
    kind: ClassVar[str] = "fonts"


@dataclass(frozen=True)
class UnknownPart(NamedPart):
    """A part an older manifest names that this version does not know."""

    kind: ClassVar[str] = "unknown"

    def encode(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.name


_TEXT_PARTS: dict[str, type[TextPart]] = {
    c.kind: c for c in (ClausePart, DivisionPart, PolicyPart, ContactPart, SettingTextPart)
}
_NAMED_PARTS: dict[str, type[NamedPart]] = {
    c.kind: c
    for c in (
        GlossaryPart,
        SectorPart,
        TemplatePart,
        MessagesPart,
        CodePart,
        OutputPart,
        EditionPart,
        LayoutPart,
        SettingPart,
    )
}
_PLAIN_PARTS: dict[str, type[Part]] = {c.kind: c for c in (SettingsPart, FontsPart, MatcherPart)}


def parse_part(text: str) -> Part:
    """The part a manifest key names (UnknownPart for one this version does not know)."""
    kind, _, rest = text.partition(":")
    if kind in _TEXT_PARTS and rest:
        owner, _, lang = rest.rpartition(":")
        if owner and lang:
            return _TEXT_PARTS[kind](owner, lang)
    elif kind in _NAMED_PARTS and rest:
        return _NAMED_PARTS[kind](rest)
    elif kind in _PLAIN_PARTS and not rest:
        return _PLAIN_PARTS[kind]()
    return UnknownPart(text)


def policy_named(key: str) -> str | None:
    """The policy a manifest key's part comes from (`clause:ai-measures/2:zh`:
    ai-measures), without parsing the part; None for parts of no policy."""
    kind, _, rest = key.partition(":")
    part = _TEXT_PARTS.get(kind)
    owner = rest.rpartition(":")[0]
    return part.policy_of(owner) if part is not None and owner else None


class Deps:
    """The parts one output is made from, each with the data it was read as."""

    def __init__(self) -> None:
        self._parts: dict[Part, list[object]] = defaultdict(list)

    def add(self, part: Part, data: object) -> None:
        self._parts[part].append(data)

    def copy(self) -> Deps:
        """The same records, to add more to without changing these."""
        copied = Deps()
        for part, data in self._parts.items():
            copied._parts[part] = list(data)
        return copied

    def fingerprints(self) -> dict[Part, str]:
        """Each part's fingerprint, in the order of their manifest keys."""
        return {
            part: data_fingerprint(self._parts[part])
            for part in sorted(self._parts, key=lambda p: p.encode())
        }

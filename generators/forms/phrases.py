"""Wording as data: gettext message ids with arguments, translated where they are shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from generators.model import BiText


def N_(message: str) -> str:
    """Marks a message id for the catalogs (extracted by Babel); translated later."""
    return message


@dataclass(frozen=True)
class Both:
    """A text in both languages; English None while its translation is missing or stale."""

    zh: str
    en: str | None

    @classmethod
    def of(cls, text: BiText) -> Both:
        return cls(text.zh, text.en if text.status == "current" else None)

    @classmethod
    def same(cls, text: str) -> Both:
        return cls(text, text)

    def get(self, lang: str) -> str:
        """The text in a language; the Chinese stands in for missing English."""
        if lang == "zh" or self.en is None:
            return self.zh
        return self.en


@dataclass(frozen=True)
class Phrase:
    """A catalog message (English id) with named arguments given in both languages."""

    msgid: str
    args: tuple[tuple[str, Both], ...] = field(default=())

    @classmethod
    def of(cls, msgid: str, **args: Both) -> Phrase:
        return cls(msgid, tuple(sorted(args.items())))

    @property
    def pending(self) -> bool:
        """An argument lacks current English, so the English shows Chinese words."""
        return any(value.en is None for _, value in self.args)

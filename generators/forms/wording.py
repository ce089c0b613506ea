"""Phrases in Chinese and English, through the project's gettext catalogs."""

from __future__ import annotations

import gettext

from generators.forms.phrases import Phrase
from generators.project import LANGS, Project
from generators.templating.environment import load_translations


class Wording:
    """Translates phrases with the project's catalogs (English ids; `zh` holds Chinese)."""

    def __init__(self, catalogs: dict[str, gettext.NullTranslations]) -> None:
        self._catalogs = catalogs

    @classmethod
    def of(cls, project: Project) -> Wording:
        return cls({lang: load_translations(project, lang) for lang in LANGS})

    def text(self, phrase: Phrase, lang: str) -> str:
        template = self._catalogs[lang].gettext(phrase.msgid)
        if not phrase.args:
            return template
        return template % {name: value.get(lang) for name, value in phrase.args}

    def message(self, msgid: str, lang: str, **args: object) -> str:
        """A catalog message with plain arguments, such as a readback problem."""
        template = self._catalogs[lang].gettext(msgid)
        return template % args if args else template

    def both(self, phrase: Phrase) -> tuple[str, str]:
        return self.text(phrase, "zh"), self.text(phrase, "en")

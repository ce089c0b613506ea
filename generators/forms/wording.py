"""Phrases in Chinese and English, through the project's gettext catalogs."""

from __future__ import annotations

import gettext
from typing import Any

from generators.forms.phrases import Phrase
from generators.project import LANGS, Project
from generators.templating.environment import load_translations, make_environment

MONEY_TEMPLATE = "shared/money.j2"
"""The one place every output words an incentive's money (amount, rate, tiers)."""


class Wording:
    """Translates phrases with the project's catalogs (English ids; `zh` holds Chinese),
    and words incentives with the macros every output shares."""

    def __init__(
        self, catalogs: dict[str, gettext.NullTranslations], project: Project | None = None
    ) -> None:
        self._catalogs = catalogs
        self._project = project
        self._money: Any = None

    @classmethod
    def of(cls, project: Project) -> Wording:
        return cls({lang: load_translations(project, lang) for lang in LANGS}, project)

    def money(self, macro: str, *args: object) -> str:
        """A macro of templates/shared/money.j2: amount(i, lang), rate(i, lang),
        tier(i, t, lang), tiers_rule(i, lang), target(i), condition_kinds(c, lang)."""
        if self._money is None:
            if self._project is None:
                raise RuntimeError("wording made without a project has no money macros")
            environment = make_environment(self._project, "zh")
            self._money = environment.get_template(MONEY_TEMPLATE).module
        return str(getattr(self._money, macro)(*args)).strip()

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

"""Phrases in Chinese and English, through the project's gettext catalogs."""

from __future__ import annotations

import gettext
from typing import Any

from generators.forms.phrases import Phrase
from generators.project import LANGS, Project
from generators.templating.environment import load_translations, make_environment

MONEY_TEMPLATE = "shared/money.j2"
"""The one place every output words an incentive's money (amount, rate, tiers)."""
PARTS_TEMPLATE = "summaries/parts.j2"
"""Sentences outputs share besides money: where and how to apply."""


class Wording:
    """Translates phrases with the project's catalogs (English ids; `zh` holds Chinese),
    and words incentives with the macros every output shares."""

    def __init__(
        self, catalogs: dict[str, gettext.NullTranslations], project: Project | None = None
    ) -> None:
        self._catalogs = catalogs
        self._project = project
        self._modules: dict[str, Any] = {}

    @classmethod
    def of(cls, project: Project) -> Wording:
        return cls({lang: load_translations(project, lang) for lang in LANGS}, project)

    def money(self, macro: str, *args: object) -> str:
        """A macro of templates/shared/money.j2: amount(i, lang), rate(i, lang),
        tier(i, t, lang), tiers_rule(i, lang), target(i), condition_kinds(c, lang)."""
        return str(getattr(self._module(MONEY_TEMPLATE), macro)(*args)).strip()

    def contact_lines(self, contact: object, lang: str) -> list[str]:
        """Where and how to apply (views.ContactView), one line per part the content gives."""
        text = str(self._module(PARTS_TEMPLATE).contact_lines(contact, lang)).strip()
        return [line for line in text.split("\n") if line]

    def _module(self, name: str) -> Any:
        if name not in self._modules:
            if self._project is None:
                raise RuntimeError("wording made without a project has no template macros")
            environment = make_environment(self._project, "zh")
            self._modules[name] = environment.get_template(name).module
        return self._modules[name]

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

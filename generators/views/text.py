"""Texts as an output shows them in one language, with what they were read from recorded."""

from __future__ import annotations

from dataclasses import dataclass

from generators.deps import Deps, GlossaryPart, SettingPart, SettingsPart, TextPart
from generators.model import BiText, Corpus


@dataclass(frozen=True)
class Text:
    """A text as an output shows it: English only when current, else the Chinese, marked."""

    value: str
    lang: str
    pending: bool = False
    """English was asked for but is missing or stale; the Chinese stands in."""
    status: str = "current"


def text_of(bitext: BiText, lang: str, deps: Deps, key: TextPart) -> Text:
    deps.add(key.in_lang("zh"), bitext.zh)
    if lang == "zh":
        return Text(bitext.zh, "zh")
    deps.add(key.in_lang("en"), [bitext.en, bitext.en_fp])
    if bitext.status == "current":
        assert bitext.en is not None
        return Text(bitext.en, "en")
    return Text(bitext.zh, "zh", pending=True, status=bitext.status)


def maybe_text(bitext: BiText | None, lang: str, deps: Deps, key: TextPart) -> Text | None:
    return None if bitext is None else text_of(bitext, lang, deps, key)


def department_text(corpus: Corpus, name: str, lang: str, deps: Deps) -> Text:
    if lang == "zh":
        return Text(name, "zh")
    english = corpus.glossary.department_en(name)
    deps.add(GlossaryPart(name), english)
    return Text(english, "en") if english else Text(name, "zh", pending=True, status="missing")


def level_text(corpus: Corpus, level: str | None, lang: str, deps: Deps) -> str:
    if not level:
        return ""
    if lang == "zh":
        return level
    entry = corpus.glossary.terms.get(level)
    deps.add(GlossaryPart(level), entry.en if entry else None)
    return entry.en if entry else level


def record_settings(corpus: Corpus, deps: Deps, *, links: bool = False) -> None:
    """Record the settings an output shows; `links` adds base_url, for outputs whose links
    it makes absolute, so that setting it rebuilds those and no others."""
    deps.add(SettingsPart(), corpus.settings.model_dump(mode="json", exclude={"base_url"}))
    if links:
        deps.add(SettingPart("base_url"), corpus.settings.base_url)


@dataclass(frozen=True)
class Links:
    """How an output links to other outputs: relative to where it stands, or absolute."""

    base_url: str | None
    depth: int
    """Folders between output/ and the linking file (summaries/x.md: 1; index.html: 0)."""

    def to(self, path: str) -> str:
        """The link to an output path (policies/x.html#c-4, forms/p/1.docx)."""
        if self.base_url:
            return self.base_url + path
        return "../" * self.depth + path


def links_of(corpus: Corpus, deps: Deps, depth: int) -> Links:
    record_settings(corpus, deps, links=True)
    return Links(corpus.settings.base_url, depth)

"""What an English text must and must not say beside its Chinese: the glossary's names, no
discouraged phrasing, no word of importance ('major', 'key') next to a glossary term where
the Chinese next to that term has none, and headings in sentence case."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from generators.model import Glossary, GlossaryEntry

ZH_BEFORE, ZH_AFTER = 4, 4
"""Chinese characters either side of a term that count as next to it: 首台(套)重大装备,
重大创新成果转化 (English puts the modifier on the other side: "results from major innovation")."""
EN_BEFORE, EN_AFTER = 1, 1
"""English words either side of a term's English that count as next to it: the word an
added modifier takes ("first (set of) major equipment", "key 'chokepoint' technologies")."""

# Quotation marks do not end a window: the noun after “卡脖子” is the term's head noun.
_ZH_STOP = re.compile(r"[。;；,，、:：!！?？《》]")
_EN_STOP = re.compile(r"[.;,:!?]")
_WORD = re.compile(r"[a-z]+")


def normal(text: str) -> str:
    """English as compared: one space for any run of whitespace, plain apostrophes, lower case."""
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().lower()


def glossary_spans(entries: dict[str, GlossaryEntry], zh: str) -> dict[str, list[tuple[int, int]]]:
    """Where each glossary name stands in a Chinese text, longest names first, each stretch
    of text counted once (苏州工业园区海关 is the customs office, not also the park)."""
    taken = [False] * len(zh)
    spans: dict[str, list[tuple[int, int]]] = {}
    for name in sorted(entries, key=len, reverse=True):
        start = zh.find(name)
        while start != -1:
            end = start + len(name)
            if not any(taken[start:end]):
                taken[start:end] = [True] * len(name)
                spans.setdefault(name, []).append((start, end))
            start = zh.find(name, end)
    return spans


def glossary_names(glossary: Glossary, zh: str) -> Iterator[tuple[str, GlossaryEntry]]:
    """The glossary names (terms and units) a Chinese text uses, each once."""
    entries = {**glossary.terms, **glossary.departments}
    for name in glossary_spans(entries, zh):
        yield name, entries[name]


@dataclass(frozen=True)
class DiscouragedUse:
    phrase: str
    found: str
    advice: str
    count: int


def discouraged_uses(glossary: Glossary, en: str) -> Iterator[DiscouragedUse]:
    """Each discouraged phrase an English text uses, once, with how often it does."""
    for phrase, advice in glossary.discouraged.items():
        found = [m.group(0) for m in phrase_pattern(phrase).finditer(en)]
        if found:
            yield DiscouragedUse(phrase, found[0], advice, len(found))


@functools.lru_cache(maxsize=1024)
def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Whole words, any case, any spacing; a plural -s/-es on the last word matches too."""
    body = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.compile(rf"(?<![\w-]){body}(?:e?s)?(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class AddedIntensifier:
    word: str
    term: str
    term_en: str
    justified_by: tuple[str, ...]


def added_intensifiers(glossary: Glossary, zh: str, en: str) -> Iterator[AddedIntensifier]:
    """Words of importance that stand next to a glossary term's English while the Chinese
    next to the term has none of the words that would justify them.

    The n-th use of a term in the Chinese is compared with the n-th use of its English
    when both occur equally often; otherwise each English use is compared with all the
    Chinese uses together, which lets more through. English order differs from Chinese,
    so only the words adjacent to the term are compared (ZH_*, EN_*).
    """
    if not glossary.intensifiers:
        return
    by_english: dict[str, list[tuple[str, tuple[int, int]]]] = {}
    for name, spans in glossary_spans(dict(glossary.terms), zh).items():
        key = normal(glossary.terms[name].en)
        by_english.setdefault(key, []).extend((name, span) for span in spans)
    english = normal(en)
    reported: set[tuple[str, str]] = set()
    for term_en, uses in by_english.items():
        uses.sort(key=lambda use: use[1][0])
        zh_windows = [_zh_window(zh, span) for _, span in uses]
        en_windows = [_en_window(english, m.start(), m.end()) for m in _find_all(english, term_en)]
        for index, words in enumerate(en_windows):
            if len(en_windows) == len(zh_windows):
                name, context = uses[index][0], zh_windows[index]
            else:
                name, context = uses[0][0], "".join(zh_windows)
            for word, justified_by in glossary.intensifiers.items():
                if word.lower() not in words or any(w in context for w in justified_by):
                    continue
                if (word, name) not in reported:
                    reported.add((word, name))
                    yield AddedIntensifier(word, name, glossary.terms[name].en, justified_by)


def _find_all(text: str, needle: str) -> Iterator[re.Match[str]]:
    return re.finditer(re.escape(needle), text)


def _zh_window(zh: str, span: tuple[int, int]) -> str:
    start, end = span
    before = _ZH_STOP.split(zh[max(0, start - ZH_BEFORE) : start])[-1]
    after = _ZH_STOP.split(zh[end : end + ZH_AFTER])[0]
    return before + zh[start:end] + after


def _en_window(english: str, start: int, end: int) -> set[str]:
    before = _EN_STOP.split(english[:start])[-1]
    after = _EN_STOP.split(english[end:])[0]
    words_before = _WORD.findall(before)
    return set(
        words_before[max(0, len(words_before) - EN_BEFORE) :] + _WORD.findall(after)[:EN_AFTER]
    )


_TOKEN = re.compile(r"\S+")
_CAPITALISED = re.compile(r"^[\"“‘(]*[A-Z]")
_OPENS = ('"', "“", "‘", "(")
_CLOSES = ('"', "”", "’", ")")
_CONNECTORS = frozenset({"of", "and", "for", "the", "in", "on", "to"})
"""Small words a name may hold: Centre for Haematological Diseases, School of Medicine."""


def title_case_runs(heading: str, zh: str, attested: str) -> list[str]:
    """Runs of capitalised words in a sentence-case heading that are not attested as a
    name: written with those capitals in `attested` (the running text and the glossary),
    or in Latin letters in the Chinese heading itself (BT+IT). "Promoting Industrial
    Agglomeration" has the run "Industrial Agglomeration"; "the National Biopharmaceutical
    Technology Innovation Centre" passes where the clauses name it so. The first word is
    always capitalised."""
    tokens = list(_TOKEN.finditer(heading))[1:]
    runs: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    for index, token in enumerate(tokens):
        word = token.group(0)
        following = tokens[index + 1].group(0) if index + 1 < len(tokens) else ""
        capitalised = bool(_CAPITALISED.match(word))
        joins = word in _CONNECTORS and start is not None and bool(_CAPITALISED.match(following))
        if start is not None and (word.startswith(_OPENS) or not (capitalised or joins)):
            runs.append((start, end))
            start = None
        if capitalised:
            start = token.start() if start is None else start
            end = token.end()
            if word.rstrip(",;:").endswith(_CLOSES) and not word.startswith("("):
                runs.append((start, end))
                start = None
    if start is not None:
        runs.append((start, end))
    unattested = []
    for run_start, run_end in runs:
        run = heading[run_start:run_end].strip('"“”‘’,;:').removeprefix("(")
        if run.endswith(")") and "(" not in run:
            run = run[:-1]
        if not _stands_alone_in(run, attested) and run not in zh:
            unattested.append(run)
    return unattested


def _stands_alone_in(run: str, text: str) -> bool:
    """Whether `run` occurs in `text` as whole words (no letter, digit, _ or - on either
    side). Found with str.find, not a regex search: `text` is the whole corpus's English,
    megabytes at the listing's size, and is searched once per capitalised run."""

    def joined(char: str) -> bool:
        return char.isalnum() or char in "_-"

    found = text.find(run)
    while found != -1:
        after = found + len(run)
        if (found == 0 or not joined(text[found - 1])) and (
            after == len(text) or not joined(text[after])
        ):
            return True
        found = text.find(run, found + 1)
    return False

"""English against its Chinese: missing, stale, figures that differ, glossary names,
discouraged phrasings and words of importance the Chinese does not have."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from generators.content_cache import ContentCache, Finding, review_key
from generators.fingerprint import bytes_fingerprint, data_fingerprint
from generators.i18n.figures import compare_figures
from generators.i18n.wording import (
    added_intensifiers,
    discouraged_uses,
    glossary_names,
    normal,
    title_case_runs,
)
from generators.model import BiText, Corpus, Glossary
from generators.problems import Problem, Severity
from generators.validate import bitexts
from generators.yamlio import ContentFiles, DataPath


@dataclass
class TranslationReport:
    problems: list[Problem] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    stale: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def review_translations(
    corpus: Corpus, files: ContentFiles, strict: bool, cache: ContentCache | None = None
) -> TranslationReport:
    """Review every text; a pair of texts the cache has reviewed against the same glossary
    is not reviewed again, nor a heading's case against the same running text (whether a
    capitalised word is a name depends on every English text of the corpus)."""
    report = TranslationReport()
    severity: Severity = "error" if strict else "warning"
    running_text = _running_text(corpus)
    glossary = data_fingerprint(corpus.glossary.model_dump(mode="json"))
    running = bytes_fingerprint(running_text.encode("utf-8"))
    for policy in corpus.policies:
        doc = f"policy:{policy.id}"
        for path, label, text in bitexts(policy):
            report.counts[text.status] += 1
            if text.status == "missing":
                report.missing.append(label)
                file, line = files.locate(doc, path)
                report.problems.append(
                    Problem(
                        file,
                        line,
                        label,
                        "English translation missing",
                        severity=severity,
                        code="missing-translation",
                    )
                )
                continue
            if text.status == "stale":
                report.stale.append(label)
                file, line = files.locate(doc, (*path, "en"))
                report.problems.append(
                    Problem(
                        file,
                        line,
                        label,
                        "English is stale: the Chinese changed since it was translated "
                        f"(en_fp {text.en_fp}, Chinese now {text.fingerprint}); review it, "
                        "then run "
                        "`policydocs translations confirm`",
                        severity=severity,
                        code="stale-translation",
                    )
                )
                continue
            assert text.en is not None
            findings = _reviewed(corpus.glossary, glossary, text, cache)
            if _is_heading(path):
                findings = (*findings, *_heading_case(running_text, running, text, cache))
            if findings:
                file, line = files.locate(doc, (*path, "en"))
                report.problems.extend(
                    Problem(
                        file, line, label, message, severity if strict_decides else "error", code
                    )
                    for message, code, strict_decides in findings
                )
    report.problems.extend(_glossary_against_itself(corpus.glossary, files, severity))
    return report


def _reviewed(
    glossary: Glossary, fingerprint: str, text: BiText, cache: ContentCache | None
) -> tuple[Finding, ...]:
    """What the review finds in one current translation: figures, glossary names and
    wording (from the cache when it reviewed the same texts against the same glossary)."""
    en = text.en
    assert en is not None

    def review() -> list[Finding]:
        findings: list[Finding] = [
            (mismatch.message(), "figure-mismatch", False)
            for mismatch in compare_figures(text.zh, en)
        ]
        findings += [
            (
                f"the Chinese names {name!r}; the English must call it {entry.en!r} "
                "(content/glossary.yaml)",
                "glossary-name",
                False,
            )
            for name, entry in glossary_names(glossary, text.zh)
            if normal(entry.en) not in normal(en)
        ]
        return findings + [(message, code, True) for message, code in _wording(glossary, text)]

    return _findings(cache, review_key(fingerprint, text.zh, en), review)


def _heading_case(
    running_text: str, fingerprint: str, text: BiText, cache: ContentCache | None
) -> tuple[Finding, ...]:
    """Capitalised words of a heading that no running text writes so."""
    en = text.en
    assert en is not None

    def review() -> list[Finding]:
        return [
            (
                f"heading in title case: {run!r} is capitalised, but no clause writes it so; "
                "headings are in sentence case, only names keep their capitals "
                "(content/glossary.yaml)",
                "heading-case",
                True,
            )
            for run in title_case_runs(en, text.zh, running_text)
        ]

    return _findings(cache, "heading:" + review_key(fingerprint, text.zh, en), review)


def _findings(
    cache: ContentCache | None, key: str, review: Callable[[], list[Finding]]
) -> tuple[Finding, ...]:
    """The cache's findings under `key`, or the review's (kept for the next build). A
    tuple: the caller must not change what the cache holds."""
    cached = cache.review(key) if cache is not None else None
    if cached is None:
        cached = review()
        if cache is not None:
            cache.keep_review(key, cached)
    return tuple(cached)


def _is_heading(path: DataPath) -> bool:
    """Division headings and clause titles; a policy's own title is a document's name."""
    return len(path) > 1 and path[-1] in ("heading", "title")


def _running_text(corpus: Corpus) -> str:
    """Every English text that is not a heading, and the glossary's names: where a name's
    capitals are attested."""
    parts = [
        text.en
        for policy in corpus.policies
        for path, _, text in bitexts(policy)
        if text.en and not _is_heading(path)
    ]
    glossary = corpus.glossary
    parts.extend(e.en for e in [*glossary.departments.values(), *glossary.terms.values()])
    return "\n".join(parts)


def _wording(glossary: Glossary, text: BiText) -> Iterator[tuple[str, str]]:
    """Phrasings the glossary discourages and words of importance the Chinese lacks."""
    assert text.en is not None
    for use in discouraged_uses(glossary, text.en):
        times = f" ({use.count} times)" if use.count > 1 else ""
        yield (
            f"discouraged wording {use.found!r}{times}: {use.advice} "
            "(content/glossary.yaml discouraged)",
            "discouraged-wording",
        )
    for added in added_intensifiers(glossary, text.zh, text.en):
        yield (
            f"the English says {added.word!r} next to {added.term_en!r} ({added.term}), but "
            f"the Chinese next to {added.term} has none of {'、'.join(added.justified_by)}: "
            "drop the word, or check the Chinese",
            "added-intensifier",
        )


def _glossary_against_itself(
    glossary: Glossary, files: ContentFiles, severity: Severity
) -> Iterator[Problem]:
    """A glossary name that uses a discouraged phrase would force every text to use it."""
    for section, entries in (("departments", glossary.departments), ("terms", glossary.terms)):
        for name, entry in entries.items():
            for use in discouraged_uses(glossary, entry.en):
                file, line = files.locate("glossary", (section, name, "en"))
                yield Problem(
                    file,
                    line,
                    f"{section}.{name}",
                    f"the glossary English {entry.en!r} uses the discouraged wording "
                    f"{use.found!r}: {use.advice}",
                    severity=severity,
                    code="discouraged-wording",
                )

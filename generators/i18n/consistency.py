"""English against its Chinese: missing, stale, figures that differ, glossary names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from generators.i18n.figures import compare_figures
from generators.model import Corpus, Glossary, GlossaryEntry
from generators.problems import Problem, Severity
from generators.validate import bitexts
from generators.yamlio import ContentFiles


@dataclass
class TranslationReport:
    problems: list[Problem] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    stale: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def review_translations(corpus: Corpus, files: ContentFiles, strict: bool) -> TranslationReport:
    report = TranslationReport()
    severity: Severity = "error" if strict else "warning"
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
            file, line = files.locate(doc, (*path, "en"))
            if text.status == "stale":
                report.stale.append(label)
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
            for mismatch in compare_figures(text.zh, text.en):
                report.problems.append(
                    Problem(file, line, label, mismatch.message(), code="figure-mismatch")
                )
            for name, entry in _glossary_names(corpus.glossary, text.zh):
                if _normal(entry.en) not in _normal(text.en):
                    report.problems.append(
                        Problem(
                            file,
                            line,
                            label,
                            f"the Chinese names {name!r}; the English must call it "
                            f"{entry.en!r} (content/glossary.yaml)",
                            code="glossary-name",
                        )
                    )
    return report


def _glossary_names(glossary: Glossary, zh: str) -> Iterator[tuple[str, GlossaryEntry]]:
    """Glossary names in a Chinese text, longest first, each stretch of text counted once."""
    entries = {**glossary.terms, **glossary.departments}
    taken = [False] * len(zh)
    for name in sorted(entries, key=len, reverse=True):
        for m in re.finditer(re.escape(name), zh):
            if any(taken[m.start() : m.end()]):
                continue
            for index in range(m.start(), m.end()):
                taken[index] = True
            yield name, entries[name]
            break


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().lower()

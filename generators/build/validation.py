"""The checks a build runs before writing anything (those of `check`, without --strict)."""

from __future__ import annotations

from generators.i18n.consistency import review_translations
from generators.loader import load_corpus
from generators.model import Corpus
from generators.problems import Problem
from generators.project import Project
from generators.templating.checks import check_templates


def validate_for_build(project: Project) -> tuple[Corpus, list[Problem]]:
    """The corpus and every problem found; raises ContentInvalid if it cannot be loaded."""
    corpus, files, problems = load_corpus(project.content)
    problems = list(problems)
    problems += review_translations(corpus, files, strict=False).problems
    problems += check_templates(project)
    return corpus, problems

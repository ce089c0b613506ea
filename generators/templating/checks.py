"""Template and catalog checks for `policydocs check` (filled in with the generators)."""

from __future__ import annotations

from generators.problems import Problem
from generators.project import Project


def check_templates(project: Project) -> list[Problem]:
    return []


def check_catalogs(project: Project, strict: bool) -> list[Problem]:
    return []

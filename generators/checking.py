"""`policydocs check [--strict] [--json]`: everything that can be wrong before a build."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field

from generators.content_cache import ContentCache
from generators.i18n.consistency import review_translations
from generators.loader import load_corpus
from generators.model import Corpus
from generators.problems import ContentInvalid, Problem
from generators.project import Project


@dataclass
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    stats: dict[str, object] = field(default_factory=dict)
    corpus: Corpus | None = None
    """The loaded content, when it loaded without error."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def check_project(project: Project, strict: bool, cache: ContentCache | None = None) -> CheckResult:
    """Every check there is, for `check` and for `build` alike: content, translations,
    templates, catalogs and the last build's manifest. All problems are collected. The
    build passes the content cache (what earlier builds found file by file)."""
    from generators.pipeline.manifest import forged_problems
    from generators.pipeline.registry import required_templates
    from generators.templating.checks import check_catalogs, check_templates

    result = CheckResult()
    result.problems.extend(forged_problems(project.output))
    try:
        corpus, files, warnings = load_corpus(project.content, cache)
    except ContentInvalid as exc:
        result.problems.extend(exc.problems)
        corpus = None
    else:
        result.problems.extend(warnings)
    template_problems, messages = check_templates(project, required=required_templates())
    result.problems.extend(template_problems)
    if messages is not None:
        result.problems.extend(check_catalogs(project, strict, messages))
    if corpus is None:
        result.stats = {"policies": None}
        return result
    report = review_translations(corpus, files, strict, cache)
    result.problems.extend(report.problems)
    result.corpus = corpus
    clauses = [c for p in corpus.policies for c in p.clauses]
    result.stats = {
        "policies": len(corpus.policies),
        "clauses": len(clauses),
        "clauses_with_cap": sum(1 for c in clauses if c.max_cny is not None),
        "money_bearing_clauses": sum(1 for c in clauses if c.money_bearing),
        "english": {
            "current": report.counts["current"],
            "stale": report.counts["stale"],
            "missing": report.counts["missing"],
        },
        "stale": report.stale,
        "missing": report.missing,
    }
    return result


def _last_build_cache(project: Project) -> ContentCache | None:
    """What the last build learnt from content files, read but never written: `check`
    finds what it finds without it, only faster (tests/test_content_cache.py)."""
    from generators.pipeline.cached import open_content_cache
    from generators.pipeline.manifest import ForgedManifest, load_manifest
    from generators.pipeline.sources import SourceIndex

    try:
        manifest, _ = load_manifest(project.output)
    except ForgedManifest:
        return None  # reported by check_project
    if manifest is None:
        return None
    return open_content_cache(project.output, SourceIndex(project), manifest)


def run_check(project: Project, *, strict: bool, as_json: bool) -> int:
    result = check_project(project, strict, cache=_last_build_cache(project))
    if as_json:
        document = {
            "errors": [p.as_json() for p in result.errors],
            "warnings": [p.as_json() for p in result.warnings],
            "stats": result.stats,
        }
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        english = result.stats.get("english")
        summary = f"{len(result.errors)} error(s), {len(result.warnings)} warning(s)"
        if isinstance(english, dict):
            summary += (
                f"; English: {english['current']} current, {english['stale']} stale, "
                f"{english['missing']} missing"
            )
        print(summary, file=sys.stderr)
    return 1 if result.errors else 0

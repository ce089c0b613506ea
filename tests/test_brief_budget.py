"""Briefs that stay brief (issue 14.2): their length follows the money-bearing measures
only, and at the real listing's size (309 policies) a brief is compact and at most 40
pages in each language, with every measure with money still in its table."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from generators.bench.synthetic import make_synthetic_project
from generators.deps import Deps
from generators.kinds.brief import KIND as BRIEF
from generators.loader import load_corpus
from generators.model import Corpus
from generators.views import sector_view
from generators.views.sector import FULL_TEXT_LIMIT
from tests.conftest import FIXTURES, REPO
from tests.readers import squash

PAGE_BUDGET = 40


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def words(pdf: bytes) -> str:
    return squash(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def with_clauses_granting_nothing(corpus: Corpus, count: int) -> Corpus:
    """The corpus with `count` more clauses that grant nothing, copies of one that exists."""
    policy = corpus.policies[0]
    plain = next(c for c in policy.clauses if not c.money_bearing)
    extra = [plain.model_copy(update={"id": f"x{n}", "number": f"x{n}"}) for n in range(count)]
    grown = policy.model_copy(update={"clauses": [*policy.clauses, *extra]})
    return corpus.model_copy(update={"policies": [grown, *corpus.policies[1:]]})


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_brief_does_not_grow_with_clauses_granting_nothing(lang: str) -> None:
    corpus = load_corpus(FIXTURES / "minimal" / "content")[0]
    sector = next(iter(corpus.sectors))
    before = sector_view(corpus, sector, lang, Deps(), bodies=True, every_measure=False)
    grown = with_clauses_granting_nothing(corpus, 120)
    after = sector_view(grown, sector, lang, Deps(), bodies=True, every_measure=False)
    assert after.measure_count == before.measure_count + 120  # counted on the cover
    small, large = BRIEF.render(before, REPO), BRIEF.render(after, REPO)
    assert pages(large) == pages(small)
    assert str(after.measure_count) in words(large)


@pytest.mark.slow
def test_at_the_listing_size_a_brief_is_compact_and_within_its_page_budget(
    tmp_path: Path,
) -> None:
    project = make_synthetic_project(REPO, tmp_path / "synthetic")
    corpus = load_corpus(project / "content")[0]
    counted: dict[str, int] = {}
    for lang in ("en", "zh"):  # English first: it runs longer
        view = sector_view(corpus, "ai", lang, Deps(), bodies=True, every_measure=False)
        assert len(view.money_measures) > FULL_TEXT_LIMIT and view.compact
        assert len(view.featured) < len(view.money_measures)
        assert all(m.body is not None for m in view.featured)
        pdf = BRIEF.render(view, project)
        counted[lang] = pages(pdf)
        assert counted[lang] <= PAGE_BUDGET, (lang, counted[lang])
        text = words(pdf)
        refs = {f"{view.policy_refs[m.policy_id]}{squash(m.label)}" for m in view.money_measures}
        missing = sorted(ref for ref in refs if ref not in text)
        assert not missing, missing[:10]
    print(f"ai brief at 309 policies: {counted} pages")

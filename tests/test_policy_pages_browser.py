"""Every policy's own page as readers open it (issue 14.1), in headless Chromium: from a
link to one clause (`policies/<id>.html?lang=en#c-<clause>`), in the language the link,
the saved choice or the browser asks for, offline (no request leaves the folder, from
file:// too), and printed on A4 in the chosen language without the page's controls."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from generators.model import Corpus
from tests.readers import squash

pytestmark = pytest.mark.slow


def open_page(browser: Any, url: str, locale: str = "zh-CN") -> tuple[Any, Any, list[str]]:
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    origin = url.split("/policies/")[0]

    def outside(request: Any) -> None:
        if not request.url.startswith((origin, "data:")):
            problems.append(request.url)

    page.on("request", outside)
    page.goto(url)
    return context, page, problems


def visible_text(page: Any, selector: str) -> str:
    return str(page.locator(selector).inner_text())


def test_a_link_to_a_clause_opens_it_in_english(browser: Any, site: str, seed: Corpus) -> None:
    policy = next(p for p in seed.policies if p.id == "ai-measures")
    clause = next(c for c in policy.clauses if c.id == "4")
    context, page, problems = open_page(browser, f"{site}policies/ai-measures.html?lang=en#c-4")
    assert page.evaluate("document.documentElement.lang") == "en"
    target = page.locator("#c-4")
    assert target.evaluate("e => e.matches(':target')")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled to the clause
    shown = squash(visible_text(page, "#c-4"))
    assert clause.text is not None and clause.text.en is not None
    assert squash(clause.text.en)[:80] in shown
    assert squash(clause.text.zh)[:20] not in shown  # the other language is hidden
    assert "uptoRMB5millionperproject" in shown  # its incentive, qualified
    assert problems == []
    context.close()


@pytest.mark.parametrize(
    ("locale", "query", "expected"),
    [("en-US", "", "en"), ("zh-CN", "", "zh-Hans"), ("en-US", "?lang=zh", "zh-Hans")],
)
def test_language_from_the_link_else_the_browser(
    browser: Any, site: str, locale: str, query: str, expected: str
) -> None:
    context, page, problems = open_page(browser, f"{site}policies/ic-measures.html{query}", locale)
    assert page.evaluate("document.documentElement.lang") == expected
    assert problems == []
    context.close()


def test_switching_language_keeps_the_clause_and_is_remembered(browser: Any, site: str) -> None:
    context, page, problems = open_page(browser, f"{site}policies/biomed-plan.html#c-c4.2")
    page.locator('[data-set-lang="en"]').first.click()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "lang=en" in page.url and page.url.endswith("#c-c4.2")
    other = context.new_page()  # a new tab of the same browser: the choice is remembered
    other.goto(f"{site}policies/ai-measures.html")
    assert other.evaluate("document.documentElement.lang") == "en"
    assert problems == []
    context.close()


def test_every_clause_has_its_anchor_and_every_measure_its_form(
    browser: Any, site: str, seed: Corpus
) -> None:
    for policy in seed.policies:
        context, page, problems = open_page(browser, f"{site}policies/{policy.id}.html")
        anchors = page.locator("article.clause").evaluate_all("items => items.map(i => i.id)")
        assert anchors == [f"c-{c.id}" for c in policy.clauses], policy.id
        for clause in policy.clauses:
            forms = page.locator(f'[id="c-{clause.id}"] a[href$=".docx"]')
            expected = f"../forms/{policy.id}/{clause.id}.docx"
            hrefs = set(forms.evaluate_all("links => links.map(a => a.getAttribute('href'))"))
            assert hrefs == ({expected} if clause.money_bearing else set()), clause.id
        assert problems == []
        context.close()


def test_offline_from_a_file(browser: Any, built_project: Path) -> None:
    page_path = built_project / "output" / "policies" / "ai-measures.html"
    context, page, problems = open_page(browser, page_path.as_uri() + "?lang=en#c-6")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("#c-6").is_visible()
    assert problems == []
    context.close()


def test_prints_on_a4_in_the_chosen_language_without_controls(
    browser: Any, site: str, seed: Corpus
) -> None:
    context, page, problems = open_page(browser, f"{site}policies/ai-measures.html?lang=en")
    page.emulate_media(media="print")
    assert not page.locator(".switch").first.is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    reader = PdfReader(io.BytesIO(pdf))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = squash(" ".join(p.extract_text() for p in reader.pages))
    policy = next(p for p in seed.policies if p.id == "ai-measures")
    assert policy.title.en is not None and squash(policy.title.en)[:40] in text
    assert squash(policy.title.zh) not in text
    assert problems == []
    context.close()

"""The portal as people use it, in headless Chromium, through the page's own address:
searches typed the way people type them, filters, links that can be sent on, language,
the measure matcher, the phone path to a form; screenshots at 1280 and 390 px."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from generators.deps import Deps
from generators.i18n.formatting import format_cny
from generators.model import Corpus
from generators.render.finder import amounts
from generators.views.measure import clause_label, measure_view
from tests.browser import keep_screenshots, serve

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


class Page:
    """A fresh browser page that records console errors and every request."""

    def __init__(self, browser: Any, **context: Any) -> None:
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, url: str) -> Any:
        self.page.goto(url)
        self.page.wait_for_function("document.body.classList.contains('ready')")
        return self.page

    def shown(self) -> list[str]:
        return list(
            self.page.locator("#results li.measure:not([hidden])").evaluate_all(
                "items => items.map(i => i.dataset.measure)"
            )
        )

    def close(self) -> None:
        assert self.errors == []
        self.context.close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Page]:
    page = Page(browser, viewport=DESKTOP, locale="zh-CN")
    yield page
    page.close()


def money(corpus: Corpus, sector: str | None = None) -> list[str]:
    return [
        p.qualified(c)
        for p in corpus.policies
        for c in p.clauses
        if c.money_bearing and (sector is None or sector in p.clause_sectors(c))
    ]


def query(site: str, q: str, **params: str) -> str:
    extra = "".join(f"&{k}={quote(v)}" for k, v in params.items())
    return f"{site}index.html?q={quote(q)}{extra}"


# -- the finder, through ?q= -------------------------------------------------------------------


@pytest.mark.parametrize("q", ["AI", "人工智能"])
def test_ai_finds_the_ai_measures_and_nothing_else(
    tab: Page, site: str, seed: Corpus, q: str
) -> None:
    tab.open(query(site, q))
    assert sorted(tab.shown()) == sorted(money(seed, "ai"))


@pytest.mark.parametrize("q", ["IC", "半导体", "semiconductor", "Semiconductors", "芯片"])
def test_ic_and_its_synonyms_find_the_ic_measures_and_nothing_else(
    tab: Page, site: str, seed: Corpus, q: str
) -> None:
    tab.open(query(site, q))
    assert sorted(tab.shown()) == sorted(money(seed, "ic"))


@pytest.mark.parametrize("q", ["第6条", "Clause 6", "第六条", "clause 6"])
def test_clause_citations_in_both_styles(tab: Page, site: str, seed: Corpus, q: str) -> None:
    tab.open(query(site, q))
    found = tab.shown()
    assert "ai-measures/6" in found
    cited = {
        p.qualified(c)
        for p in seed.policies
        for c in p.clauses
        if c.money_bearing and clause_label(p, c, "zh") == "第6条"
    }
    assert set(found) == cited


def test_box_citations(tab: Page, site: str) -> None:
    tab.open(query(site, "专栏4第2项"))
    assert tab.shown() == ["biomed-plan/box4.2"]
    tab.open(query(site, "Box 4 item 2"))
    assert tab.shown() == ["biomed-plan/box4.2"]


def test_subject_words_find_their_measure(tab: Page, site: str) -> None:
    tab.open(query(site, "首台"))
    assert tab.shown() == ["ai-measures/6"]
    tab.open(query(site, "流片"))
    assert tab.shown()[0] == "ic-measures/7"


@pytest.mark.parametrize("q", ["500万", "5 million", "5000000", "RMB 5,000,000", "500万元"])
def test_amounts_in_any_unit(tab: Page, site: str, seed: Corpus, q: str) -> None:
    tab.open(query(site, q))
    found = tab.shown()
    assert "ai-measures/4" in found
    stating = set()
    for policy in seed.policies:
        for clause in policy.clauses:
            if clause.money_bearing:
                view = measure_view(seed, policy, clause, "zh", Deps(), details=True, body=True)
                if 5_000_000 in amounts(view):
                    stating.add(policy.qualified(clause))
    assert set(found) == stating


@pytest.mark.parametrize("q", ["IC English brief", "集成电路英文简报", "半导体 投资指南"])
def test_asking_for_a_sectors_documents_shows_them_first(
    tab: Page, site: str, seed: Corpus, q: str
) -> None:
    page = tab.open(query(site, q, lang="en"))
    hit = page.locator("#hits .sector[data-sector=ic]")
    assert hit.count() == 1
    brief = hit.locator("[data-l=en] a[href$='.pdf']").first.get_attribute("href")
    assert brief == "briefs/ic.en.pdf"
    assert sorted(tab.shown()) == sorted(money(seed, "ic"))
    assert page.locator("#empty").is_hidden()


def test_asking_for_a_form_finds_the_measure(tab: Page, site: str) -> None:
    tab.open(query(site, "流片申请表"))
    assert tab.shown()[0] == "ic-measures/7"
    tab.open(query(site, "tape-out application form", lang="en"))
    assert tab.shown()[0] == "ic-measures/7"


def test_english_words_match_whole_words(tab: Page, site: str, seed: Corpus) -> None:
    tab.open(query(site, "talent introduction", lang="en"))
    found = tab.shown()
    assert "ic-measures/14" in found
    for qualified in found:
        policy_id, clause_id = qualified.split("/")
        policy = seed.policy(policy_id)
        assert policy is not None
        clause = next(c for c in policy.clauses if c.id == clause_id)
        words = " ".join(
            t.en or ""
            for t in (clause.title, clause.text, *(i.subject for i in clause.incentives))
            if t is not None
        ).lower()
        assert "talent" in words and "introduc" in words, qualified


def test_results_are_ranked_counted_and_grouped(tab: Page, site: str) -> None:
    page = tab.open(query(site, "人工智能补助"))
    found = tab.shown()
    assert found and all(m.startswith("ai-measures/") for m in found)
    assert page.locator("#shown").inner_text().startswith(f"找到{len(found)}项措施")
    open_groups = page.locator("#results details.group[open]:not([hidden])")
    assert open_groups.count() == 1
    assert page.locator("#results details.group:not([hidden])").count() == 1
    count = page.locator("#results details.group:not([hidden]) > summary .count").inner_text()
    assert count.startswith(f"{len(found)} /")


def test_filters_live_in_the_address(tab: Page, site: str, seed: Corpus) -> None:
    tab.open(f"{site}index.html?sector=ic&kind=subsidy&lang=en")
    found = tab.shown()
    expected = [
        p.qualified(c)
        for p, c in seed.serving("ic")
        if c.money_bearing and any(i.kind == "subsidy" for i in c.incentives)
    ]
    assert sorted(found) == sorted(expected) and found
    tab.open(f"{site}index.html?min=10000000")
    caps = tab.page.locator("#results li.measure:not([hidden])").evaluate_all(
        "items => items.map(i => Number(i.dataset.cap))"
    )
    assert caps and all(cap >= 10_000_000 for cap in caps)
    tab.open(f"{site}index.html?policy=biomed-plan")
    assert sorted(tab.shown()) == sorted(m for m in money(seed) if m.startswith("biomed-plan/"))


def test_a_search_is_sent_as_a_link_and_opens_the_same_in_a_fresh_browser(
    browser: Any, site: str
) -> None:
    first = Page(browser, viewport=DESKTOP, locale="zh-CN")
    first.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = first.open(f"{site}index.html")
    page.fill("#q", "流片")
    page.select_option("#f-sector", "ic")
    page.wait_for_function("window.location.search.includes('sector=ic')")
    assert "q=%E6%B5%81%E7%89%87" in page.url
    page.click("#copy-search")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.url
    shown = first.shown()
    first.close()
    fresh = Page(browser, viewport=DESKTOP, locale="en-US")
    fresh.open(copied)
    assert fresh.shown() == shown
    assert fresh.page.input_value("#q") == "流片"
    fresh.close()


def test_every_measure_has_a_stable_anchor_and_a_copy_link_button(
    browser: Any, site: str, seed: Corpus
) -> None:
    tab = Page(browser, viewport=DESKTOP, locale="en-US")
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = tab.open(f"{site}index.html#m-ai-measures/6")
    target = page.locator("#m-ai-measures\\/6")
    assert target.is_visible() and target.get_attribute("data-measure") == "ai-measures/6"
    assert (
        page.evaluate("document.getElementById('m-ai-measures/6').getBoundingClientRect().top")
        < 900
    )
    ids = page.locator("li.measure[data-measure]").evaluate_all(
        "items => items.map(i => [i.id, i.dataset.measure])"
    )
    assert sorted(m for _, m in ids) == sorted(money(seed))
    assert all(i == f"m-{m}" for i, m in ids)
    target.locator("[data-l=en] .copy-link").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{site}index.html?lang=en#m-ai-measures/6"
    tab.close()


def test_nothing_found_says_what_to_try(tab: Page, site: str) -> None:
    page = tab.open(query(site, "量子计算机"))
    assert tab.shown() == []
    empty = page.locator("#empty")
    assert empty.is_visible()
    text = empty.inner_text()
    assert "量子计算机" in text and "第6条" in text and "500万" in text
    page = tab.open(query(site, "流片 量子"))
    buttons = page.locator("#empty button").all_inner_texts()
    assert any(b.startswith("流片 (") and not b.startswith("流片 (0") for b in buttons)
    # A query is data: markup in it is shown as text, nothing runs or is fetched.
    before = len(tab.requests)
    tab.open(query(site, '<img src=x onerror="document.title=1">'))
    assert tab.page.title() != "1"
    assert all(not r.endswith("/x") for r in tab.requests[before:])


# -- language ----------------------------------------------------------------------------------


def test_language_from_the_address_then_the_saved_choice_then_the_browser(
    browser: Any, site: str
) -> None:
    english = Page(browser, viewport=DESKTOP, locale="en-US")
    page = english.open(f"{site}index.html")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Suzhou municipal industrial policies"
    page.click("#lang-zh")  # the reader's choice is kept
    page = english.open(f"{site}index.html")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page = english.open(f"{site}index.html?lang=en")  # a shared link wins
    assert page.locator("h1").inner_text() == "Suzhou municipal industrial policies"
    # Links to policy pages carry the language.
    href = page.locator("#results a.page-link").first.get_attribute("href")
    assert "?lang=en" in str(href)
    english.close()
    chinese = Page(browser, viewport=DESKTOP, locale="zh-CN")
    page = chinese.open(f"{site}index.html")
    assert page.locator("h1").inner_text() == "苏州市级产业政策"
    page = chinese.open(f"{site}index.html?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    chinese.close()


# -- the measure matcher -----------------------------------------------------------------------


def matches(page: Any, lang: str) -> dict[str, str]:
    script = "items => items.map(i => [i.dataset.match, i.querySelector('[data-l=%s]').innerText])"
    return dict(page.locator("#matches > li").evaluate_all(script % lang))


PROFILE = "ms=ic&ma=tape-out,rd&mv=300%E4%B8%87&mt=ic-design"


def test_the_matcher_answers_a_company_profile(tab: Page, site: str, seed: Corpus) -> None:
    page = tab.open(f"{site}index.html?lang=en&{PROFILE}")
    assert page.locator("#matcher-box").get_attribute("open") is not None
    found = matches(page, "en")
    # An IC design company doing R&D and tape-out, spending RMB 3 million: the measures
    # whose words name those activities and whose targets admit a design company.
    assert sorted(found) == ["ic-measures/10", "ic-measures/6", "ic-measures/7", "ic-measures/9"]
    tape_out = found["ic-measures/7"]
    assert "With RMB 3 million of tape-out fees" in tape_out
    assert tape_out.endswith("up to RMB 1.5 million per company") or (
        ": up to RMB 1.5 million per company" in tape_out
    )
    assert ": up to RMB 1.5 million per project" in found["ic-measures/6"]  # 50%, cap 500万
    assert ": up to RMB 900,000 per year" in found["ic-measures/9"]  # 30%
    assert (
        "up to RMB 3 million" in found["ic-measures/10"] and "With " not in found["ic-measures/10"]
    )
    assert "Spend: RMB 3 million" in page.locator("#matcher-profile").inner_text()
    # Each links to its form and to its clause on the policy page, and both resolve.
    item = page.locator("#matches > li[data-match='ic-measures/7'] [data-l=en]")
    form = item.locator("a.form-link").get_attribute("href")
    clause = item.locator("a.page-link").get_attribute("href")
    assert form == "forms/ic-measures/7.docx"
    assert clause == "policies/ic-measures.html?lang=en#c-7"
    for href in (form, clause):
        assert page.request.get(f"{site}{href}").status == 200
    zh = matches(tab.open(f"{site}index.html?lang=zh&{PROFILE}"), "zh")
    assert "：单个企业最高150万元" in zh["ic-measures/7"] and "按流片费" in zh["ic-measures/7"]


def test_the_matcher_keeps_the_cap_and_the_qualifier(tab: Page, site: str) -> None:
    page = tab.open(f"{site}index.html?lang=en&ms=ic&ma=tape-out&mv=5000%E4%B8%87&mt=ic-design")
    found = matches(page, "en")
    # 50% of RMB 50 million is 25 million, above the cap: the cap, still "up to".
    assert ": up to RMB 10 million per company" in found["ic-measures/7"]
    # A research institute is not offered what only companies may apply for.
    page = tab.open(f"{site}index.html?lang=en&ma=tape-out&mt=research")
    assert "ic-measures/7" not in matches(page, "en")


def test_the_matcher_result_prints_on_one_page(browser: Any, site: str, tmp_path: Path) -> None:
    tab = Page(browser, viewport=DESKTOP, locale="zh-CN")
    page = tab.open(f"{site}index.html?m=1&mv=1000%E4%B8%87")
    assert page.locator("#matches > li").count() == 10
    page.evaluate("document.body.classList.add('print-matcher')")
    page.emulate_media(media="print")
    pdf = tmp_path / "matcher.pdf"
    page.pdf(path=str(pdf), format="A4")
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    # Chromium's PDF maps some glyphs to CJK radicals (⽤ for 用): compare NFKC forms.
    text = unicodedata.normalize("NFKC", reader.pages[0].extract_text())
    assert "可能适用的措施" in text and "以中文原文为准" in text
    tab.close()


def test_amounts_the_page_computes_are_formatted_as_the_build_formats_them(
    tab: Page, site: str
) -> None:
    page = tab.open(f"{site}index.html")
    values = [
        1,
        999,
        1000,
        9999,
        10000,
        12345,
        150000,
        1000000,
        1234567,
        1500000,
        12345678,
        100000000,
        150000000,
        123456789,
        1000000000,
        2500000000,
        10000000000,
    ]
    for value in values:
        for lang in ("zh", "en"):
            shown = page.evaluate(f"window.portalFormatCny({value}, '{lang}')")
            assert shown == format_cny(value, lang), (value, lang)


# -- the phone -------------------------------------------------------------------------------


def test_phone_path_to_a_form_is_at_most_two_screens(
    browser: Any, site: str, tmp_path: Path
) -> None:
    phone = Page(browser, viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    page = phone.open(f"{site}index.html")
    page.screenshot(path=str(tmp_path / "portal-phone-zh.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The search box is on the first screen, and stays there while the list scrolls.
    assert page.locator("#q").bounding_box()["y"] < PHONE["height"] / 3
    # Open a sector, then a policy: the first form is within two screens of the top.
    page.locator("#results details.group > summary").first.tap()
    page.locator("#results details.group[open] details.policy > summary").first.tap()
    form = page.locator("#results li.measure:not([hidden]) [data-l=zh] a.form-link").first
    top = page.evaluate(
        "el => el.getBoundingClientRect().top + window.scrollY", form.element_handle()
    )
    assert top < 2 * PHONE["height"], top
    # Or search: the first result's form is on the first two screens.
    page = phone.open(query(site, "流片"))
    form = page.locator("#results li.measure:not([hidden]) [data-l=zh] a.form-link").first
    assert form.bounding_box()["y"] < 2 * PHONE["height"]
    page.screenshot(path=str(tmp_path / "portal-phone-search-zh.png"))
    page = phone.open(f"{site}index.html?lang=en&{PROFILE}")
    page.locator("#matcher").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "portal-phone-matcher-en.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.goto(f"{site}summaries/ic.zh.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(tmp_path / "summary-card-phone-zh.png"))
    phone.close()
    keep_screenshots(tmp_path)


def test_desktop_screenshots(browser: Any, site: str, tmp_path: Path) -> None:
    tab = Page(browser, viewport=DESKTOP, locale="zh-CN")
    tab.open(f"{site}index.html").screenshot(path=str(tmp_path / "portal-desktop-zh.png"))
    tab.open(query(site, "semiconductor", lang="en")).screenshot(
        path=str(tmp_path / "portal-desktop-search-en.png")
    )
    page = tab.open(f"{site}index.html?lang=en&{PROFILE}")
    page.locator("#matcher").screenshot(path=str(tmp_path / "portal-desktop-matcher-en.png"))
    tab.close()
    keep_screenshots(tmp_path)


def test_the_copy_for_wechat_copies_rich_text_with_absolute_links(browser: Any, site: str) -> None:
    tab = Page(browser, viewport=PHONE, locale="zh-CN")
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = tab.page
    page.goto(f"{site}summaries/ai.zh.html")
    page.click("#copy")
    page.wait_for_function("document.getElementById('copied').textContent.length > 0")
    html = page.evaluate(
        """async () => {
            const items = await navigator.clipboard.read();
            const blob = await items[0].getType('text/html');
            return await blob.text();
        }"""
    )
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs and all(h.startswith(site) for h in hrefs), hrefs[:3]
    assert 'style="' in html and "<table" not in html
    assert "最高500万元" in html
    tab.close()


@pytest.fixture(scope="module")
def fixed_rate_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The minimal project with clause 4's rate made a fixed one (按攻关投入的50%给予)."""
    from tests.conftest import fixture_project, run_cli
    from tests.helpers import replace_in

    project = fixture_project("minimal", tmp_path_factory.mktemp("fixed") / "project")
    policy = project / "content" / "policies" / "mini.yaml"
    replace_in(policy, "最高按攻关投入", "按攻关投入", count=2)
    replace_in(
        policy,
        "        rate_pct: 50\n        rate_is: maximum",
        "        rate_pct: 50\n        rate_is: fixed",
    )
    assert run_cli("build", cwd=project).code == 0
    with serve(project / "output") as base:
        yield base


@pytest.mark.parametrize(
    ("spend", "zh", "en"),
    [
        # 50% of 300万 is below the cap: a fixed rate gives a fixed sum.
        (
            "300万",
            "按攻关投入300万元计：单个项目固定150万元",
            "With RMB 3 million of investment in tackling key technical problems: "
            "RMB 1.5 million (fixed) per project",
        ),
        # 50% of 2000万 is above the cap 最高500万元: the cap, and it is a maximum.
        (
            "2000万",
            "按攻关投入2000万元计：单个项目最高500万元",
            "With RMB 20 million of investment in tackling key technical problems: "
            "up to RMB 5 million per project",
        ),
    ],
)
def test_a_fixed_rate_gives_a_fixed_sum_until_the_cap(
    browser: Any, fixed_rate_site: str, spend: str, zh: str, en: str
) -> None:
    tab = Page(browser, viewport=DESKTOP, locale="zh-CN")
    page = tab.open(f"{fixed_rate_site}index.html?lang=zh&mv={quote(spend)}")
    item = page.locator("#matches > li[data-match='mini/4']")
    assert item.locator("[data-l=zh] .computed").inner_text() == zh
    page.click("#lang-en")
    assert item.locator("[data-l=en] .computed").inner_text() == en
    tab.close()

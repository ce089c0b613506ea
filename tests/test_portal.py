"""The portal's data, summaries for people, publisher fields, base_url and edition marks,
read from what the build writes (the browser tests are in test_portal_browser.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from generators.deps import Deps
from generators.i18n.formatting import format_cny
from generators.model import Corpus
from generators.pipeline.edition import edition_baseline, edition_marks, snapshot_fingerprints
from generators.render.finder import amounts
from generators.views.matcher import applicant_kinds, incentive_tags
from generators.views.measure import measure_view
from generators.views.portal import FileLink, citation_keys, portal_view
from tests.conftest import Result, fixture_project, run_cli
from tests.helpers import policy_file, replace_in
from tests.readers import docx_paragraphs, html_text, markdown_tables, pdf_words, squash

SECTORS = ("ai", "ic", "biomed")


def clause(corpus: Corpus, qualified: str):  # type: ignore[no-untyped-def]
    policy_id, clause_id = qualified.split("/")
    policy = corpus.policy(policy_id)
    assert policy is not None
    return policy, next(c for c in policy.clauses if c.id == clause_id)


# -- citations, amounts, matcher tags: the index the finder and matcher read -----------------


@pytest.mark.parametrize(
    ("qualified", "keys"),
    [
        ("ai-measures/6", ("c6",)),
        ("ic-measures/7", ("c7",)),
        ("biomed-plan/box4.2", ("b4i2", "b4", "i2")),
        ("biomed-plan/c4.1", ("c1", "ch4c1", "ch4")),
    ],
)
def test_citation_keys_cover_both_citation_styles(
    seed: Corpus, qualified: str, keys: tuple[str, ...]
) -> None:
    policy, found = clause(seed, qualified)
    cited = citation_keys(policy, found)
    assert set(keys) <= set(cited), cited
    # The labels people read agree with the keys: 第6条 / Clause 6, 专栏4第2项 / Box 4 item 2.
    zh = measure_view(seed, policy, found, "zh", Deps(), details=False).label
    numbers = re.findall(r"\d+", zh)
    assert all(n in "".join(cited) for n in numbers), (zh, cited)


def test_amounts_index_every_stated_amount_in_yuan(seed: Corpus) -> None:
    policy, ai4 = clause(seed, "ai-measures/4")
    view = measure_view(seed, policy, ai4, "zh", Deps(), details=True, body=True)
    assert 5_000_000 in amounts(view)
    policy, ic17 = clause(seed, "ic-measures/17")
    view = measure_view(seed, policy, ic17, "zh", Deps(), details=True, body=True)
    # 累计500万元以上 in whom it is for is an amount the clause names, as well as its cap.
    assert {5_000_000, 1_000_000} <= set(amounts(view))
    policy, ic1 = clause(seed, "ic-measures/1")
    view = measure_view(seed, policy, ic1, "zh", Deps(), details=True, body=True)
    tiers = {t.amount_cny for i in ic1.incentives for t in i.tiers}
    assert tiers <= set(amounts(view))


@pytest.mark.parametrize(
    ("whom", "kinds"),
    [
        ("开展流片验证的集成电路设计企业", ("ic-design",)),
        ("开展持续技术攻关的企业、科研院所", ("company", "research")),
        ("集成电路制造、封装测试、关键装备和材料企业", ("manufacturer",)),
        ("使用苏州认定公共服务平台的企业", ("company",)),
        ("综合贡献度较高的开放平台", ("platform",)),
        ("场景提供主体(非政府投资主体)", ("company",)),
        ("经苏州市及以上认定的首台(套)装备及关键零部件", ()),
    ],
)
def test_applicants_are_the_head_of_the_target_phrase(
    seed: Corpus, whom: str, kinds: tuple[str, ...]
) -> None:
    assert applicant_kinds(seed.matcher, whom) == kinds


def test_activities_come_from_the_keyword_table_not_from_clause_ids(seed: Corpus) -> None:
    _policy, ic7 = clause(seed, "ic-measures/7")
    incentive = ic7.incentives[0]
    words = " ".join(
        t.zh for t in (ic7.title, incentive.subject, incentive.target, incentive.basis) if t
    )
    assert "tape-out" in incentive_tags(seed.matcher, words, incentive.target.zh).activities
    # The same words in any other clause would get the same tag: the rule reads words only.
    assert incentive_tags(seed.matcher, "支持流片", "企业").activities == ("tape-out",)


@pytest.mark.parametrize(
    ("table", "line", "field", "message"),
    [
        (
            "applicants:\n  design:\n    zh: 设计企业\n    en: Design company\n    kind_of: firm\n",
            5,
            "applicants.design.kind_of",
            "unknown kind of applicant 'firm' (known: design)",
        ),
        (
            "activities:\n  rd:\n    zh: 研发\n    en: R&D\n    keywords: [研发, '']\n",
            5,
            "activities.rd.keywords[1]",
            "'keywords' must be a non-empty string (got '' that is a str)",
        ),
    ],
)
def test_matcher_table_errors_name_file_line_and_field(
    tmp_path: Path, cli: Callable[..., Result], table: str, line: int, field: str, message: str
) -> None:
    project = fixture_project("minimal", tmp_path / "project")
    (project / "content" / "matcher.yaml").write_text(table, encoding="utf-8")
    result = cli("check", "--json", cwd=project)
    document = result.json()
    assert isinstance(document, dict)
    assert [(e["file"], e["line"], e["field"], e["message"]) for e in document["errors"]] == [
        ("content/matcher.yaml", line, field, message)
    ]
    assert result.code == 1


# -- the edition's changes -------------------------------------------------------------------


def test_edition_baseline_keeps_the_start_of_the_edition() -> None:
    first = {"p/1": {"zh": "甲", "en": "current"}, "p/2": {"zh": "乙", "en": "current"}}
    second = {"p/1": {"zh": "甲改", "en": "stale"}, "p/2": {"zh": "乙", "en": "current"}}
    third = {**second, "p/3": {"zh": "丙", "en": "missing"}}
    assert edition_baseline("2026-11-27", "", None, None) is None  # no earlier build
    base = edition_baseline("2026-11-27", "2026-11-27", None, first)
    assert base == snapshot_fingerprints(first)
    assert edition_marks(base, second) == {"p/1": "changed"}
    # A later build of the same edition keeps the baseline: both changes stay marked.
    again = edition_baseline("2026-11-27", "2026-11-27", base, second)
    assert edition_marks(again, third) == {"p/1": "changed", "p/3": "new"}
    # A new edition starts from the last build of the previous one.
    fresh = edition_baseline("2027-01-01", "2026-11-27", again, third)
    assert edition_marks(fresh, third) == {}


def test_portal_marks_measures_changed_in_this_edition(
    built_copy: Path, cli: Callable[..., Result]
) -> None:
    output = built_copy / "output"
    assert 'data-mark="' not in (output / "index.html").read_text("utf-8")
    replace_in(policy_file(built_copy, "ic-measures"), "包括流片费", "包括全部流片费")
    assert cli("build", cwd=built_copy).code == 0
    html = (output / "index.html").read_text("utf-8")
    assert re.findall(r'data-measure="([^"]+)"[^>]*data-mark="changed"', html) == ["ic-measures/7"]
    assert "ic-measures/7 (changed)" in (output / "CHANGES.md").read_text("utf-8")
    _, by_id = html_text(output / "index.html")
    assert "本版修改" in by_id["m-ic-measures/7"]["zh"]
    assert "Changed in this edition" in by_id["m-ic-measures/7"]["en"]
    assert 'href="CHANGES.md"' in html and 'href="#m-ic-measures/7"' in html
    # A second change in the same edition: both stay marked.
    replace_in(policy_file(built_copy, "ai-measures"), "重点突破一批", "重点突破一大批")
    assert cli("build", cwd=built_copy).code == 0
    html = (output / "index.html").read_text("utf-8")
    marked = re.findall(r'data-measure="([^"]+)"[^>]*data-mark="changed"', html)
    assert sorted(marked) == ["ai-measures/4", "ic-measures/7"]
    # A new edition starts with nothing marked.
    replace_in(
        built_copy / "content" / "settings.yaml", "edition: 2026-11-27", "edition: 2027-01-15"
    )
    assert cli("build", cwd=built_copy).code == 0
    assert 'data-mark="' not in (output / "index.html").read_text("utf-8")


# -- the portal view at any size: grouped by sector and policy, every policy page linked -----


def test_portal_groups_every_measure_once_by_its_sectors_and_policy(seed: Corpus) -> None:
    view = portal_view(seed, Deps(), lambda path: FileLink(path, 1))
    listed = [m.zh.qualified_id for m in view.measures]
    money = [p.qualified(c) for p in seed.policies for c in p.clauses if c.money_bearing]
    assert sorted(listed) == sorted(money) and len(listed) == len(set(listed))
    for group in view.groups:
        for policy in group.policies:
            for measure in policy.measures:
                assert measure.sectors == group.sectors
                assert measure.zh.policy_id == policy.id
    assert [p.id for p in view.pages] == [p.id for p in seed.policies]
    # The heading says whose policies these are, from the content (苏州市级), never invented.
    assert view.heading == {"zh": "苏州市级", "en": "Suzhou municipal"}


# -- summaries for people ----------------------------------------------------------------------


@pytest.mark.parametrize("name", [f"{s}.{lang}" for s in SECTORS for lang in ("zh", "en")])
def test_summaries_open_with_a_three_line_overview_of_what_is_on_offer(
    built_project: Path, seed: Corpus, name: str
) -> None:
    sector, lang = name.split(".")
    markdown = (built_project / "output" / "summaries" / f"{name}.md").read_text("utf-8")
    heading = "支持概览" if lang == "zh" else "What is on offer"
    section = markdown.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    assert len(lines) == 3
    money = [c for _, c in seed.serving(sector) if c.money_bearing]
    assert str(len(seed.serving(sector))) in lines[0] and str(len(money)) in lines[0]
    largest = max(c.max_cny or 0 for c in money)
    qualifier = "最高" if lang == "zh" else "up to "
    assert f"{qualifier}{format_cny(largest, lang)}" in lines[1].replace("\\", "")
    # No policy preamble stands in for the overview any more.
    for policy in seed.policies:
        for paragraph in policy.preamble:
            shown = paragraph.zh if lang == "zh" else (paragraph.en or "")
            assert shown[:40] not in markdown


@pytest.mark.parametrize(
    ("sector", "first"), [("ai", "ai-measures"), ("ic", "ic-measures"), ("biomed", "biomed-plan")]
)
def test_a_sector_summary_lists_its_own_policy_first(
    built_project: Path, sector: str, first: str
) -> None:
    markdown = (built_project / "output" / "summaries" / f"{sector}.en.md").read_text("utf-8")
    sources = markdown.split("## Source policies", 1)[1]
    links = re.findall(r"\]\(\.\./policies/([a-z0-9-]+)\.html\)", sources)
    assert links[0] == first


@pytest.mark.parametrize("name", [f"{s}.{lang}" for s in SECTORS for lang in ("zh", "en")])
def test_summary_tables_have_four_columns_and_one_link_per_measure(
    built_project: Path, name: str
) -> None:
    markdown = (built_project / "output" / "summaries" / f"{name}.md").read_text("utf-8")
    table = markdown_tables(markdown)[0]
    assert all(len(row) == 4 for row in table)
    assert len(re.findall(r"\(\.\./briefs/", markdown)) == 1  # the brief once, not per row


@pytest.mark.parametrize("name", [f"{s}.{lang}" for s in SECTORS for lang in ("zh", "en")])
def test_copy_for_wechat_has_inline_styles_and_a_card_per_measure(
    built_project: Path, seed: Corpus, name: str
) -> None:
    sector, lang = name.split(".")
    path = built_project / "output" / "summaries" / f"{name}.html"
    html = path.read_text("utf-8")
    article = html.split('<article id="content"', 1)[1].split("</article>", 1)[0]
    assert "<table" not in article and "class=" not in article.split(">", 1)[1]
    assert 'style="' in article
    cards = re.findall(r'data-measure="([^"]+)"', article)
    money = [p.qualified(c) for p, c in seed.serving(sector) if c.money_bearing]
    assert sorted(cards) == sorted(money)
    # The same money phrases as everywhere: one incentive, its qualifier, in this language.
    text = squash(re.sub(r"<[^>]+>", "", article))
    for policy, found in seed.serving(sector):
        for incentive in found.incentives:
            if incentive.max_cny and not incentive.tiers:
                amount = format_cny(incentive.max_cny, lang)
                qualified = (
                    ("最高" if lang == "zh" else "upto") + squash(amount)
                    if incentive.amount_is == "maximum"
                    else squash(amount)
                )
                assert qualified in text, (policy.id, found.id, amount)
    for href in re.findall(r'href="([^"]+)"', article):
        target, _, fragment = href.partition("#")
        file = (path.parent / target).resolve()
        assert file.exists(), href
        if fragment:
            assert f'id="{fragment}"' in file.read_text("utf-8"), href


# -- a project with a public address and a publisher -----------------------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = fixture_project("publisher", tmp_path_factory.mktemp("publisher") / "project")
    result = run_cli("build", cwd=project)
    assert result.code == 0, result.stderr
    return project


BASE = "https://policies.example.gov.cn/suzhou/"


def test_with_base_url_summaries_and_briefs_link_absolutely(published: Path) -> None:
    output = published / "output"
    for path in sorted((output / "summaries").glob("*.md")):
        tokens = MarkdownIt("commonmark").enable("table").parse(path.read_text("utf-8"))
        links = [
            c.attrGet("href") for t in tokens for c in t.children or () if c.type == "link_open"
        ]
        assert links and all(str(h).startswith(BASE) for h in links), (path.name, links)
    for path in sorted((output / "summaries").glob("*.html")):
        article = path.read_text("utf-8").split('<article id="content"', 1)[1]
        hrefs = re.findall(r'href="([^"]+)"', article)
        assert hrefs and all(h.startswith(BASE) for h in hrefs), (path.name, hrefs)
    from pypdf import PdfReader

    for path in sorted((output / "briefs").glob("*.pdf")):
        uris = [
            str(a.get_object()["/A"]["/URI"])
            for page in PdfReader(path).pages
            for a in page.get("/Annots") or []
            if "/A" in a.get_object() and "/URI" in a.get_object()["/A"]
        ]
        assert uris and all(u.startswith(BASE) for u in uris), (path.name, uris[:3])
    config = re.search(
        r'<script type="application/json" id="portal-config">(.*?)</script>',
        (output / "index.html").read_text("utf-8"),
    )
    assert config is not None and json.loads(config.group(1)) == {"baseUrl": BASE}


def test_publisher_and_contacts_are_shown_where_people_apply(published: Path) -> None:
    output = published / "output"
    zh_md = (output / "summaries" / "ai.zh.md").read_text("utf-8")
    en_md = (output / "summaries" / "ai.en.md").read_text("utf-8")
    for text in (
        "## 申报受理",
        "受理部门：市工信局",
        "电话：0512-0000 0000",
        "apply@example.gov.cn",
        "申报方式：通过示例申报系统在线提交",
        "发布单位：示例市人民政府",
        "地址：示例市示例路1号",
    ):
        assert text in zh_md.replace("\\", ""), text
    for text in (
        "## Where to apply",
        "Office: Suzhou Municipal Bureau of Industry and Information Technology",
        "How to apply: Submitted online through the example application system",
        "issued by Example Municipal People's Government",
        "Address: No. 1 Example Road, Example City",
        "Office: Suzhou Municipal Bureau of Science and Technology",
    ):
        assert text in en_md.replace("\\", ""), text
    portal, _ = html_text(output / "index.html")
    for text in (
        "发布单位：示例发布单位",
        "受理部门：市科技局",
        "地址：示例市示例路1号",
        "电话：0512-0000 0000",
    ):
        assert text in portal["zh"], text
    for text in (
        "Published by Example Publishing Office",
        "Office: Suzhou Municipal Bureau of Science and Technology",
        "issued by Example Municipal People's Government",
    ):
        assert text in portal["en"], text
    brief_zh = pdf_words(output / "briefs" / "ai.zh.pdf")
    brief_en = pdf_words(output / "briefs" / "ai.en.pdf")
    assert squash("受理部门：市工信局") in squash(brief_zh)
    assert squash("申报方式：通过示例申报系统在线提交") in squash(brief_zh)
    assert squash(
        "How to apply: Submitted online through the example application system"
    ) in squash(brief_en)


def test_forms_say_where_to_apply(published: Path) -> None:
    forms = sorted((published / "output" / "forms").rglob("*.docx"))
    assert forms
    for form in forms:
        paragraphs = docx_paragraphs(form)
        text = squash(" ".join(paragraphs))
        # The policy's own contact comes before its sector's, one line per part.
        office = paragraphs.index("受理部门：市科技局")
        assert paragraphs[office + 1] == "地址：示例市示例路1号", form.name
        assert squash("Office: Suzhou Municipal Bureau of Science and Technology") in text
        assert "市工信局；电话" not in text


def test_the_seed_invents_no_publisher(built_project: Path) -> None:
    output = built_project / "output"
    for path in [output / "index.html", *sorted((output / "summaries").glob("*"))]:
        text = path.read_text("utf-8")
        assert "Where to apply" not in text and "申报受理" not in text
        for word in (
            "受理部门：",
            "Office: ",
            "电话：",
            "Telephone: ",
            "Published by",
            "发布单位：",
        ):
            assert word not in text, (path.name, word)

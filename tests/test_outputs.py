"""What the built documents say: PDF text and fonts, Markdown structure, DOCX parts."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from generators.loader import load_corpus
from generators.model import Corpus
from tests.conftest import REPO

SECTORS = ("ai", "ic", "biomed")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(REPO / "content")[0]


def pdf_text(path: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = re.sub(r"\u2010\s*\n\s*", "", text)  # words hyphenated at a line end
    return re.sub(r"\s+", "", text)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("sector", SECTORS)
def test_chinese_brief_shows_every_heading_and_caps(
    built_project: Path, corpus: Corpus, sector: str
) -> None:
    text = pdf_text(built_project / "output" / "briefs" / f"{sector}.zh.pdf")
    assert squash(corpus.sectors[sector].zh) in text
    for heading in ("概览", "资金支持一览", "措施全文", "责任单位", "政策来源", "目录"):
        assert heading in text
    # Every measure with money in full; the other clauses are counted, and in full on
    # their policy's pages, so the brief does not grow with them.
    serving = corpus.serving(sector)
    assert f"共{len(serving)}项措施" in text
    for policy, clause in serving:
        words = clause.title or clause.text
        assert words is not None
        if clause.money_bearing:
            assert squash(words.zh)[:30] in text, f"{policy.id}/{clause.id}"
    if sector == "ic":
        assert "1000万元" in text and "5000万元" in text and "RMB" not in text
    assert "以中文原文为准" not in text  # no translation notice in the original


@pytest.mark.parametrize("sector", SECTORS)
def test_english_brief_is_marked_as_a_translation(
    built_project: Path, corpus: Corpus, sector: str
) -> None:
    text = pdf_text(built_project / "output" / "briefs" / f"{sector}.en.pdf")
    assert squash("The Chinese original prevails in case of any inconsistency.") in text
    for policy, clause in corpus.serving(sector):
        words = clause.title or clause.text
        assert words is not None and words.en is not None
        if clause.money_bearing:
            assert squash(words.en)[:30] in text, f"{policy.id}/{clause.id}"
    if sector == "ic":
        assert squash("RMB 10 million") in text and squash("RMB 50 million") in text
        assert "万元" not in text


@pytest.mark.parametrize("sector", SECTORS)
def test_english_briefs_print_typographic_quotes(built_project: Path, sector: str) -> None:
    text = pdf_text(built_project / "output" / "briefs" / f"{sector}.en.pdf")
    assert '"' not in text
    if sector == "ai":  # content says "Leading Goose" with straight quotes
        assert "\u201cLeadingGoose\u201d" in text


@pytest.mark.parametrize("name", [f"{s}.{lang}.pdf" for s in SECTORS for lang in ("zh", "en")])
def test_briefs_are_tagged_a4_with_embedded_cjk_subsets(built_project: Path, name: str) -> None:
    path = built_project / "output" / "briefs" / name
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Tagged:\s+yes", info)
    assert "595.276 x 841.89 pts (A4)" in info
    assert re.search(r"Title:\s+\S", info) and re.search(r"Subject:\s+\S", info)
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    cjk = [line for line in fonts.splitlines() if "CJK-SC" in line]
    assert cjk, fonts
    assert all(line.split()[-5:-2] == ["yes", "yes", "yes"] for line in cjk)  # emb sub uni
    assert "CJK-JP" not in fonts  # never a Japanese face for Chinese


def test_briefs_and_forms_are_byte_identical_across_builds(
    built_project: Path, tmp_path: Path
) -> None:
    from tests.conftest import copy_project, run_cli

    again = copy_project(tmp_path / "again")
    assert run_cli("build", "--force", cwd=again).code == 0
    for relative in (
        "briefs/ai.zh.pdf",
        "briefs/biomed.en.pdf",
        "forms/ic-measures/1.docx",
        "summaries/ic.en.md",
        "index.html",
    ):
        first = (built_project / "output" / relative).read_bytes()
        assert first == (again / "output" / relative).read_bytes(), relative


@pytest.mark.parametrize("name", [f"{s}.{lang}.md" for s in SECTORS for lang in ("zh", "en")])
def test_summaries_are_commonmark_with_a_measures_table(
    built_project: Path, corpus: Corpus, name: str
) -> None:
    path = built_project / "output" / "summaries" / name
    markdown = path.read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    assert [t for t in tokens if t.type == "html_block" or t.type == "html_inline"] == []
    sector, lang = name.split(".")[:2]
    incentives = [i for _, c in corpus.serving(sector) if c.money_bearing for i in c.incentives]
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == len(incentives) + 1  # header + one row per incentive
    links = [
        child.attrGet("href")
        for t in tokens
        for child in t.children or ()
        if child.type == "link_open"
    ]
    assert links
    for href in links:
        assert isinstance(href, str)
        assert_link_resolves(path.parent, href)
    if lang == "en":
        assert "The Chinese original prevails" in markdown
    # One link per measure with financial support, to its clause on the policy page.
    anchored = [h for h in links if isinstance(h, str) and "#c-" in h]
    assert len(anchored) == len(set(anchored)), "a measure is linked more than once"
    for policy, clause in corpus.serving(sector):
        assert f"../policies/{policy.id}.html#c-{clause.id}" in anchored, clause.id


def assert_link_resolves(base: Path, href: str) -> None:
    """A relative link names an existing file and, with a fragment, an id inside it."""
    target, _, fragment = href.partition("#")
    file = (base / target).resolve()
    assert file.exists(), href
    if fragment:
        assert f'id="{fragment}"' in file.read_text("utf-8"), href


def test_every_money_bearing_clause_has_a_form(built_project: Path, corpus: Corpus) -> None:
    expected = {
        f"forms/{p.id}/{c.id}.docx" for p in corpus.policies for c in p.clauses if c.money_bearing
    }
    found = {
        str(p.relative_to(built_project / "output"))
        for p in (built_project / "output" / "forms").rglob("*.docx")
    }
    assert found == expected
    assert len(expected) >= 28


REQUIRED_FIELDS = (
    "applicant_name",
    "uscc",
    "registered_address",
    "legal_representative",
    "contact_name",
    "contact_phone",
    "contact_email",
    "type_private",
    "project_name",
    "project_summary",
    "total_investment_cny",
    "threshold_cny",
    "prior_award_cny",
    "requested_amount_cny",
    "declaration_date",
)


def test_form_parts(built_project: Path) -> None:
    path = built_project / "output" / "forms" / "ic-measures" / "1.docx"
    with zipfile.ZipFile(path) as package:
        document = package.read("word/document.xml").decode("utf-8")
        settings = package.read("word/settings.xml").decode("utf-8")
        styles = package.read("word/styles.xml").decode("utf-8")
        custom = package.read("docProps/custom.xml").decode("utf-8")
        footer = "".join(
            package.read(n).decode("utf-8")
            for n in package.namelist()
            if n.startswith("word/footer")
        )
    names = re.findall(r'<w:name w:val="([^"]+)"/>', document)
    for field in REQUIRED_FIELDS:
        assert field in names
    assert {"option_1_1", "option_2_3"} <= set(names)  # a tiered measure asks which tier
    assert document.count("FORMCHECKBOX") >= 7 and "FORMDROPDOWN" not in document
    assert "w:helpText" in document and "营业执照" in document
    assert 'w:edit="forms"' in settings and 'w:enforcement="1"' in settings
    assert 'w:eastAsia="Noto Serif CJK SC"' in styles and 'w:eastAsia="zh-CN"' in styles
    assert "PAGE" in footer and "NUMPAGES" in footer and "PD-ic-measures-1" in footer
    assert 'name="policydocs.clause_id"><vt:lpwstr>1</vt:lpwstr>' in custom
    assert 'name="policydocs.policy_id"><vt:lpwstr>ic-measures</vt:lpwstr>' in custom
    assert 'name="policydocs.max_cny"><vt:lpwstr>10000000</vt:lpwstr>' in custom
    assert "鼓励企业做大做强" in document and "Encouraging enterprises" in document
    assert "1000万元" in document and "RMB 10 million" in document


def test_portal_links_resolve(built_project: Path) -> None:
    html = (built_project / "output" / "index.html").read_text(encoding="utf-8")
    hrefs = [h for h in re.findall(r'href="([^"#]+)"', html) if not h.startswith("data:")]
    assert len(hrefs) > 40
    for href in hrefs:
        assert not href.startswith(("http:", "https:", "//")), href
        assert (built_project / "output" / href).exists(), href
    assert "<script src" not in html
    assert re.findall(r"<link[^>]*>", html) == ['<link rel="icon" href="data:,">']


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_brief_bookmarks_follow_the_headings(built_project: Path, lang: str) -> None:
    from pypdf import PdfReader

    reader = PdfReader(built_project / "output" / "briefs" / f"ai.{lang}.pdf")
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    expected = (
        ["概览", "资金支持一览", "适用于全部措施的条件", "措施全文", "责任单位", "政策来源"]
        if lang == "zh"
        else [
            "At a glance",
            "Financial support at a glance",
            "Conditions that apply to every measure",
            "The measures in full",
            "Responsible units",
            "Source policies",
        ]
    )
    assert top[1:] == expected  # after the cover title
    nested = [item for item in reader.outline if isinstance(item, list)]
    assert nested, "policy and chapter headings are nested bookmarks"

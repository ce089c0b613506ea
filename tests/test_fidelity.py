"""The outputs say what the policy says: every amount and rate with its qualifier and basis.

Read from the built files as their readers see them (PDF text, Markdown tables, DOCX
paragraphs, HTML by language) on the seed corpus and on constructed clauses. The phrases
expected are written out here, from the content, independently of the templates: a
template that drops "up to", prints a fixed sum as a cap or a range as a fixed rate fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generators.i18n.formatting import format_cny, format_rate
from generators.loader import load_corpus
from generators.model import Clause, Corpus, Incentive, Policy
from tests.conftest import fixture_project, run_cli
from tests.readers import (
    between,
    docx_paragraphs,
    html_text,
    markdown_tables,
    pdf_table_columns,
    pdf_words,
    squash,
)

LANGS = ("zh", "en")
SECTORS = ("ai", "ic", "biomed")
SCOPE = {
    "zh": {"project": "单个项目", "company": "单个企业", "platform": "单个平台", "year": "每年"},
    "en": {
        "project": "per project",
        "company": "per company",
        "platform": "per platform",
        "year": "per year",
    },
}


# -- what each incentive must be called, written out from the content --------------------


def flat(text: str) -> str:
    """Squashed, and without hyphens: a PDF line may end inside a word, hyphenated."""
    return squash(text).replace("-", "")


def qualified(money: str, amount_is: str | None, lang: str) -> str:
    if amount_is == "maximum":
        return f"最高{money}" if lang == "zh" else f"up to {money}"
    if amount_is == "fixed":
        return f"固定{money}" if lang == "zh" else f"{money} (fixed)"
    return money


def amount_phrase(incentive: Incentive, lang: str) -> str | None:
    """最高500万元 / up to RMB 5 million; 固定20万元/每个产品 / RMB 200,000 per product (fixed)."""
    if incentive.amount_is == "case-by-case":
        return "一事一议" if lang == "zh" else "decided case by case"
    if incentive.max_cny is None:
        return None
    money = format_cny(incentive.max_cny, lang)
    if incentive.per_unit is not None:
        unit = incentive.per_unit.zh if lang == "zh" else incentive.per_unit.en
        assert unit is not None
        if lang == "zh":
            money += f"/{unit}" if len(unit) == 1 else f"/每个{unit}"
        else:
            money += f" per {unit}"
    money = qualified(money, incentive.amount_is, lang)
    if incentive.per:
        words = [SCOPE[lang][p] for p in incentive.per]
        money = "".join(words) + money if lang == "zh" else money + " " + " ".join(words)
    return money


def tier_phrases(incentive: Incentive, lang: str) -> list[str]:
    return [
        f"{format_cny(t.threshold_cny, lang) if t.threshold_cny is not None else ''} → "
        f"{qualified(format_cny(t.amount_cny, lang), incentive.amount_is, lang)}"
        for t in incentive.tiers
    ]


def rate_phrase(incentive: Incentive, lang: str) -> str | None:
    """最高按攻关投入的50% / up to 50% of …; 按…的10%~30%; 根据采购额确定 / according to …."""
    basis = None
    if incentive.basis is not None:
        basis = incentive.basis.zh if lang == "zh" else incentive.basis.en
    if incentive.rate_pct is None:
        if basis is None:
            return None
        return f"根据{basis}确定" if lang == "zh" else f"according to {basis}"
    rate = format_rate(incentive.rate_pct, lang)
    maximum = incentive.rate_is == "maximum"
    if basis is None:
        return (f"最高{rate}" if lang == "zh" else f"up to {rate}") if maximum else rate
    if lang == "zh":
        return f"最高按{basis}的{rate}" if maximum else f"按{basis}的{rate}"
    return f"up to {rate} of {basis}" if maximum else f"{rate} of {basis}"


DIFFERENCE = {
    "zh": "晋档补差：升档时只发放与已获奖励的差额。",
    "en": "Moving up a tier pays only the difference from rewards already received.",
}


def money_clauses(corpus: Corpus, sector: str | None = None) -> Iterator[tuple[Policy, Clause]]:
    for policy in corpus.policies:
        for clause in policy.clauses:
            if clause.money_bearing and (sector is None or sector in policy.clause_sectors(clause)):
                yield policy, clause


def expected_phrases(incentive: Incentive, lang: str) -> list[str]:
    """Every phrase one incentive's row must show."""
    phrases = tier_phrases(incentive, lang) if incentive.tiers else [amount_phrase(incentive, lang)]
    phrases.append(rate_phrase(incentive, lang))
    if incentive.tiers_combine == "difference":
        phrases.append(DIFFERENCE[lang])
    return [p for p in phrases if p]


# -- the content itself agrees with the words of the policy -------------------------------


def _chinese_amount(amount: int) -> list[str]:
    wan = amount / 10_000
    number = f"{wan:g}"
    forms = (
        [f"{number}万", f"{amount / 100_000_000:g}亿"] if amount >= 100_000_000 else [f"{number}万"]
    )
    return forms


def _phrase_before(words: str, index: int) -> str:
    unbracketed = re.sub(r"[(（][^()（）]*[)）]", "", words[:index])
    return re.split(r"[,，;；。]", unbracketed)[-1]


def test_every_qualifier_of_the_seed_agrees_with_the_words_of_the_policy(seed: Corpus) -> None:
    """最高 (or 不超过) in the phrase that grants an amount or a rate makes it a maximum.

    The phrase is the words since the last comma or semicolon outside brackets, so 最高
    reaches amounts coordinated with 、 or 和 (分别给予最高200万元、500万元) but not the next
    phrase.
    """
    checked = 0
    for policy, clause in money_clauses(seed):
        for incentive in clause.incentives:
            words = incentive.subject.zh
            amounts = [t.amount_cny for t in incentive.tiers] or (
                [incentive.max_cny] if incentive.max_cny else []
            )
            for amount in amounts:
                index = min(
                    (i for form in _chinese_amount(amount) if (i := words.find(form)) != -1),
                    default=-1,
                )
                assert index != -1, (policy.id, clause.id, amount)
                phrase = _phrase_before(words, index)
                said = "maximum" if re.search("最高|不超过|不高于|上限", phrase) else "fixed"
                assert incentive.amount_is == said, (policy.id, clause.id, amount, phrase)
                checked += 1
            if (
                isinstance(incentive.rate_pct, tuple)
                and incentive.rate_pct[0] != incentive.rate_pct[1]
            ):
                low, high = incentive.rate_pct
                assert re.search(rf"{low:g}%?\s*[~～\-—–至到]+\s*{high:g}%", words)
                said, phrase = "range", words
            elif incentive.rate_pct is not None:
                rate = (
                    incentive.rate_pct
                    if isinstance(incentive.rate_pct, float)
                    else (incentive.rate_pct[0])
                )
                index = words.find(f"{rate:g}%")
                assert index != -1, (policy.id, clause.id)
                phrase = _phrase_before(words, index)
                said = "maximum" if re.search("最高|不超过|不高于", phrase) else "fixed"
            if incentive.rate_pct is not None:
                assert incentive.rate_is == said, (policy.id, clause.id, phrase)
                checked += 1
    assert checked >= 45


def test_english_subjects_keep_the_qualifier_of_each_amount(seed: Corpus) -> None:
    """A maximum is "up to" (or "maximum", "not exceeding") in English too; a fixed sum is not."""
    for policy, clause in money_clauses(seed):
        for incentive in clause.incentives:
            english = incentive.subject.en or ""
            for amount in [t.amount_cny for t in incentive.tiers] or [incentive.max_cny or 0]:
                if not amount:
                    continue
                money = format_cny(amount, "en")
                index = english.find(money)
                assert index != -1, (policy.id, clause.id, money, english)
                before = english[max(0, index - 60) : index]
                qualified_words = re.search(r"up to|maximum|not exceeding|at most", before)
                if incentive.amount_is == "maximum":
                    assert qualified_words, (policy.id, clause.id, money, before)
                else:
                    assert not re.search(r"up to\s*$", before), (policy.id, clause.id, before)


# -- every output prints each incentive with its qualifier --------------------------------


@pytest.mark.parametrize("name", [f"{s}.{lang}" for s in SECTORS for lang in LANGS])
def test_summary_tables_have_one_row_per_incentive_with_its_qualifier(
    built_project: Path, seed: Corpus, name: str
) -> None:
    sector, lang = name.split(".")
    markdown = (built_project / "output" / "summaries" / f"{name}.md").read_text("utf-8")
    tables = markdown_tables(markdown)
    assert tables, "the summary has a table of financial support"
    header, *rows = tables[0]
    assert header[2:4] == (
        ["金额", "比例及计算基数"] if lang == "zh" else ["Amount", "Rate and basis"]
    )
    incentives = [i for _, c in money_clauses(seed, sector) for i in c.incentives]
    assert len(rows) == len(incentives)
    joiner = "；" if lang == "zh" else "; "
    for row, incentive in zip(rows, incentives, strict=True):
        amount = (
            joiner.join(tier_phrases(incentive, lang))
            if incentive.tiers
            else amount_phrase(incentive, lang) or "—"
        )
        assert row[2] == amount, (incentive.subject.zh, row)
        assert row[3] == (rate_phrase(incentive, lang) or "—"), (incentive.subject.zh, row)
        target = incentive.target.zh if lang == "zh" else incentive.target.en
        assert target is not None and row[1].startswith(target)
        if incentive.tiers_combine == "difference":
            assert DIFFERENCE[lang] in row[1]


@pytest.mark.parametrize("name", [f"{s}.{lang}" for s in SECTORS for lang in LANGS])
def test_brief_tables_qualify_every_amount_and_rate(
    built_project: Path, seed: Corpus, name: str
) -> None:
    """Each phrase stands in its own column of the table, and nothing there is bare."""
    sector, lang = name.split(".")
    columns = pdf_table_columns(
        built_project / "output" / "briefs" / f"{name}.pdf", "措施" if lang == "zh" else "Measure"
    )
    amounts = flat(columns["金额" if lang == "zh" else "Amount"])
    rates = flat(columns["比例及计算基数" if lang == "zh" else "Rate and basis"])
    whom = flat(columns["支持对象" if lang == "zh" else "For whom or what"])
    expected_amounts: list[str] = []
    for policy, clause in money_clauses(seed, sector):
        for incentive in clause.incentives:
            shown = (
                tier_phrases(incentive, lang)
                if incentive.tiers
                else [amount_phrase(incentive, lang)]
            )
            for phrase in filter(None, shown):
                assert flat(phrase) in amounts, (policy.id, clause.id, phrase)
                expected_amounts.append(flat(phrase))
            rate = rate_phrase(incentive, lang)
            if rate:
                assert flat(rate) in rates, (policy.id, clause.id, rate)
            if incentive.tiers_combine == "difference":
                assert flat(DIFFERENCE[lang]) in whom
    # Nothing else stands in the amount column: no bare amount, no amount without its
    # qualifier, in reading order.
    leftover = amounts.replace("•", "")
    for phrase in expected_amounts:
        position = leftover.find(phrase)
        assert position != -1, phrase
        leftover = leftover[:position] + leftover[position + len(phrase) :]
    assert leftover == "", leftover
    for _, clause in money_clauses(seed, sector):
        for incentive in clause.incentives:
            rate = rate_phrase(incentive, lang)
            if incentive.rate_is == "maximum" and rate:
                bare = rate.removeprefix("最高").removeprefix("up to ")
                assert rates.count(flat(bare)) == rates.count(flat(rate)), rate


def test_forms_show_each_incentive_with_its_qualifier_in_both_languages(
    built_project: Path, seed: Corpus
) -> None:
    for policy, clause in money_clauses(seed):
        text = squash(
            "\n".join(
                docx_paragraphs(
                    built_project / "output" / "forms" / policy.id / f"{clause.id}.docx"
                )
            )
        )
        for incentive in clause.incentives:
            for lang in LANGS:
                for phrase in expected_phrases(incentive, lang):
                    assert squash(phrase) in text, (policy.id, clause.id, lang, phrase)


def test_portal_cards_and_policy_pages_show_each_incentive(
    built_project: Path, seed: Corpus
) -> None:
    output = built_project / "output"
    _, portal = html_text(output / "index.html")
    cards = {}
    portal_html = (output / "index.html").read_text("utf-8")
    for match in re.finditer(r'data-measure="([^"]+)"', portal_html):
        cards[match.group(1)] = True
    pages = {p.id: html_text(output / "policies" / f"{p.id}.html")[1] for p in seed.policies}
    for policy, clause in money_clauses(seed):
        assert f"{policy.id}/{clause.id}" in cards
        article = pages[policy.id][f"c-{clause.id}"]
        for incentive in clause.incentives:
            for lang in LANGS:
                shown = squash(article[lang])
                for phrase in expected_phrases(incentive, lang):
                    assert squash(phrase) in shown, (policy.id, clause.id, lang, phrase)
    # Portal cards: the same phrases inside each card, per language.
    for policy, clause in money_clauses(seed):
        card = _portal_card(portal_html, f"{policy.id}/{clause.id}")
        for incentive in clause.incentives:
            for lang in LANGS:
                for phrase in expected_phrases(incentive, lang):
                    assert squash(phrase) in squash(card[lang]), (policy.id, clause.id, phrase)
    del portal


def _portal_card(html: str, measure: str) -> dict[str, str]:
    start = html.index(f'data-measure="{measure}"')
    end = html.find('<li class="measure"', start)
    piece = html[start : end if end != -1 else len(html)]
    parts: dict[str, str] = {}
    for lang in LANGS:
        found = re.findall(rf'data-l="{lang}">(.*?)</div>', piece, flags=re.S)
        parts[lang] = re.sub(r"<[^>]+>", "", " ".join(found)).replace("&amp;", "&")
    return parts


# -- nothing a reader needs is dropped ------------------------------------------------------


def _all_texts(built: Path) -> dict[str, str]:
    """Everything people open, per language, squashed: PDFs, Markdown, HTML."""
    output = built / "output"
    found = {"zh": [], "en": []}
    for lang in LANGS:
        for pdf in sorted((output / "briefs").glob(f"*.{lang}.pdf")):
            found[lang].append(pdf_words(pdf))
        for md in sorted((output / "summaries").glob(f"*.{lang}.md")):
            found[lang].append(md.read_text("utf-8").replace("\\", ""))
    for html in [output / "index.html", *sorted((output / "policies").glob("*.html"))]:
        by_lang, _ = html_text(html)
        for lang in LANGS:
            found[lang].append(by_lang[lang])
    return {lang: squash(" ".join(parts)) for lang, parts in found.items()}


def test_every_clause_and_paragraph_is_in_full_somewhere_in_each_language(
    built_project: Path, seed: Corpus
) -> None:
    texts = _all_texts(built_project)
    missing: list[str] = []
    for policy in seed.policies:
        paragraphs = [("title", policy.title), *(("preamble", p) for p in policy.preamble)]
        for division in policy.divisions:
            paragraphs += [(f"{division.key} intro", p) for p in division.intro]
            paragraphs += [(f"{division.key} notes", p) for p in division.notes]
        for clause in policy.clauses:
            paragraphs += [(f"clause {clause.id}", t) for t in (clause.title, clause.text) if t]
        for where, bitext in paragraphs:
            for lang in LANGS:
                words = bitext.zh if lang == "zh" else bitext.en
                assert words is not None
                if squash(words) not in texts[lang]:
                    missing.append(f"{policy.id} {where} ({lang})")
    assert missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_conditions_block_in_briefs_summaries_forms_and_pages(
    built_project: Path, seed: Corpus, lang: str
) -> None:
    output = built_project / "output"
    heading = "适用于全部措施的条件" if lang == "zh" else "Conditions that apply to every measure"
    no_double = "就高不重复" if lang == "zh" else seed.glossary.terms["就高不重复"].en
    for sector in SECTORS:
        brief = pdf_words(output / "briefs" / f"{sector}.{lang}.pdf")
        assert heading in brief
        block = squash(between(brief, heading, ("措施全文", "The measures in full")))
        summary = (output / "summaries" / f"{sector}.{lang}.md").read_text("utf-8")
        assert f"## {heading}" in summary
        if sector in ("ai", "ic"):
            assert squash(no_double) in block and no_double in summary
    biomed = squash(pdf_words(output / "briefs" / f"biomed.{lang}.pdf"))
    annual_cap = "2亿元" if lang == "zh" else "RMB 200 million"
    window = "2021—2023年" if lang == "zh" else "2021"
    assert squash(annual_cap) in biomed and squash(window) in biomed
    form = squash("\n".join(docx_paragraphs(output / "forms" / "ai-measures" / "4.docx")))
    assert squash("适用于本政策全部措施的条件") in form
    assert squash(no_double) in form
    biomed_form = squash("\n".join(docx_paragraphs(output / "forms" / "biomed-plan" / "c4.2.docx")))
    assert squash(annual_cap) in biomed_form


def test_empty_sections_are_left_out_and_citations_follow_the_policy(built_project: Path) -> None:
    output = built_project / "output"
    for lang in LANGS:
        words = pdf_words(output / "briefs" / f"biomed.{lang}.pdf")
        unit_heading = "责任单位" if lang == "zh" else "Responsible units"
        contents = between(words, "目录" if lang == "zh" else "Contents", ("概览", "At a glance"))
        assert unit_heading not in contents  # no empty "Responsible units" section
        table = between(
            words,
            "资金支持一览" if lang == "zh" else "Financial support at a glance",
            ("适用于全部措施的条件", "Conditions that apply to every measure"),
        )
        assert ("政策未列明" if lang == "zh" else "Not named in the policy") in table
        flat_table = squash(table)
        if lang == "zh":
            assert "第四章第1条" in flat_table and "第四章第2条" in flat_table
            rest = flat_table.replace("第四章第1条", "").replace("第四章第2条", "")
            assert "第1条" not in rest and "第2条" not in rest  # never cited without 第四章
        else:
            assert "Chapter4,Clause1" in flat_table and "Chapter4,Clause2" in flat_table


def test_clauses_without_a_heading_are_not_titled_by_their_own_provision(seed: Corpus) -> None:
    ai = seed.policy("ai-measures")
    ic = seed.policy("ic-measures")
    assert ai is not None and ic is not None
    for policy, ids in ((ai, ("16", "17", "18")), (ic, ("23", "24", "25"))):
        for clause in policy.clauses:
            if clause.id in ids:
                assert clause.title is None and clause.text is not None
                assert clause.text.zh.startswith("本政策")


# -- constructed clauses: each way of granting money, built and read back ---------------


@pytest.fixture(scope="module")
def constructed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Corpus]:
    project = fixture_project("meaning", tmp_path_factory.mktemp("meaning") / "project")
    result = run_cli("build", cwd=project)
    assert result.code == 0, result.stderr
    return project, load_corpus(project / "content")[0]


EXPECTED = {
    # clause: (zh phrases, en phrases) the summary, brief, form and page must all show
    "1": (["固定50万元"], ["RMB 500,000 (fixed)"]),
    "2": (["固定10万元/每个产品"], ["RMB 100,000 per product (fixed)"]),
    "3": (
        ["1亿元 → 最高100万元", "5亿元 → 最高200万元", DIFFERENCE["zh"]],
        [
            "RMB 100 million → up to RMB 1 million",
            "RMB 500 million → up to RMB 2 million",
            DIFFERENCE["en"],
        ],
    ),
    "4": (
        ["单个项目最高200万元", "最高按研发投入的30%"],
        ["up to RMB 2 million per project", "up to 30% of R&D investment"],
    ),
}


def test_constructed_clauses_read_back_with_their_meaning(
    constructed: tuple[Path, Corpus],
) -> None:
    project, corpus = constructed
    output = project / "output"
    for clause_id, (zh, en) in EXPECTED.items():
        form = squash(
            "\n".join(docx_paragraphs(output / "forms" / "meaning" / f"{clause_id}.docx"))
        )
        _, page = html_text(output / "policies" / "meaning.html")
        for lang, phrases in (("zh", zh), ("en", en)):
            summary = squash(
                (output / "summaries" / f"ai.{lang}.md").read_text("utf-8").replace("\\", "")
            )
            columns = pdf_table_columns(
                output / "briefs" / f"ai.{lang}.pdf", "措施" if lang == "zh" else "Measure"
            )
            brief = flat(" ".join(columns.values()))
            for phrase in phrases:
                for name, text in (
                    ("summary", summary),
                    ("brief", brief),
                    ("form", form),
                    ("page", squash(page[f"c-{clause_id}"][lang])),
                ):
                    assert flat(phrase) in text.replace("-", ""), (clause_id, lang, name, phrase)
    # A fixed sum is never called a maximum, a maximum never printed bare.
    summary_zh = (output / "summaries" / "ai.zh.md").read_text("utf-8")
    assert "最高50万元" not in summary_zh and "最高10万元" not in summary_zh
    rows = markdown_tables(summary_zh)[0][1:]
    assert rows[0][2] == "固定50万元"
    # The scope clause is a condition of every measure, with its no-double-funding rule.
    for lang, heading, rule in (
        ("zh", "适用于全部措施的条件", "就高不重复"),
        ("en", "Conditions that apply to every measure", "without duplication"),
    ):
        brief = pdf_words(output / "briefs" / f"ai.{lang}.pdf")
        block = between(brief, heading, ("措施全文", "The measures in full"))
        assert rule in block
        assert ("适用对象" if lang == "zh" else "Who may apply") in block
    del corpus

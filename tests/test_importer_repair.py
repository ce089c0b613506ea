"""Each repair rule for text extracted from a PDF, on its own, with real sentences."""

from __future__ import annotations

from collections import Counter

import pytest

from generators.importer.repair import (
    drop_page_numbers,
    drop_running_lines,
    fullwidth_forms,
    join_broken_lines,
    paragraph_repairer,
    radical_forms,
    repair_text_lines,
    space_between_cjk_and_latin,
    spaced_digits,
    split_words,
)

# Lines of the Beijing plan as a PDF lays them out, 34 characters wide.
WRAPPED = [
    "（一）人工智能+教育",
    "发挥教育资源优势，加强大模型企业、教育机构和管理部门协同联动，重点",
    "在北京优质教育案例、讲义素材、施教经验以及学生心理健康、公序良俗指",
    "南等方面开展数据汇聚。（责任单位：市教委）",
    "（二）人工智能+医疗",
    "围绕优质医疗资源，构建医疗监管机制创新、医院与医生科研成果收益均衡",
    "以及医院信息系统智能化升级的三者合一“北京医生”医疗大模型平台。",
    "（责任单位：市卫生健康委、市医保局）",
    "1.支持企业做大做强。对首次入选的“头雁”企业给予最高100万元奖励，",
    "鼓励各地区加大对“头雁”企业及“头雁”培育企业的政策奖励。",
    "2.支持重大项目集聚。具体奖励、支持措施“一事一议”。",
]


def test_broken_lines_are_joined_but_not_headings_items_or_unit_lines() -> None:
    repairs: Counter[str] = Counter()
    joined = join_broken_lines(WRAPPED, repairs)
    assert joined == [
        "（一）人工智能+教育",
        "发挥教育资源优势，加强大模型企业、教育机构和管理部门协同联动，重点"
        "在北京优质教育案例、讲义素材、施教经验以及学生心理健康、公序良俗指"
        "南等方面开展数据汇聚。（责任单位：市教委）",
        "（二）人工智能+医疗",
        "围绕优质医疗资源，构建医疗监管机制创新、医院与医生科研成果收益均衡"
        "以及医院信息系统智能化升级的三者合一“北京医生”医疗大模型平台。",
        "（责任单位：市卫生健康委、市医保局）",  # a units line of its own stays one
        "1.支持企业做大做强。对首次入选的“头雁”企业给予最高100万元奖励，"
        "鼓励各地区加大对“头雁”企业及“头雁”培育企业的政策奖励。",
        "2.支持重大项目集聚。具体奖励、支持措施“一事一议”。",
    ]
    assert repairs["broken_lines"] == 4


def test_text_with_lines_of_every_length_is_not_rewrapped() -> None:
    text = "一、总体要求\n为推动人工智能赋能广东制造，现制定本方案。\n（一）推动工业模型创新发展。"
    repairs: Counter[str] = Counter()
    assert repair_text_lines(text, repairs) == (text, False)
    assert not repairs


def test_page_numbers_are_dropped() -> None:
    pages = [["正文第一行", "- 1 -"], ["正文", "第2页 共9页"], ["3/9", "正文"], ["— 4 —"]]
    repairs: Counter[str] = Counter()
    assert drop_page_numbers(pages, repairs) == [["正文第一行"], ["正文"], ["正文"], []]
    assert repairs["page_numbers"] == 4


def test_a_body_line_that_is_a_year_or_amount_is_not_a_page_number() -> None:
    repairs: Counter[str] = Counter()
    pages = [["2025年", "500万元"]]
    assert drop_page_numbers(pages, repairs) == pages


def test_running_header_dropped_once_per_page_keeping_the_title_in_the_body() -> None:
    header = "北京市推动“人工智能+”行动计划（2024-2025年）"
    pages = [
        [header, "京发改〔2024〕1081号", "正文一", header],  # the title, then the header last
        ["正文二", "正文三", header],
        ["正文四", header],
    ]
    repairs: Counter[str] = Counter()
    kept = drop_running_lines(pages, repairs)
    assert kept == [[header, "京发改〔2024〕1081号", "正文一"], ["正文二", "正文三"], ["正文四"]]
    assert repairs["running_headers"] == 3


def test_a_units_line_repeated_on_two_of_many_pages_is_not_a_header() -> None:
    unit = "（责任单位：市教委）"
    pages = [[unit, "正文一"], ["正文二"], [unit], ["正文三"], ["正文四"], ["正文五"]]
    assert drop_running_lines(pages, Counter()) == pages


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("到2025 年底", "到2025年底"),
        ("给予最高50 万元奖励", "给予最高50万元奖励"),
        ("探索 FSD、ASD 等单车智能技术", "探索FSD、ASD等单车智能技术"),
        ("探索 AI for Science 大模型", "探索AI for Science大模型"),
    ],
)
def test_spaces_between_chinese_and_digits_or_latin(before: str, after: str) -> None:
    assert space_between_cjk_and_latin(before)[0] == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("第 1 0 条", "第 10 条"),
        ("最高1 0 0 0万元", "最高1000万元"),
        ("2 0 2 5年", "2025年"),
        ("10%~30%", "10%~30%"),
        ("1.5 个百分点", "1.5 个百分点"),
    ],
)
def test_spaced_out_digits(before: str, after: str) -> None:
    assert spaced_digits(before)[0] == after


def test_all_character_rules_together_on_a_damaged_article() -> None:
    repairs: Counter[str] = Counter()
    repair = paragraph_repairer(repairs, from_pdf=True)
    assert repair("第 1 0 条 支持战略新 兴产业，给予最高1 0 0 0万元补助") == (
        "第10条 支持战略新兴产业，给予最高1000万元补助"
    )
    assert repairs["digit_spaces"] == 2 and repairs["split_words"] == 1


def test_split_words_keeps_the_space_after_a_short_heading() -> None:
    text = "(一)创塑特色,锻造长板 做强创新药和高端医疗器械"
    assert split_words(text) == (text, 0)
    assert split_words("推动战略新 兴产业发展") == ("推动战略新兴产业发展", 1)


def test_split_words_is_for_pdf_text_only() -> None:
    repairs: Counter[str] = Counter()
    signed = "南京市数据局 南京市城市数字治理中心"
    assert paragraph_repairer(repairs, from_pdf=False)(signed) == signed


def test_fullwidth_digits_and_percent() -> None:
    wide = "给予最高５００万元，补助比例５０％"
    assert fullwidth_forms(wide) == ("给予最高500万元，补助比例50%", 6)
    assert fullwidth_forms("（一）、：；") == ("（一）、：；", 0)  # punctuation keeps its form


def test_kangxi_radicals_from_pdf_fonts() -> None:
    assert radical_forms("市⼯信局") == ("市工信局", 1)

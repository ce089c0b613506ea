"""Application forms as Word, WPS and LibreOffice see them, asserted from the DOCX XML:
what the measure block says (amounts with their qualifier, rates, bases, tiers, whom each
incentive is for, in both languages), the fields the measure needs, and the layout."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generators.forms.spec import MAX_NAME

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
MM_IN_TWIPS = 1440 / 25.4


def part(form: Path, name: str) -> bytes:
    with zipfile.ZipFile(form) as package:
        return package.read(name)


def document(project: Path, form: str) -> etree._Element:
    return etree.fromstring(part(project / "output" / "forms" / form, "word/document.xml"))


def paragraphs(root: etree._Element) -> list[str]:
    return ["".join(p.itertext()) for p in root.iter(f"{{{W}}}p")]


def measure_rows(root: etree._Element) -> dict[str, list[str]]:
    """The measure block: row label (Chinese) to the lines of its value cell."""
    table = root.find("w:body/w:tbl", NS)
    rows: dict[str, list[str]] = {}
    for row in table.findall("w:tr", NS):
        label, value = row.findall("w:tc", NS)
        rows[paragraphs(label)[0]] = paragraphs(value)
    return rows


def field_names(root: etree._Element) -> list[str]:
    return [name.get(f"{{{W}}}val") for name in root.iterfind(".//w:ffData/w:name", NS)]


def all_forms(project: Path) -> list[Path]:
    return sorted((project / "output" / "forms").rglob("*.docx"))


def test_ic1_one_row_per_incentive_with_whom_tiers_and_how_they_combine(
    built_project: Path,
) -> None:
    rows = measure_rows(document(built_project, "ic-measures/1.docx"))
    assert rows["支持事项1"] == [
        "支持对象：集成电路设计企业",
        "1亿元 → 固定200万元（2,000,000元）",
        "5亿元 → 固定300万元（3,000,000元）",
        "10亿元 → 固定500万元（5,000,000元）",
        "按年销售收入首次突破所列金额分档。晋档补差：升档时只发放与已获奖励的差额。",
        "For: integrated circuit design enterprises",
        "RMB 100 million → RMB 2 million (fixed) (RMB 2,000,000)",
        "RMB 500 million → RMB 3 million (fixed) (RMB 3,000,000)",
        "RMB 1 billion → RMB 5 million (fixed) (RMB 5,000,000)",
        "Tiers by annual sales revenue first exceeding the amount shown. Moving up a tier "
        "pays only the difference from rewards already received.",
    ]
    second = rows["支持事项2"]
    assert second[0] == "支持对象：集成电路制造、封装测试、关键装备和材料企业"
    assert "100亿元 → 最高1000万元（10,000,000元）" in second
    assert "RMB 10 billion → up to RMB 10 million (RMB 10,000,000)" in second


def test_amount_qualifiers_rates_and_bases_in_both_languages(built_project: Path) -> None:
    box = measure_rows(document(built_project, "biomed-plan/box4.2.docx"))
    assert box["支持事项1"] == [
        "支持对象：通过评估认证的医疗机构",
        "固定50万元/每个通过认定专业（500,000元）",
        "For: medical institutions that have passed evaluation and certification",
        "RMB 500,000 per accredited specialty (fixed)",
    ]
    rate = measure_rows(document(built_project, "biomed-plan/c4.2.docx"))["支持方式"]
    assert rate[1:3] == ["最高2000万元（20,000,000元）", "按项目总投入的10%~30%"]
    assert rate[4:] == [
        "up to RMB 20 million (RMB 20,000,000)",
        "10% to 30% of total project investment",
    ]
    capped = measure_rows(document(built_project, "ai-measures/4.docx"))["支持方式"]
    assert capped == [
        "支持对象：开展持续技术攻关的企业、科研院所",
        "单个项目最高500万元（5,000,000元）",
        "最高按攻关投入的50%",
        "For: enterprises and research institutes carrying out sustained technological research",
        "up to RMB 5 million per project (RMB 5,000,000)",
        "up to 50% of investment in tackling key technical problems",
    ]


def test_conditions_that_apply_to_every_measure(built_project: Path) -> None:
    root = document(built_project, "ic-measures/1.docx")
    tables = root.findall("w:body/w:tbl", NS)
    headings = [
        "".join(p.itertext())
        for p in root.xpath("//w:p[w:pPr/w:pStyle/@w:val='Heading1']", namespaces=NS)
    ]
    assert (
        headings[1]
        == "适用于本政策全部措施的条件  Conditions that apply to every measure of this policy"
    )
    conditions = {}
    for row in tables[1].findall("w:tr", NS):
        label, value = row.findall("w:tc", NS)
        conditions[" / ".join(paragraphs(label))] = paragraphs(value)
    assert list(conditions) == [
        "适用范围（第23条） / Scope (Clause 23)",
        "适用对象、不重复支持（第24条） / Who may apply; No double funding (Clause 24)",
        "施行与有效期、资金安排（第25条） / Entry into force and validity; Funding "
        "arrangement (Clause 25)",
    ]
    assert conditions[
        "适用对象、不重复支持（第24条） / Who may apply; No double funding (Clause 24)"
    ][0].endswith("按就高不重复原则实施。")


@pytest.mark.parametrize(
    ("form", "present", "absent"),
    [
        ("ai-measures/4.docx", {"eligible_cost_cny"}, {"unit_count", "option_1", "threshold_cny"}),
        ("biomed-plan/c4.2.docx", {"total_investment_cny"}, {"eligible_cost_cny"}),
        ("ai-measures/2.docx", {"option_1", "option_2"}, {"eligible_cost_cny", "unit_count"}),
        ("biomed-plan/box4.2.docx", {"unit_count", "option_1", "option_2"}, {"eligible_cost_cny"}),
        (
            "ai-measures/6.docx",
            {"eligible_cost_cny", "eligible_cost2_cny", "option_1", "option_2"},
            {"unit_count"},
        ),
        (
            "ic-measures/1.docx",
            {"threshold_cny", "prior_award_cny", "option_1_1", "option_2_3"},
            {"eligible_cost_cny", "unit_count"},
        ),
    ],
)
def test_each_measure_asks_for_what_its_rules_need(
    built_project: Path, form: str, present: set[str], absent: set[str]
) -> None:
    names = set(field_names(document(built_project, form)))
    assert present <= names
    assert not absent & names


def test_measure_specific_fields_are_labelled_with_the_measures_words(
    built_project: Path,
) -> None:
    texts = paragraphs(document(built_project, "ai-measures/6.docx"))
    assert "该产品单台(套)销售价格（元）" in texts and "年度销售总额（元）" in texts
    box = paragraphs(document(built_project, "biomed-plan/box4.2.docx"))
    assert "通过认定专业数量" in box


def test_layout_for_paper_and_office_suites(built_project: Path) -> None:
    for form in all_forms(built_project):
        root = etree.fromstring(part(form, "word/document.xml"))
        text = "".join(root.itertext())
        assert "FORMDROPDOWN" not in text and "请选择" not in text, form
        names = field_names(root)
        assert max(len(n) for n in names) <= MAX_NAME, form
        assert {"other_funding_yes", "other_funding_no"} <= set(names), form
        for table in root.iter(f"{{{W}}}tbl"):
            grid = [int(c.get(f"{{{W}}}w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
            width = table.find("w:tblPr/w:tblW", NS)
            assert int(width.get(f"{{{W}}}w")) == sum(grid) and width.get(f"{{{W}}}type") == "dxa"
            for row in table.findall("w:tr", NS):
                cells = [int(c.get(f"{{{W}}}w")) for c in row.findall("w:tc/w:tcPr/w:tcW", NS)]
                assert cells == _spans(grid, row), form
        seal = next(
            row for row in root.iter(f"{{{W}}}tr") if "申请单位盖章" in "".join(row.itertext())
        )
        height = seal.find("w:trPr/w:trHeight", NS)
        assert int(height.get(f"{{{W}}}val")) >= 42 * MM_IN_TWIPS, form
        assert height.get(f"{{{W}}}hRule") == "atLeast"
        for heading in root.xpath("//w:p[w:pPr/w:pStyle/@w:val='Heading1']", namespaces=NS):
            assert heading.find("w:pPr/w:keepNext", NS) is not None, form


def _spans(grid: list[int], row: etree._Element) -> list[int]:
    """The widths the grid gives a row's cells, merged cells spanning several columns."""
    widths: list[int] = []
    start = 0
    for cell in row.findall("w:tc", NS):
        span = cell.find("w:tcPr/w:gridSpan", NS)
        count = int(span.get(f"{{{W}}}val")) if span is not None else 1
        widths.append(sum(grid[start : start + count]))
        start += count
    return widths


def test_cap_in_yuan_as_well_as_wan_yuan(built_project: Path) -> None:
    texts = paragraphs(document(built_project, "ai-measures/4.docx"))
    assert "单个项目最高500万元（5,000,000元）" in texts
    hints = document(built_project, "ai-measures/4.docx").xpath(
        "//w:ffData[w:name/@w:val='requested_amount_cny']/w:helpText/@w:val", namespaces=NS
    )
    assert hints == [
        "以元为单位，保留两位小数；不超过5,000,000元（500万元） / In yuan, two decimals; at "
        "most 5,000,000 yuan (RMB 5 million) [requested_amount_cny]"
    ]


def test_package_carries_no_template_leftovers(built_project: Path) -> None:
    for form in all_forms(built_project):
        with zipfile.ZipFile(form) as package:
            names = package.namelist()
            app = package.read("docProps/app.xml").decode("utf-8")
            rels = package.read("_rels/.rels").decode("utf-8")
        assert not [n for n in names if "thumbnail" in n], form
        assert "thumbnail" not in rels
        assert "Microsoft" not in app and "<Application>policydocs</Application>" in app


def test_properties_identify_the_form_and_its_figures(built_project: Path) -> None:
    custom = part(
        built_project / "output" / "forms" / "ic-measures" / "1.docx", "docProps/custom.xml"
    )
    properties = dict(
        re.findall(rb'name="(policydocs\.[a-z_]+)"><vt:lpwstr>([^<]*)</vt:lpwstr>', custom)
    )
    assert properties[b"policydocs.form_id"] == b"PD-ic-measures-1"
    figures = json.loads(properties[b"policydocs.figures"].decode().replace("&quot;", '"'))
    assert figures["max_cny"] == 10_000_000
    assert figures["options"]["1.2"] == {
        "amount_cny": 3_000_000,
        "amount_is": "fixed",
        "basis": None,
        "combine": "difference",
        "per_unit": None,
        "rate": None,
        "threshold_cny": 500_000_000,
    }

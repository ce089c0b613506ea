"""Filled forms back to one checked table: values, problems, untrusted files."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Result
from tests.formfill import fill_form
from tests.helpers import clause_of, edit_yaml, policy_file

VALID: dict[str, str | bool] = {
    "applicant_name": '苏州示例智能科技有限公司 <&> "Ltd"',
    "uscc": "91350100M000100Y43",
    "registered_address": "苏州工业园区星湖街328号",
    "legal_representative": "张三",
    "enterprise_type": "民营 Private",
    "registration_date": "2018-06-01",
    "industry": "人工智能",
    "contact_name": "李四",
    "contact_phone": "13912345678",
    "contact_email": "li.si@example.com",
    "project_lead_name": "王五",
    "project_lead_phone": "13812345678",
    "finance_lead_name": "无",
    "revenue_last_year_cny": "12,000,000.00",
    "tax_paid_last_year_cny": "800000",
    "rd_spending_last_year_cny": "3000000.50",
    "bank_name": "中国银行苏州分行",
    "bank_account": "1234567890123",
    "project_name": "视觉检测芯片攻关",
    "project_summary": "第一行：攻关内容\nSecond line: <results> & costs\n第三行 ]]>",
    "total_investment_cny": "9000000",
    "eligible_cost_cny": "8000000",
    "requested_amount_cny": "4000000.00",
    "requested_amount_words": "肆佰万元整",
    "other_public_funding": False,
    "other_funding_details": "无",
    "attach_business_licence": True,
    "attach_audit_reports": True,
    "declaration_date": "2026-12-01",
}
FORM = "forms/ai-measures/4.docx"  # 50% of the investment, at most 500万元 per project


def read(cli: Callable[..., Result], project: Path, *files: Path) -> list[dict[str, Any]]:
    result = cli("readback", "--json", *map(str, files), cwd=project)
    rows = result.json()
    assert isinstance(rows, list)
    return rows


def filled(
    project: Path,
    tmp_path: Path,
    changes: dict[str, str | bool],
    form: str = FORM,
    name: str = "filled.docx",
) -> Path:
    target = tmp_path / name
    fill_form(project / "output" / form, target, {**VALID, **changes})
    return target


def test_valid_form_round_trips_every_value(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    [row] = read(cli, built_project, filled(built_project, tmp_path, {}))
    assert row["form_id"] == "PD-ai-measures-4"
    assert (row["policy_id"], row["clause_id"]) == ("ai-measures", "4")
    assert row["problems"] == []
    for name, value in VALID.items():
        assert row["fields"][name] == value, name


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"applicant_name": ""}, "applicant_name", "required field is empty"),
        ({"enterprise_type": "请选择 Please choose"}, "enterprise_type", "required field is empty"),
        (
            {"uscc": "91350100M000100Y4"},
            "uscc",
            "unified social credit code must have 18 characters (got 17)",
        ),
        (
            {"uscc": "91350100M000100Y44"},
            "uscc",
            "unified social credit code check character is '4', expected '3': the code is mistyped",
        ),
        (
            {"uscc": "91350100M0001O0Y43"},
            "uscc",
            "unified social credit code has characters that are never used: O (I, O, S, V and Z do "
            "not occur)",
        ),
        (
            {"contact_email": "li.si@@example"},
            "contact_email",
            "email address 'li.si@@example' is malformed",
        ),
        (
            {"contact_phone": "1391234"},
            "contact_phone",
            "phone number '1391234' is not a mainland mobile (11 digits from 1) or landline number",
        ),
        (
            {"total_investment_cny": "九百万"},
            "total_investment_cny",
            "'九百万' is not an amount in yuan (digits, at most two decimals)",
        ),
        ({"declaration_date": "下周一"}, "declaration_date", "'下周一' is not a date (YYYY-MM-DD)"),
        (
            {
                "requested_amount_cny": "6000000",
                "requested_amount_words": "陆佰万元整",
                "eligible_cost_cny": "20000000",
            },
            "requested_amount_cny",
            "requested amount 6,000,000.00 yuan is above the cap of this measure (5,000,000 yuan, "
            "500万元)",
        ),
        (
            {"requested_amount_cny": "4500000", "requested_amount_words": "肆佰伍拾万元整"},
            "requested_amount_cny",
            "requested amount 4,500,000.00 yuan is above 50% of the eligible cost "
            "8,000,000.00 yuan (4,000,000.00 yuan)",
        ),
        (
            {"requested_amount_words": "叁佰万元整"},
            "requested_amount_words",
            "amount in words (3,000,000.00 yuan) differs from the amount in figures "
            "(4,000,000.00 yuan)",
        ),
    ],
)
def test_each_problem_is_reported_exactly(
    built_project: Path,
    tmp_path: Path,
    cli: Callable[..., Result],
    changes: dict[str, Any],
    field: str,
    message: str,
) -> None:
    [row] = read(cli, built_project, filled(built_project, tmp_path, changes))
    assert row["problems"] == [{"field": field, "severity": "error", "message": message}]


def test_organization_code_check_is_only_a_warning(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    from generators.readback.validators import uscc_check_character

    body = "91320594" + "12345678" + "9"  # organization part fails GB 11714
    code = body + uscc_check_character(body)
    [row] = read(cli, built_project, filled(built_project, tmp_path, {"uscc": code}))
    assert [p["severity"] for p in row["problems"]] == ["warning"]
    assert "GB 11714" in row["problems"][0]["message"]


def test_form_from_an_older_version_names_the_change(
    built_copy: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    form = filled(built_copy, tmp_path, {})

    def lower_cap(data: Any) -> None:
        clause_of(data, "4")["incentives"][0]["max_cny"] = 3_000_000

    edit_yaml(policy_file(built_copy, "ai-measures"), lower_cap)
    [row] = read(cli, built_copy, form)
    assert row["problems"] == [
        {
            "field": "",
            "severity": "warning",
            "message": "form made from an older version of the measure (edition "
            "2026-11-27); changed since: cap 500万元 → 300万元",
        }
    ]


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
    files["macros"] = (macro, "document contains macros")
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
    return files


def test_untrusted_files_each_get_a_problem_and_the_batch_goes_on(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    good = filled(built_project, tmp_path, {})
    cases = hostile_files(tmp_path, good)
    paths = [good] + [path for path, _ in cases.values()]
    result = cli("readback", "--json", *map(str, paths), cwd=built_project, timeout=60)
    rows = result.json()
    assert isinstance(rows, list) and len(rows) == len(paths)
    assert rows[0]["problems"] == [] and rows[0]["fields"]["uscc"] == VALID["uscc"]
    for row, (name, (_, expected)) in zip(rows[1:], cases.items(), strict=True):
        assert len(row["problems"]) == 1, name
        assert expected in row["problems"][0]["message"], name
    assert result.code == 1
    assert "Traceback" not in result.stderr


def test_csv_table(built_project: Path, tmp_path: Path, cli: Callable[..., Result]) -> None:
    good = filled(built_project, tmp_path, {})
    bad = filled(built_project, tmp_path, {"contact_email": "nope"}, name="bad.docx")
    out = tmp_path / "table.csv"
    result = cli("readback", str(good), str(bad), "--csv", str(out), cwd=built_project)
    assert result.code == 1 and "2 form(s) read, 1 with errors" in result.stdout
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r["contact_email"] for r in rows] == ["li.si@example.com", "nope"]
    assert rows[0]["problems"] == "" and "malformed" in rows[1]["problems"]
    assert rows[0]["project_summary"] == VALID["project_summary"]
    assert rows[0]["attach_business_licence"] == "yes"


@pytest.mark.slow
def test_form_saved_again_by_libreoffice_still_reads_back(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    source = filled(built_project, tmp_path, {})
    out = tmp_path / "lo"
    out.mkdir()
    subprocess.run(
        [
            "libreoffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
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
    resaved = out / "filled.docx"
    assert resaved.read_bytes() != source.read_bytes()
    [row] = read(cli, built_project, resaved)
    assert row["form_id"] == "PD-ai-measures-4"
    assert row["problems"] == []
    for name, value in VALID.items():
        assert row["fields"][name] == value, name
    json.dumps(row)


def test_unknown_xml_encoding_is_a_per_file_problem(
    built_project: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    source = built_project / "output" / FORM
    target = tmp_path / "encoding.docx"
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w") as out:
        for name in package.namelist():
            data = package.read(name)
            if name == "word/document.xml":
                data = re.sub(rb"encoding=(['\"])UTF-8\1", rb"encoding='U-F-8'", data, count=1)
                assert b"U-F-8" in data
            out.writestr(name, data)
    [row] = read(cli, built_project, target)
    assert row["problems"][0]["message"].startswith("unreadable form XML")

"""The importer beyond the seed: other cities' shapes, encodings, HTML, and bad files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DEV_CORPUS, REPO, SEED, Result


def imported(cli: Callable[..., Result], path: Path) -> dict[str, object]:
    result = cli("import", str(path), "--json", cwd=REPO)
    assert result.code == 0, result.stderr
    return result.json()  # type: ignore[return-value]


def test_beijing_matches_the_hand_labelled_reading(cli: Callable[..., Result]) -> None:
    truth = json.loads(
        (DEV_CORPUS / "beijing_ai_plus_action_plan_2024.truth.json").read_text(encoding="utf-8")
    )
    policy = imported(cli, DEV_CORPUS / "beijing_ai_plus_action_plan_2024.txt")["policies"][0]
    assert policy["title"] == "北京市推动“人工智能+”行动计划（2024-2025年）"
    assert policy["doc_number"] == "京发改〔2024〕1081号"
    clauses = policy["clauses"]
    assert len(clauses) == len(truth) == 24
    for got, want in zip(clauses, truth, strict=True):
        caps = [i["max_cny"] for i in got["incentives"] if i["max_cny"] is not None]
        assert got["number"] == want["number"], want["title"]
        assert got["title"] == want["title"]
        assert (max(caps) if caps else None) == want["max_amount_cny"], want["title"]
        assert [i["rate_pct"] for i in got["incentives"] if i["rate_pct"]] == want["rates"]
        assert got["departments"] == want["departments"], want["title"]


def test_nanjing_notice_wrapper_and_group_units(cli: Callable[..., Result]) -> None:
    policy = imported(cli, DEV_CORPUS / "nanjing_ai_plus_government_scenarios_2026.txt")[
        "policies"
    ][0]
    assert policy["title"] == "南京市加快“人工智能+政务”应用场景建设推进方案"
    assert policy["doc_number"] == "宁数发〔2026〕17号"
    assert policy["issued"] == "2026-03-30"
    by_id = {c["id"]: c for c in policy["clauses"]}
    assert list(by_id)[:3] == ["c1", "c2", "s1.1"]
    assert by_id["s1.1"]["title"] == "建立协同工作机制"  # heading ending in ：
    for clause_id in ("s1.1", "s1.2", "s1.3", "s1.4"):  # one units line for the group
        assert by_id[clause_id]["departments"] == ["各区", "市各部门", "市数据局", "市数治中心"]
    assert by_id["s4.1"]["departments"] == ["市数治中心", "市数据局", "市各部门"]
    assert by_id["c3.s5"]["title"] == "成果发布阶段"  # a prose section is one clause
    assert len(policy["clauses"]) == 19


def test_guangdong_two_line_title_and_duty_annotation(cli: Callable[..., Result]) -> None:
    policy = imported(cli, DEV_CORPUS / "guangdong_ai_empowering_manufacturing_2025.txt")[
        "policies"
    ][0]
    assert policy["title"] == "广东省人工智能赋能制造业高质量发展行动方案（2025—2027年）"
    assert policy["level"] == "广东省级"
    clauses = policy["clauses"]
    assert [c["number"] for c in clauses][-1] == "十六" and len(clauses) == 16
    assert clauses[0]["departments"] == ["省工业和信息化厅", "省科技厅", "省国资委"]
    assert all(c["incentives"] == [] for c in clauses)  # 予以资金支持 names no amount


def test_gbk_and_html_sources_read_like_utf8(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    gbk = tmp_path / "page-gbk.txt"
    gbk.write_bytes(text.encode("gb18030"))
    html = tmp_path / "page.html"
    body = "".join(f"<p>{line}</p>\n" for line in text.split("\n"))
    html.write_bytes(
        (
            "<html><head><meta charset='gbk'><title>x</title>"
            "<script>var a='1.不是条款';</script></head><body>" + body + "</body></html>"
        ).encode("gbk", errors="xmlcharrefreplace")
    )
    reference = imported(cli, SEED)
    for variant in (gbk, html):
        got = imported(cli, variant)
        assert [len(p["clauses"]) for p in got["policies"]] == [
            len(p["clauses"]) for p in reference["policies"]
        ], variant.name


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"\x00\x01\x02PK\x03\x04" * 100, "binary"),
        ("这是一段没有任何编号结构的文字。只有散文。".encode(), "no numbered clauses found"),
    ],
)
def test_bad_sources_get_a_clear_error(
    cli: Callable[..., Result], tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    result = cli("import", str(source), "--json", cwd=REPO)
    assert result.code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.json()["policies"] == []  # type: ignore[index]


def test_missing_file(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("import", str(tmp_path / "nope.txt"), cwd=REPO)
    assert result.code == 1 and "cannot read file" in result.stderr


def test_oversized_file_is_refused(cli: Callable[..., Result], tmp_path: Path) -> None:
    source = tmp_path / "huge.txt"
    source.write_bytes(b"1." + b"x" * (9 * 1024 * 1024))
    result = cli("import", str(source), cwd=REPO)
    assert result.code == 1 and "limit for a policy source" in result.stderr


@pytest.mark.parametrize(
    "name",
    ["nanjing_ai_plus_government_scenarios_2026", "guangdong_ai_empowering_manufacturing_2025"],
)
def test_dev_text_matches_its_hand_labelled_reading(name: str) -> None:
    from generators.importer.read import read_file

    truth = json.loads((DEV_CORPUS / f"{name}.truth.json").read_text(encoding="utf-8"))
    (policy,) = read_file(DEV_CORPUS / f"{name}.txt").policies
    assert [c.id for c in policy.clauses] == [t["id"] for t in truth]
    for got, want in zip(policy.clauses, truth, strict=True):
        caps = [i.max_cny for i in got.incentives if i.max_cny is not None]
        assert (got.number, got.title) == (want["number"], want["title"])
        assert (max(caps) if caps else None) == want["max_amount_any_cny"], want["id"]
        assert list(got.departments) == want["departments"], want["id"]


def test_recall_on_every_dev_text_in_every_format() -> None:
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("recall", DEV_CORPUS / "recall.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["recall"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    rows = module.table()
    assert len(rows) == 18  # three texts, as text and in five renditions
    for name, kind, measured in rows:
        where = f"{name} {kind}"
        assert measured.clauses >= 0.95 and measured.caps >= 0.92, where
        assert measured.units >= 0.95 and measured.false_caps == 0, where

"""`import --write` creates content and, on re-import, keeps what people added to it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from tests.conftest import DEV_CORPUS, SEED, Result
from tests.helpers import clause_of, edit_yaml, policy_file


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_reimport_keeps_english_tags_and_reviews(
    project_copy: Path, cli: Callable[..., Result]
) -> None:
    path = policy_file(project_copy, "ai-measures")

    def edit(data: Any) -> None:
        clause_of(data, "5")["sectors"] = ["ai", "ic"]
        clause_of(data, "9")["departments"] = ["市工信局"]  # a reviewer's correction

    edit_yaml(path, edit)
    result = cli("import", str(SEED), "--write", cwd=project_copy)
    assert result.code == 0, result.stderr
    assert (
        "updated content/policies/ai-measures.yaml: 0 added, 0 changed, 0 removed" in result.stdout
    )
    data = load(path)
    assert clause_of(data, "5")["sectors"] == ["ai", "ic"]
    assert clause_of(data, "9")["departments"] == ["市工信局"]  # reviewed: kept
    assert clause_of(data, "2")["text"]["en"].startswith("Carry out the selection")
    assert cli("check", "--strict", cwd=project_copy).code == 0


def test_changed_chinese_in_the_source_keeps_english_marked_stale(
    project_copy: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    source = tmp_path / "page.txt"
    source.write_text(
        SEED.read_text(encoding="utf-8").replace(
            "对首次入选的“头雁”企业给予最高100万元奖励", "对首次入选的“头雁”企业给予最高150万元奖励"
        ),
        encoding="utf-8",
    )
    result = cli("import", str(source), "--write", cwd=project_copy)
    assert result.code == 0, result.stderr
    assert "ai-measures.yaml: 0 added, 1 changed, 0 removed" in result.stdout
    clause = clause_of(load(policy_file(project_copy, "ai-measures")), "2")
    assert "150万元" in clause["text"]["zh"]
    assert "RMB 1 million" in clause["text"]["en"]  # kept, and now stale
    assert clause["reviewed"] is False  # its figures must be checked again
    assert [i["max_cny"] for i in clause["incentives"]] == [1_500_000, 10_000_000]
    check = cli("check", "--json", cwd=project_copy).json()
    assert "clause ai-measures/2 text" in check["stats"]["stale"]  # type: ignore[index]


def test_new_single_policy_gets_the_given_id(
    project_copy: Path, cli: Callable[..., Result]
) -> None:
    source = DEV_CORPUS / "guangdong_ai_empowering_manufacturing_2025.txt"
    result = cli("import", str(source), "--write", "--id", "guangdong-ai", cwd=project_copy)
    assert result.code == 0, result.stderr
    data = load(policy_file(project_copy, "guangdong-ai"))
    assert data["title"]["zh"].startswith("广东省人工智能赋能制造业")
    assert data["sectors"] == ["ai"]
    assert (project_copy / "content" / "sources" / source.name).exists()
    assert all(c["reviewed"] is False for c in data["clauses"])

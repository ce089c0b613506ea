"""The whole listing: several saved pages of one search, or a folder, read as one corpus
with duplicates reported (issue 15, point 5)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import DEV_CORPUS, REPO, SEED, Result

BEIJING = DEV_CORPUS / "beijing_ai_plus_action_plan_2024.txt"


def _pages(tmp_path: Path) -> tuple[Path, Path]:
    """The seed listing cut into two saved pages that overlap by one policy."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    starts = [i for i, line in enumerate(lines) if "【苏州市级】" in line]
    page1 = tmp_path / "page1.txt"
    page2 = tmp_path / "page2.txt"
    page1.write_text("\n".join(lines[: starts[3]]), encoding="utf-8")  # policies 1-3
    page2.write_text("\n".join(["我们为您找到309条结果", *lines[starts[2] :]]), encoding="utf-8")
    return page1, page2


def test_two_listing_pages_merge_into_one_corpus(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    page1, page2 = _pages(tmp_path)
    result = cli("import", str(page1), str(page2), "--json", cwd=REPO)
    assert result.code == 0, result.stderr
    document: Any = result.json()
    assert len(document["policies"]) == 5
    assert sum(len(p["clauses"]) for p in document["policies"]) == 143
    (duplicate,) = document["duplicates"]
    assert duplicate["title"].startswith("苏州市生物医药及健康产业强链补链三年行动计划")
    assert duplicate["reason"] == "same title, same text"
    assert duplicate["kept"]["file"] == str(page1) and duplicate["dropped"]["file"] == str(page2)
    assert "imported once" in result.stderr
    assert [f["policies"] for f in document["files"]] == [3, 3]


def test_a_folder_is_read_whole_and_a_reissued_policy_keeps_the_later_issue(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    folder = tmp_path / "listing"
    folder.mkdir()
    for page in _pages(tmp_path):
        page.rename(folder / page.name)
    text = BEIJING.read_text(encoding="utf-8")
    (folder / "beijing-2024.txt").write_text(text, encoding="utf-8")
    reissued = text.replace("京发改〔2024〕1081号", "京发改〔2025〕96号").replace(
        "最高不超过5000万元", "最高不超过8000万元"
    )
    (folder / "beijing-2025.txt").write_text(reissued, encoding="utf-8")
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04")
    result = cli("import", str(folder), "--json", cwd=REPO)
    assert result.code == 0, result.stderr
    document: Any = result.json()
    assert len(document["policies"]) == 6
    beijing = next(p for p in document["policies"] if p["title"].startswith("北京市"))
    assert beijing["doc_number"] == "京发改〔2025〕96号"
    caps = [i["max_cny"] for c in beijing["clauses"] for i in c["incentives"] if i["max_cny"]]
    assert max(caps) == 80_000_000
    reissue = next(d for d in document["duplicates"] if d["reason"] == "re-issued")
    assert reissue["dropped"]["doc_number"] == "京发改〔2024〕1081号"
    assert "re-issued (京发改〔2024〕1081号 → 京发改〔2025〕96号)" in result.stderr
    skipped = [p for p in document["problems"] if p["file"].endswith("notes.xlsx")]
    assert skipped and skipped[0]["severity"] == "warning"


def test_write_of_a_listing_creates_each_policy_once(
    project_copy: Path, cli: Callable[..., Result], tmp_path: Path
) -> None:
    page1, page2 = _pages(tmp_path)
    result = cli("import", str(page1), str(page2), "--write", cwd=project_copy)
    assert result.code == 0, result.stderr
    assert result.stdout.count("updated content/policies/") == 5
    assert "0 added, 0 changed, 0 removed" in result.stdout

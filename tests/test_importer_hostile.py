"""Attacks on `policydocs import`, each a regression test named after it (issue 17)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from generators.importer.files import SourceRefused, read_bounded
from generators.importer.read import read_file
from tests.conftest import DEV_CORPUS, REPO, Result
from tests.helpers import policy_file

GUANGDONG = DEV_CORPUS / "guangdong_ai_empowering_manufacturing_2025.txt"
SMALL_POLICY = (
    "苏州市测试政策\n一、支持企业\n1.支持研发。对符合条件的企业给予最高{cap}奖励。"
    "（责任单位：市工信局）\n2.支持人才。给予每人最高10万元补贴。（责任单位：市人社局）\n"
)


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


# --- 17.3: import --write --id ----------------------------------------------------------


@pytest.mark.parametrize(
    "bad_id", ["../../../outside/evil", "/tmp/evil", "a/b", "UPPER", ".hidden", "x" * 65, ""]
)
def test_import_write_id_outside_content_is_refused(
    project_copy: Path, cli: Callable[..., Result], bad_id: str
) -> None:
    before = sorted(p.name for p in (project_copy / "content" / "policies").iterdir())
    result = cli("import", str(GUANGDONG), "--write", "--id", bad_id, cwd=project_copy)
    assert result.code == 1
    assert "--id" in result.stderr and "nothing was written" in result.stderr
    assert sorted(p.name for p in (project_copy / "content" / "policies").iterdir()) == before
    assert not (project_copy.parent / "outside").exists()
    assert not (project_copy / "content" / "sources" / GUANGDONG.name).exists()


def test_import_write_id_of_another_policy_is_refused_without_force(
    project_copy: Path, cli: Callable[..., Result]
) -> None:
    path = policy_file(project_copy, "ai-measures")
    reviewed = path.read_bytes()
    result = cli("import", str(GUANGDONG), "--write", "--id", "ai-measures", cwd=project_copy)
    assert result.code == 1
    assert "holds another policy" in result.stderr and "--force" in result.stderr
    assert path.read_bytes() == reviewed
    forced = cli(
        "import", str(GUANGDONG), "--write", "--id", "ai-measures", "--force", cwd=project_copy
    )
    assert forced.code == 0, forced.stderr
    assert load(path)["title"]["zh"].startswith("广东省人工智能赋能制造业")


# --- 17.4: a stored source is never overwritten -----------------------------------------


def test_stored_source_with_the_same_name_is_not_overwritten(
    project_copy: Path, cli: Callable[..., Result], tmp_path: Path
) -> None:
    seed_name = "000_1521696caacae126.txt"
    stored = project_copy / "content" / "sources" / seed_name
    published = stored.read_bytes()
    impostor = tmp_path / seed_name
    impostor.write_text(SMALL_POLICY.format(cap="50万元"), encoding="utf-8")
    result = cli("import", str(impostor), "--write", cwd=project_copy)
    assert result.code == 0, result.stderr
    assert stored.read_bytes() == published
    copies = sorted((project_copy / "content" / "sources").glob("000_1521696caacae126-*.txt"))
    assert len(copies) == 1 and copies[0].read_bytes() == impostor.read_bytes()
    assert f"source sources/{copies[0].name}" in result.stdout
    again = cli("import", str(impostor), "--write", cwd=project_copy)  # identical: reused
    assert again.code == 0
    assert len(list((project_copy / "content" / "sources").glob("000_*"))) == 2


def test_source_with_an_unsafe_name_is_stored_under_a_safe_one(
    project_copy: Path, cli: Callable[..., Result], tmp_path: Path
) -> None:
    odd = tmp_path / "政策 原文 (1).txt"
    odd.write_text(SMALL_POLICY.format(cap="50万元"), encoding="utf-8")
    result = cli("import", str(odd), "--write", cwd=project_copy)
    assert result.code == 0, result.stderr
    stored = list((project_copy / "content" / "sources").glob("source-*.txt"))
    assert len(stored) == 1 and stored[0].read_bytes() == odd.read_bytes()


# --- 17.10: unbounded reads --------------------------------------------------------------


def test_import_of_dev_zero_is_refused_before_reading(cli: Callable[..., Result]) -> None:
    result = cli("import", "/dev/zero", cwd=REPO, timeout=30)
    assert result.code == 1
    assert "not a regular file (a character device)" in result.stderr


def test_import_of_a_fifo_is_refused_without_blocking(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)
    result = cli("import", str(fifo), cwd=REPO, timeout=30)
    assert result.code == 1 and "not a regular file (a FIFO)" in result.stderr


def test_size_is_checked_before_reading(tmp_path: Path) -> None:
    sparse = tmp_path / "huge.pdf"
    with sparse.open("wb") as handle:
        handle.truncate(10 * 1024**3)  # 10 GB that take no disk: reading it would
    with pytest.raises(SourceRefused, match="limit for a policy source"):
        read_bounded(sparse)


def test_a_directory_is_expanded_not_read(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SMALL_POLICY.format(cap="50万元"), encoding="utf-8")
    result = cli("import", str(tmp_path), cwd=REPO)
    assert result.code == 0, result.stderr


# --- 17.13: silent guesses ---------------------------------------------------------------

TRADITIONAL = (
    "臺北市促進產業發展補助辦法\n一、補助項目\n1.研發補助。對符合條件的企業給予最高100萬元補助。"
    "（責任單位：產業發展局）\n2.人才補助。對引進的人才給予最高10萬元獎勵。（責任單位：勞動局）\n"
)


def test_big5_source_is_detected_and_warned_not_read_as_gb18030(tmp_path: Path) -> None:
    source = tmp_path / "big5.txt"
    source.write_bytes(TRADITIONAL.encode("big5"))
    read = read_file(source)
    assert not read.errors
    assert read.policies[0].title == "臺北市促進產業發展補助辦法"
    assert [i.max_cny for c in read.policies[0].clauses for i in c.incentives] == [
        1_000_000,
        100_000,
    ]
    warnings = [p.message for p in read.problems if p.severity == "warning"]
    assert any("Big5" in w for w in warnings)


def test_gbk_source_is_still_read_without_warning(tmp_path: Path) -> None:
    source = tmp_path / "gbk.txt"
    source.write_bytes(SMALL_POLICY.format(cap="50万元").encode("gbk"))
    read = read_file(source)
    assert not read.problems and read.policies[0].title == "苏州市测试政策"


HIDDEN_PAGE = """<html><head><style>.hide { display: none }</style></head><body>
<p>苏州市测试政策</p>
<p>一、支持企业</p>
<p>1.支持研发。对符合条件的企业给予最高50万元奖励。（责任单位：市工信局）</p>
<div style="display:none"><p>2.隐藏条款。给予最高9000万元奖励。</p></div>
<p class="hide">3.又一隐藏条款。给予最高8000万元奖励。</p>
<p hidden>4.再一隐藏条款。</p>
<span style="visibility: hidden">5.看不见。给予最高7000万元奖励。</span>
<p>2.支持人才。给予每人最高10万元补贴。（责任单位：市人社局）</p>
</body></html>"""


def test_display_none_text_is_not_imported_as_clauses(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(HIDDEN_PAGE, encoding="utf-8")
    read = read_file(page)
    clauses = read.policies[0].clauses
    assert [c.title for c in clauses] == ["支持研发", "支持人才"]
    assert max(i.max_cny or 0 for c in clauses for i in c.incentives) == 500_000
    hidden = [p for p in read.problems if "hidden text" in p.message]
    assert len(hidden) == 4 and all(p.severity == "warning" for p in hidden)
    assert hidden[0].line == 5 and "隐藏条款" in hidden[0].message


def test_hidden_runs_in_a_word_document_are_not_imported(tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml import OxmlElement

    document = Document()
    for line in SMALL_POLICY.format(cap="50万元").splitlines():
        document.add_paragraph(line)
    run = document.add_paragraph().add_run("3.隐藏条款。给予最高9000万元奖励。")
    run._r.get_or_add_rPr().append(OxmlElement("w:vanish"))
    path = tmp_path / "hidden.docx"
    document.save(str(path))
    read = read_file(path)
    assert [c.title for c in read.policies[0].clauses] == ["支持研发", "支持人才"]
    assert any("hidden text" in p.message for p in read.problems)


def test_bidi_override_in_an_amount_is_stripped_with_a_warning(tmp_path: Path) -> None:
    source = tmp_path / "bidi.txt"
    source.write_text(SMALL_POLICY.format(cap="\u202e500\u202c万元"), encoding="utf-8")
    read = read_file(source)
    caps = [i.max_cny for c in read.policies[0].clauses for i in c.incentives]
    assert caps[0] == 5_000_000  # the cap is seen, not silently missed
    warning = next(p for p in read.problems if "bidirectional" in p.message)
    assert warning.severity == "warning" and warning.line == 3


def test_bidi_isolates_in_an_html_character_reference_are_stripped(tmp_path: Path) -> None:
    page = tmp_path / "bidi.html"
    body = SMALL_POLICY.format(cap="&#x2066;500&#x2069;万元").replace("\n", "</p><p>")
    page.write_text(f"<html><body><p>{body}</p></body></html>", encoding="utf-8")
    read = read_file(page)
    assert read.policies[0].clauses[0].incentives[0].max_cny == 5_000_000
    assert any("bidirectional" in p.message for p in read.problems)


def test_yml_policy_file_is_matched_by_title_not_duplicated(
    project_copy: Path, cli: Callable[..., Result], tmp_path: Path
) -> None:
    source = tmp_path / "policy.txt"
    source.write_text(SMALL_POLICY.format(cap="50万元"), encoding="utf-8")
    assert cli("import", str(source), "--write", "--id", "test-policy", cwd=project_copy).code == 0
    policies = project_copy / "content" / "policies"
    (policies / "test-policy.yaml").rename(policies / "test-policy.yml")
    source.write_text(SMALL_POLICY.format(cap="60万元"), encoding="utf-8")
    result = cli("import", str(source), "--write", cwd=project_copy)
    assert result.code == 0, result.stderr
    assert "updated content/policies/test-policy.yml" in result.stdout
    assert not list(policies.glob("policy-*"))


def test_two_import_writes_at_once_one_is_refused_with_the_build_lock(
    project_copy: Path, cli: Callable[..., Result], tmp_path: Path
) -> None:
    from generators.lock import project_lock

    source = tmp_path / "policy.txt"
    source.write_text(SMALL_POLICY.format(cap="50万元"), encoding="utf-8")
    holding = threading.Event()
    release = threading.Event()

    def hold() -> None:  # stands for the first import (or a build) holding the lock
        with project_lock(project_copy / "output", "import --write"):
            holding.set()
            release.wait(60)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(10)
        second = cli("import", str(source), "--write", cwd=project_copy)
    finally:
        release.set()
        holder.join()
    assert second.code == 75
    assert "nothing was imported" in second.stderr
    assert not list((project_copy / "content" / "policies").glob("policy-*"))
    third = cli("import", str(source), "--write", cwd=project_copy)  # the lock is free again
    assert third.code == 0 and "created" in third.stdout


def test_a_stalling_parser_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    from generators.importer import isolate

    monkeypatch.setattr(isolate, "TIME_LIMIT_SECONDS", 1.0)
    started = time.monotonic()
    with pytest.raises(SourceRefused, match="took longer than 1 s"):
        isolate.run_isolated(_stall, b"", "PDF")
    assert time.monotonic() - started < 10


def test_a_parser_that_eats_memory_is_stopped() -> None:
    from generators.importer import isolate

    with pytest.raises(SourceRefused, match="MB to read"):
        isolate.run_isolated(_eat_memory, b"", "PDF")


def _stall(data: bytes) -> None:
    time.sleep(30)


def _eat_memory(data: bytes) -> None:
    hoard = []
    while True:
        hoard.append(bytearray(64 * 1024 * 1024))


def test_policy_file_symlinked_out_of_content_is_not_written_through(
    project_copy: Path, cli: Callable[..., Result], tmp_path: Path
) -> None:
    outside = tmp_path / "outside.yaml"
    policy = policy_file(project_copy, "ai-measures")
    outside.write_bytes(policy.read_bytes())
    policy.unlink()
    policy.symlink_to(outside)
    before = outside.read_bytes()
    result = cli(
        "import",
        str(REPO / "content" / "sources" / "000_1521696caacae126.txt"),
        "--write",
        cwd=project_copy,
    )
    assert result.code == 1 and "leads outside" in result.stderr
    assert outside.read_bytes() == before

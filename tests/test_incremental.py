"""Exactly what a change touches is rebuilt, with its reason; nothing else is."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import Result
from tests.helpers import clause_of, edit_yaml, policy_file, replace_in


def build(cli: Callable[..., Result], project: Path, *args: str) -> dict[str, Any]:
    result = cli("build", "--json", *args, cwd=project)
    assert result.code == 0, result.stderr
    document = result.json()
    assert isinstance(document, dict)
    return document


def rebuilt(document: dict[str, Any]) -> set[str]:
    return {item["path"] for item in document["rebuilt"]}


def sizes(project: Path) -> dict[str, int]:
    manifest = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))
    return {path: record["size"] for path, record in manifest["outputs"].items()}


def output_count(project: Path) -> int:
    return len(sizes(project))


def test_noop_build_rebuilds_nothing(built_copy: Path, cli: Callable[..., Result]) -> None:
    document = build(cli, built_copy)
    assert document["rebuilt"] == [] and document["removed"] == []
    assert document["unchanged"] == output_count(built_copy)
    # Briefs, summaries (Markdown and the copy for pasting), policy pages, forms, portal.
    assert output_count(built_copy) == 3 * 2 * 3 + 5 + 28 + 1


def test_chinese_then_english_change_of_one_clause(
    built_copy: Path, cli: Callable[..., Result]
) -> None:
    path = policy_file(built_copy, "ai-measures")

    def chinese(data: Any) -> None:
        text = clause_of(data, "4")["text"]
        text["zh"] = text["zh"].replace("重点突破一批", "重点突破一大批")

    edit_yaml(path, chinese)
    document = build(cli, built_copy)
    # The clause's text is in the briefs, its form, its policy page and the portal's finder;
    # summaries show its heading only.
    changed = {
        "briefs/ai.zh.pdf",
        "briefs/ai.en.pdf",
        "forms/ai-measures/4.docx",
        "policies/ai-measures.html",
        "index.html",
    }
    assert rebuilt(document) == changed
    reasons = {i["path"]: i["reasons"] for i in document["rebuilt"]}
    assert reasons["briefs/ai.zh.pdf"] == ["clause ai-measures/4 changed (zh)"]
    changes = (built_copy / "output" / "CHANGES.md").read_text(encoding="utf-8")
    diff = changes.split("### ai-measures/4")[1].split("```")[1].splitlines()
    assert any(line.startswith("-") and "重点突破一批" in line for line in diff)
    assert any(line.startswith("+") and "重点突破一大批" in line for line in diff)
    assert "- ai-measures/4" in changes.split("English that became stale")[1]

    def english(data: Any) -> None:
        text = clause_of(data, "4")["text"]
        text["en"] = text["en"].replace("Support enterprises", "Support all enterprises", 1)

    edit_yaml(path, english)
    assert cli("translations", "confirm", "ai-measures/4", cwd=built_copy).code == 0
    document = build(cli, built_copy)
    changed = {
        "briefs/ai.en.pdf",
        "forms/ai-measures/4.docx",
        "policies/ai-measures.html",
        "index.html",
    }
    assert rebuilt(document) == changed
    reasons = {i["path"]: i["reasons"] for i in document["rebuilt"]}
    assert reasons["briefs/ai.en.pdf"] == ["clause ai-measures/4 changed (en)"]


def test_glossary_entry(built_copy: Path, cli: Callable[..., Result]) -> None:
    replace_in(
        built_copy / "content" / "glossary.yaml",
        "en: Suzhou Municipal Bureau of Education",
        "en: Suzhou Municipal Education Bureau",
    )
    document = build(cli, built_copy)
    assert rebuilt(document) == {
        "briefs/ai.en.pdf",
        "briefs/ic.en.pdf",
        "summaries/ai.en.md",
        "summaries/ic.en.md",
        "summaries/ai.en.html",
        "summaries/ic.en.html",
        "forms/ai-measures/14.docx",
        "forms/ic-measures/14.docx",
        "policies/ai-measures.html",
        "policies/ai-pilot-zone.html",
        "policies/biomed-plan.html",
        "policies/ic-measures.html",
        "index.html",
    }
    reasons = {i["path"]: i["reasons"] for i in document["rebuilt"]}
    assert reasons["summaries/ai.en.md"] == ["glossary entry 市教育局 changed"]


def test_template_include(built_copy: Path, cli: Callable[..., Result]) -> None:
    include = built_copy / "templates" / "shared" / "text.md.j2"
    include.write_text(include.read_text(encoding="utf-8") + "{# reviewed #}\n", encoding="utf-8")
    document = build(cli, built_copy)
    summaries = {
        f"summaries/{s}.{lang}.md" for s in ("ai", "ic", "biomed") for lang in ("zh", "en")
    }
    assert rebuilt(document) == summaries  # same bytes, so the portal stays
    assert all(i["reasons"] == ["template shared/text.md.j2 changed"] for i in document["rebuilt"])


def test_catalog_entry(built_copy: Path, cli: Callable[..., Result]) -> None:
    po = built_copy / "templates" / "locales" / "zh" / "LC_MESSAGES" / "messages.po"
    replace_in(
        po,
        'msgid "What is on offer"\nmsgstr "支持概览"',
        'msgid "What is on offer"\nmsgstr "支持一览"',
    )
    subprocess.run(
        [sys.executable, "-m", "generators.templating.catalogs"],
        cwd=built_copy,
        check=True,
        capture_output=True,
    )
    document = build(cli, built_copy)
    assert rebuilt(document) == {
        "summaries/ai.zh.md",
        "summaries/ic.zh.md",
        "summaries/biomed.zh.md",
        "summaries/ai.zh.html",
        "summaries/ic.zh.html",
        "summaries/biomed.zh.html",
        "index.html",  # it links them, with their sizes
    }
    reasons = {i["path"]: i["reasons"] for i in document["rebuilt"]}
    assert reasons["summaries/ai.zh.md"] == ["catalog zh changed"]


def test_sector_tag(built_copy: Path, cli: Callable[..., Result]) -> None:
    def tag(data: Any) -> None:
        clause = clause_of(data, "2")
        clause.insert(list(clause.keys()).index("division") + 1, "sectors", ["ai", "ic"])

    edit_yaml(policy_file(built_copy, "ai-measures"), tag)
    document = build(cli, built_copy)
    assert rebuilt(document) == {
        "briefs/ic.zh.pdf",
        "briefs/ic.en.pdf",
        "summaries/ic.zh.md",
        "summaries/ic.en.md",
        "summaries/ic.zh.html",
        "summaries/ic.en.html",
        "index.html",
    }
    reasons = {i["path"]: i["reasons"] for i in document["rebuilt"]}
    assert "now shows clause ai-measures/2" in reasons["summaries/ic.zh.md"]


def test_missing_altered_and_removed_outputs(built_copy: Path, cli: Callable[..., Result]) -> None:
    output = built_copy / "output"
    (output / "summaries" / "ic.en.md").unlink()
    with (output / "forms" / "ic-measures" / "3.docx").open("ab") as handle:
        handle.write(b"tampered")

    def drop(data: Any) -> None:
        clause = clause_of(data, "9")  # ai-measures/9: a 20万/项 award
        clause["incentives"] = []

    edit_yaml(policy_file(built_copy, "ai-measures"), drop)
    document = build(cli, built_copy)
    reasons = {i["path"]: i["reasons"] for i in document["rebuilt"]}
    assert reasons["summaries/ic.en.md"] == ["file is missing"]
    assert reasons["forms/ic-measures/3.docx"] == ["file was altered or left incomplete"]
    assert document["removed"] == ["forms/ai-measures/9.docx"]
    assert not (output / "forms" / "ai-measures" / "9.docx").exists()


def test_corrupt_manifest_means_an_announced_full_rebuild(
    built_copy: Path, cli: Callable[..., Result]
) -> None:
    (built_copy / "output" / "manifest.json").write_text("{not json", encoding="utf-8")
    document = build(cli, built_copy)
    assert len(document["rebuilt"]) == output_count(built_copy)
    assert document["rebuilt"][0]["reasons"] == [
        "full rebuild: manifest is unreadable (JSONDecodeError)"
    ]


def test_force(built_copy: Path, cli: Callable[..., Result]) -> None:
    document = build(cli, built_copy, "--force", "--jobs", "2")
    assert len(document["rebuilt"]) == output_count(built_copy)
    assert {tuple(i["reasons"]) for i in document["rebuilt"]} == {("rebuild forced (--force)",)}


def test_noop_build_imports_neither_weasyprint_nor_python_docx(built_copy: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "generators", "build"],
        cwd=built_copy,
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {
        line.split("|")[-1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "generators" in imported
    assert not imported & {"weasyprint", "docx", "pydantic", "ruamel", "jinja2"}
    assert f"rebuilt 0, unchanged {output_count(built_copy)}" in result.stdout


def test_watch_rebuilds_on_save(built_copy: Path) -> None:
    import queue
    import subprocess
    import sys
    import threading

    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "generators", "watch", "--jobs", "2"],
        cwd=built_copy,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    threading.Thread(
        target=lambda: [lines.put(line) for line in process.stdout],  # type: ignore[union-attr]
        daemon=True,
    ).start()
    seen: list[str] = []

    def wait_for(text: str) -> None:
        while True:
            try:
                line = lines.get(timeout=120)
            except queue.Empty:
                raise AssertionError(f"watch never printed {text!r}; it printed {seen}") from None
            seen.append(line)
            if text in line:
                return

    total = output_count(built_copy)
    try:
        wait_for(f"rebuilt 0, unchanged {total}")
        wait_for("watching for changes")
        replace_in(
            built_copy / "content" / "glossary.yaml",
            "en: Suzhou Municipal Bureau of Education",
            "en: Suzhou Municipal Education Bureau",
        )
        wait_for("changed: content/glossary.yaml")
        wait_for("summaries/ai.en.md: glossary entry 市教育局 changed")
        wait_for(f"rebuilt 13, unchanged {total - 13}")
    finally:
        process.terminate()
        process.wait(timeout=30)

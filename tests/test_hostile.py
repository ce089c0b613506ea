"""Hostile input stays text; crashes, concurrent builds and full disks never corrupt output/."""

from __future__ import annotations

import hashlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from tests.conftest import FIXTURES, REPO, Result, run_cli
from tests.helpers import clause_of, edit_yaml

LONG = "长" * 40 + "A" * 3000
PAYLOAD = (
    '<script>alert(1)</script> <img src="http://example.invalid/x.png"> '
    '<link href="file:///etc/passwd"> {{ 7*7 }} {% include "x" %} **bold** _em_ '
    "[link](http://example.invalid) | pipe | # heading `code` & ]]> <![CDATA[x]]> "
)


def minimal_project(target: Path) -> Path:
    shutil.copytree(FIXTURES / "minimal" / "content", target / "content")
    shutil.copytree(REPO / "templates", target / "templates")
    return target


def inject(project: Path) -> None:
    """Put the payload into the title and text of the money-bearing clause 2, both languages."""

    def change(data: Any) -> None:
        clause = clause_of(data, "2")
        clause["title"]["zh"] = "恶意标题" + PAYLOAD
        clause["title"]["en"] = "Hostile title " + PAYLOAD
        clause["text"]["zh"] = clause["text"]["zh"] + PAYLOAD + LONG
        clause["text"]["en"] = clause["text"]["en"] + " " + PAYLOAD + LONG

    edit_yaml(project / "content" / "policies" / "mini.yaml", change)
    assert run_cli("translations", "confirm", "mini/2", cwd=project).code == 0


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = minimal_project(tmp_path_factory.mktemp("hostile") / "project")
    inject(project)
    result = run_cli("build", cwd=project)
    assert result.code == 0, result.stderr
    return project / "output"


def test_markdown_keeps_injected_text_literal(injected: Path) -> None:
    for lang in ("zh", "en"):
        markdown = (injected / "summaries" / f"ai.{lang}.md").read_text(encoding="utf-8")
        tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
        assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
        inline = [c for t in tokens for c in t.children or ()]
        assert not [c for c in inline if c.type in ("html_inline", "code_inline")]
        emphasised = [
            inline[i + 1].content
            for i, c in enumerate(inline[:-1])
            if c.type in ("em_open", "strong_open")
        ]
        assert "bold" not in emphasised and "em" not in emphasised
        links = [c.attrGet("href") for c in inline if c.type == "link_open"]
        assert "http://example.invalid" not in links
        rows = [t for t in tokens if t.type == "tr_open"]
        for row in rows:
            start = tokens.index(row)
            end = next(i for i in range(start, len(tokens)) if tokens[i].type == "tr_close")
            cells = [t for t in tokens[start:end] if t.type in ("td_open", "th_open")]
            assert len(cells) == 4  # the pipe in the text did not add a column
        text = "".join(c.content for c in inline if c.type == "text")
        assert "<script>alert(1)</script>" in text and "{{ 7*7 }}" in text
        assert "**bold**" in text and "| pipe |" in text


def test_pdf_shows_injected_text_and_fetches_nothing(injected: Path) -> None:
    for lang in ("zh", "en"):
        pdf = injected / "briefs" / f"ai.{lang}.pdf"
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        flat = re.sub(r"\s+", "", text)
        assert "<script>alert(1)</script>" in flat
        assert "{{7*7}}" in flat and '{%include"x"%}' in flat
        assert "]]>" in flat
        raw = pdf.read_bytes()
        assert b"example.invalid" not in raw and b"/etc/passwd" not in raw.replace(
            b"file:///etc/passwd", b""
        )
        layout = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        longest = max(len(line) for line in layout.splitlines())
        assert longest < 200, "the unbroken string ran off the page instead of wrapping"
        width = subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        assert "A4" in width


def test_docx_keeps_injected_text_as_text(
    injected: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    from lxml import etree

    form = injected / "forms" / "mini" / "2.docx"
    with zipfile.ZipFile(form) as package:
        xml = package.read("word/document.xml")
    root = etree.fromstring(xml)
    texts = "".join(root.itertext())
    assert "<script>alert(1)</script>" in texts and "]]>" in texts and "{{ 7*7 }}" in texts
    assert b"<script>" not in xml  # escaped in the XML, text in the document
    result = cli("readback", "--json", str(form), cwd=injected.parent)
    assert result.json()[0]["form_id"] == "PD-mini-2"  # type: ignore[index]


def test_portal_keeps_injected_text_as_text(injected: Path) -> None:
    html = (injected / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<script>") == 1  # the portal's own
    assert "<img" not in html and 'href="http://example.invalid' not in html
    assert "{{ 7*7 }}" in html
    # The finder's index holds the clause's words as data: no markup can end its element.
    index = html.split('id="finder-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in index and "\\u003cscript\\u003ealert(1)" in index


def test_summary_copy_for_pasting_keeps_injected_text_as_text(injected: Path) -> None:
    for lang in ("zh", "en"):
        html = (injected / "summaries" / f"ai.{lang}.html").read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert html.count("<script>") == 1  # its own copy button
        assert "<img" not in html and 'href="http://example.invalid' not in html


def snapshot(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def changed_after_build(tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """A built minimal project whose clause 2 has since changed: the next build has work."""
    project = minimal_project(tmp_path / "project")
    assert run_cli("build", cwd=project).code == 0
    old = snapshot(project / "output")

    def change(data: Any) -> None:
        clause = clause_of(data, "2")
        clause["title"]["zh"] = "支持企业做大做强（修订）"
        clause["title"]["en"] = "Supporting Enterprises to Grow Bigger and Stronger (Revised)"

    edit_yaml(project / "content" / "policies" / "mini.yaml", change)
    assert run_cli("translations", "confirm", "mini/2", cwd=project).code == 0
    yield project, old


def start_paused(project: Path, phase: str) -> subprocess.Popen[str]:
    env = {**os.environ, "POLICYDOCS_PAUSE_AT": phase}
    process = subprocess.Popen(
        [sys.executable, "-m", "generators", "build", "--jobs", "2"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    marker = project / "output" / f".paused-{phase.replace(':', '-')}"
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"build never reached {phase}"
        time.sleep(0.05)
    marker.unlink()
    return process


def kill(process: subprocess.Popen[str]) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


@pytest.mark.parametrize("phase", ["render:brief", "render:form", "commit", "manifest"])
def test_sigkill_leaves_old_or_new_files_and_the_next_build_completes(
    changed_after_build: tuple[Path, dict[str, str]], phase: str
) -> None:
    project, old = changed_after_build
    kill(start_paused(project, phase))
    crashed = snapshot(project / "output")
    report = project / "output" / "CHANGES.md"
    crashed_report = report.read_text(encoding="utf-8") if report.exists() else ""
    assert run_cli("build", cwd=project).code == 0
    new = snapshot(project / "output")
    assert new != old
    for name, digest in crashed.items():
        if Path(name).name.startswith(".tmp-"):
            continue  # a temporary a killed build left; the next build removes it
        if name == "CHANGES.md":  # the killed build's own report, written whole
            assert crashed_report.startswith("# Content changes")
            assert crashed_report.endswith("\n") and "mini/2" in crashed_report
            continue
        assert digest in (old.get(name), new.get(name)), f"{name} is neither old nor new"
    assert not [n for n in new if Path(n).name.startswith(".tmp-")]
    assert run_cli("build", "--json", cwd=project).json()["rebuilt"] == []  # type: ignore[index]


def test_a_second_build_at_once_is_refused(
    changed_after_build: tuple[Path, dict[str, str]], cli: Callable[..., Result]
) -> None:
    project, _ = changed_after_build
    first = start_paused(project, "render:brief")
    try:
        second = cli("build", cwd=project)
        assert second.code == 75
        assert "another build is writing to" in second.stderr
    finally:
        kill(first)
    assert cli("build", cwd=project).code == 0


def test_full_disk_gives_a_clear_error_and_keeps_outputs(
    changed_after_build: tuple[Path, dict[str, str]],
) -> None:
    project, old = changed_after_build

    def small_files() -> None:  # a disk that takes no file larger than 64 KB
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    process = subprocess.run(
        [sys.executable, "-m", "generators", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        preexec_fn=small_files,
        timeout=300,
    )
    assert process.returncode == 1
    assert "File too large" in process.stderr
    assert "output/ is unchanged" in process.stderr
    assert "Traceback" not in process.stderr
    after = snapshot(project / "output")
    assert {k: v for k, v in after.items() if not Path(k).name.startswith(".tmp-")} == old


def test_read_only_output_gives_a_clear_error(
    changed_after_build: tuple[Path, dict[str, str]],
) -> None:
    project, old = changed_after_build
    output = project / "output"
    mounted = subprocess.run(["mount", "--bind", str(output), str(output)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {mounted.stderr.strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(output)], check=True)
        result = run_cli("build", cwd=project)
    finally:
        subprocess.run(["umount", str(output)], check=True)
    assert result.code == 1
    assert "Read-only file system" in result.stderr
    assert "output/ is unchanged" in result.stderr
    assert snapshot(output) == old

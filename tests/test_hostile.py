"""Hostile input stays text; crashes, concurrent builds and full disks never corrupt output/."""

from __future__ import annotations

import hashlib
import os
import re
import resource
import shutil
import signal
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from generators.lock import OWNER_NOTE
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
        if lang == "en":  # English briefs print straight quotes as typographic ones
            flat = flat.translate(str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''"))
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
        clause["title"]["en"] = "Supporting enterprises in growing bigger and stronger (revised)"

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
        if name == OWNER_NOTE:  # who held the lock; the next build takes it over
            continue
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
        assert f"another policydocs process (process {first.pid}, `policydocs build`) is " in (
            second.stderr
        )
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


# Keys that become paths, forged manifests and symlinks: nothing is written or deleted
# outside output/ and content/ (issue 17, findings 1 and 2).


@pytest.fixture(scope="module")
def built_minimal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = minimal_project(tmp_path_factory.mktemp("paths") / "project")
    assert run_cli("build", cwd=project).code == 0
    return project


@pytest.fixture
def nested_copy(built_minimal: Path, tmp_path: Path) -> Path:
    """A copy of the built minimal project at tmp_path/a/project: `../../../x` from its
    output/briefs/ lands in tmp_path/a/x, where the tests look."""
    project = tmp_path / "a" / "project"
    shutil.copytree(built_minimal, project, symlinks=True)
    return project


def everything_but(root: Path, *kept: Path) -> dict[str, str]:
    """Every file and link under root, outside the folders the tool may write."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if any(path == k or path.is_relative_to(k) for k in kept):
            continue
        if path.is_symlink():
            found[str(path.relative_to(root))] = "-> " + os.readlink(path)
        elif path.is_file():
            found[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def test_sector_key_naming_a_path_outside_output_is_refused(
    nested_copy: Path, tmp_path: Path
) -> None:
    project = nested_copy
    sectors = project / "content" / "sectors.yaml"
    sectors.write_text(
        sectors.read_text(encoding="utf-8")
        + "../../../outside/pwn:\n  zh: 外部\n  en: Outside\n  keywords: [人工智能]\n",
        encoding="utf-8",
    )
    outside = everything_but(tmp_path, project / "output", project / "content")
    before = snapshot(project / "output")
    expected = (
        "content/sectors.yaml:5: error: ../../../outside/pwn: sector key '../../../outside/pwn' "
        "is not an id: use lower-case letters, digits and hyphens, starting with a letter or "
        "digit (the key names the files briefs/<key>.<lang>.pdf and summaries/<key>.<lang>.md)"
    )
    check = run_cli("check", cwd=project)
    assert check.code == 1 and expected in check.stderr
    build = run_cli("build", cwd=project)
    assert build.code == 1 and expected in build.stderr
    assert not (tmp_path / "a" / "outside").exists()
    assert everything_but(tmp_path, project / "output", project / "content") == outside
    assert snapshot(project / "output") == before


@pytest.mark.parametrize("where", ["absolute", "dot-dot"])
def test_forged_manifest_entry_outside_output_is_never_deleted(
    nested_copy: Path, tmp_path: Path, where: str
) -> None:
    import json

    project = nested_copy
    victim = tmp_path / "a" / "victim.txt"
    victim.write_text("not the build's to delete\n", encoding="utf-8")
    entry = str(victim) if where == "absolute" else "../victim.txt"
    manifest_path = project / "output" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["outputs"][entry] = manifest["outputs"]["summaries/ai.zh.md"]
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    before = snapshot(project / "output")
    why = "is an absolute path" if where == "absolute" else "has an empty, '.' or '..' part"
    expected = f"output/manifest.json: error: outputs: entry {entry!r} {why}"
    build = run_cli("build", cwd=project)
    assert build.code == 1 and expected in build.stderr, build.stderr
    assert "nothing was written or deleted" in build.stderr
    check = run_cli("check", cwd=project)
    assert check.code == 1 and expected in check.stderr, check.stderr
    assert victim.read_text(encoding="utf-8") == "not the build's to delete\n"
    assert snapshot(project / "output") == before


def test_output_folder_symlinked_outside_is_neither_written_nor_deleted(
    nested_copy: Path, tmp_path: Path
) -> None:
    project = nested_copy
    elsewhere = tmp_path / "elsewhere"
    shutil.move(project / "output" / "forms", elsewhere)
    (project / "output" / "forms").symlink_to(elsewhere)
    outside = everything_but(tmp_path, project)
    result = run_cli("build", cwd=project)
    assert result.code == 1
    assert "forms/mini/2.docx: ValueError" not in result.stderr
    assert f"'forms/mini/2.docx' leads outside {project / 'output'}" in result.stderr
    assert "output/ is unchanged" in result.stderr
    assert everything_but(tmp_path, project) == outside


def test_leftover_temporaries_are_removed_only_inside_output(
    nested_copy: Path, tmp_path: Path
) -> None:
    project = nested_copy
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".tmp-precious").write_text("kept", encoding="utf-8")
    (project / "output" / "linked").symlink_to(elsewhere)
    (project / "output" / "briefs" / ".tmp-left-by-a-crash.pdf").write_bytes(b"%PDF-")
    assert run_cli("build", cwd=project).code == 0
    assert (elsewhere / ".tmp-precious").read_text(encoding="utf-8") == "kept"
    assert not (project / "output" / "briefs" / ".tmp-left-by-a-crash.pdf").exists()


def test_source_and_translation_ids_naming_paths_are_refused(
    nested_copy: Path, tmp_path: Path
) -> None:
    project = nested_copy
    policy = project / "content" / "policies" / "mini.yaml"
    policy.write_text(
        policy.read_text(encoding="utf-8").replace(
            "\nsource:\n", "\nsource: sources/../../../etc/passwd\n"
        ),
        encoding="utf-8",
    )
    outside = everything_but(tmp_path, project / "output", project / "content")
    check = run_cli("check", cwd=project)
    assert check.code == 1
    assert (
        "content/policies/mini.yaml:9: error: source: source 'sources/../../../etc/passwd': the "
        "file name '../../../etc/passwd' is not an id" in check.stderr
    )
    confirm = run_cli("translations", "confirm", "../../outside/x", cwd=project)
    assert confirm.code == 1
    assert "error: '../../outside/x': the policy id '..' is not an id" in confirm.stderr
    assert everything_but(tmp_path, project / "output", project / "content") == outside


# The lock dies with the build; runaway renders end; a commit is all or nothing
# (issue 17, findings 6 and 7, and the job timeout of finding 10).


def test_killing_only_the_main_process_frees_the_lock_within_seconds(
    changed_after_build: tuple[Path, dict[str, str]],
) -> None:
    project, _ = changed_after_build
    process = start_paused(project, "render:brief")
    workers = [
        int(p.name)
        for p in Path("/proc").iterdir()
        if p.name.isdigit() and _parent(int(p.name)) == process.pid
    ]
    assert workers
    os.kill(process.pid, signal.SIGKILL)  # the main process only, as `kill -9 PID` does
    process.wait(timeout=30)
    deadline = time.monotonic() + 5
    while any(_running(pid) for pid in workers):
        assert time.monotonic() < deadline, "render workers outlived their build"
        time.sleep(0.05)
    result = run_cli("build", cwd=project)
    assert result.code == 0, result.stderr


def _parent(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return 0
    return int(stat.rpartition(")")[2].split()[1])


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


HOLDER = """
import fcntl, json, os, sys, time
from generators.lock import OWNER_NOTE, process_start
output = sys.argv[1]
handle = os.open(output, os.O_RDONLY)
fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
note = {"pid": int(sys.argv[2]), "start": 1, "command": "build",
        "workers": [[os.getpid(), process_start(os.getpid())]]}
with open(os.path.join(output, OWNER_NOTE), "w") as stream:
    json.dump(note, stream)
print("holding", flush=True)
time.sleep(600)
"""


def test_a_lock_left_by_a_dead_build_is_taken_over_with_a_message(
    changed_after_build: tuple[Path, dict[str, str]],
) -> None:
    project, _ = changed_after_build
    gone = subprocess.Popen(["true"])
    gone.wait()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(project / "output"), str(gone.pid)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        result = run_cli("build", cwd=project)
        assert result.code == 0, result.stderr
        assert (
            f"note: took over the lock of `policydocs build` (process {gone.pid}), which is "
            f"gone; stopped its leftover render processes {holder.pid}" in result.stderr
        )
        assert holder.wait(timeout=10) == -signal.SIGKILL
    finally:
        holder.kill()
        holder.wait()
    assert not (project / "output" / OWNER_NOTE).exists()


def test_a_render_running_past_the_job_timeout_stops_the_build_cleanly(
    nested_copy: Path,
) -> None:
    project = nested_copy
    old = snapshot(project / "output")
    template = project / "templates" / "summaries" / "summary.md.j2"
    template.write_text(
        "{% for i in range(10**12) %}{% endfor %}" + template.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    started = time.monotonic()
    result = run_cli("build", "--job-timeout", "5", "--jobs", "2", cwd=project, timeout=120)
    assert time.monotonic() - started < 60
    assert result.code == 1
    assert re.search(
        r"error: summaries/ai\.(zh|en)\.md: rendering took longer than 5 s \(the job timeout, "
        r"set with --job-timeout\); stopped",
        result.stderr,
    ), result.stderr
    assert "output/ is unchanged" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(project / "output") == old


def test_a_failed_commit_puts_back_every_file_it_touched(
    changed_after_build: tuple[Path, dict[str, str]],
) -> None:
    project, _ = changed_after_build
    output = project / "output"
    (output / "index.html").unlink()
    (output / "index.html").mkdir()  # an obstacle the last rendered file cannot replace
    (output / "index.html" / "keep").write_text("a folder someone unpacked here")
    before = snapshot(output)
    result = run_cli("build", cwd=project)
    assert result.code == 1
    assert (
        "error: build failed while committing: could not move index.html into place: Is a "
        "directory; put back the 3 file(s) already replaced or removed (briefs/ai.en.pdf, "
        "briefs/ai.zh.pdf, forms/mini/2.docx); output/ is unchanged" in result.stderr
    ), result.stderr
    after = snapshot(output)
    assert {k: v for k, v in after.items() if not Path(k).name.startswith(".tmp-")} == before


# The PDF fetcher under the WeasyPrint versions pyproject allows (issue 17, finding 11).


def png(width: int, height: int) -> bytes:
    """A small RGB PNG, made here so the test needs no image file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x20\x60\xa0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_brief_template_with_a_local_image_and_a_font_face_renders(
    tmp_path: Path,
) -> None:
    project = minimal_project(tmp_path / "project")
    briefs = project / "templates" / "briefs"
    (briefs / "logo.png").write_bytes(png(7, 5))
    shutil.copy("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", briefs / "brief-face.ttf")
    outside = tmp_path / "outside.png"
    outside.write_bytes(png(11, 3))
    face = "{{ asset('briefs/brief-face.ttf') }}"
    css = briefs / "brief.css"
    css.write_text(
        f'@font-face {{ font-family: "Brief Face"; src: url("{face}"); }}\n'
        + css.read_text(encoding="utf-8")
        + '\n.cover-kicker { font-family: "Brief Face"; }\n',
        encoding="utf-8",
    )
    images = (
        '<img src="{{ asset(\'briefs/logo.png\') }}" alt="logo">'
        f'<img src="{outside.as_uri()}" alt="outside">'
        '<img src="http://example.invalid/x.png" alt="net">'
    )
    template = briefs / "brief.html.j2"
    template.write_text(
        template.read_text(encoding="utf-8").replace(
            '<section class="cover">', '<section class="cover">' + images
        ),
        encoding="utf-8",
    )
    result = run_cli("build", cwd=project)
    assert result.code == 0, result.stderr
    pdf = project / "output" / "briefs" / "ai.en.pdf"
    images = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert [line.split()[3:5] for line in images] == [["7", "5"]]  # the local one only
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "+Brief-Face " in fonts  # the @font-face font, loaded and embedded

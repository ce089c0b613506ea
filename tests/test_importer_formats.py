"""PDF and Word renditions of a policy import to the same clauses, caps, rates and units
as its plain text; files that cannot be read get a clear error, never a hang or a crash.

The renditions (tests/fixtures/renditions/, made by its make.py) are the seed listing page
and the three development texts, each as Word with automatic numbering, LibreOffice PDF
from that Word file and from the text, and WeasyPrint PDF justified and letter-spaced with
running headers and page numbers, and in two columns.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generators.importer.read import read_file
from generators.importer.records import policy_json
from tests.conftest import DEV_CORPUS, FIXTURES, REPO, SEED, Result

RENDITIONS = FIXTURES / "renditions"
TEXTS = {
    "seed": SEED,
    "beijing": DEV_CORPUS / "beijing_ai_plus_action_plan_2024.txt",
    "nanjing": DEV_CORPUS / "nanjing_ai_plus_government_scenarios_2026.txt",
    "guangdong": DEV_CORPUS / "guangdong_ai_empowering_manufacturing_2025.txt",
}
KINDS = ("docx", "lo-docx.pdf", "lo-text.pdf", "justified.pdf", "two-column.pdf")


def reading(path: Path) -> list[dict[str, Any]]:
    """What matters of an import: per clause its id, number, title, text (spacing aside),
    units, and per incentive its cap, rate, basis and units."""
    read = read_file(path)
    assert not read.errors, read.errors
    return [
        {
            "title": policy.title,
            "clauses": [
                (
                    c["id"],
                    c["number"],
                    c["title"],
                    "".join(c["text"].split()),
                    c["departments"],
                    [(i["max_cny"], i["rate_pct"], i["basis"], i["per"]) for i in c["incentives"]],
                )
                for c in policy_json(policy)["clauses"]
            ],
        }
        for policy in read.policies
    ]


_PLAIN: dict[str, list[dict[str, Any]]] = {}


def plain(name: str) -> list[dict[str, Any]]:
    if name not in _PLAIN:
        _PLAIN[name] = reading(TEXTS[name])
    return _PLAIN[name]


# Titles of listing entries set in two narrow columns wrap in ways a line reader cannot
# always tell from the first line of the body; the clauses themselves must all match.
TITLE_TOLERANT = {("seed", "justified.pdf"), ("seed", "two-column.pdf")}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", list(TEXTS))
def test_rendition_imports_as_its_text(name: str, kind: str) -> None:
    expected, got = plain(name), reading(RENDITIONS / f"{name}.{kind}")
    assert len(got) == len(expected)
    for want, have in zip(expected, got, strict=True):
        if (name, kind) not in TITLE_TOLERANT:
            assert have["title"] == want["title"]
        assert [c[0] for c in have["clauses"]] == [c[0] for c in want["clauses"]]
        for want_clause, have_clause in zip(want["clauses"], have["clauses"], strict=True):
            assert have_clause == want_clause, want_clause[0]


def test_seed_renditions_keep_143_clauses_and_28_caps() -> None:
    for kind in KINDS:
        read = read_file(RENDITIONS / f"seed.{kind}")
        clauses = [c for p in read.policies for c in p.clauses]
        assert len(clauses) == 143, kind
        assert sum(1 for c in clauses if any(i.max_cny for i in c.incentives)) == 28, kind


def test_import_json_counts_each_repair(cli: Callable[..., Result]) -> None:
    result = cli("import", str(RENDITIONS / "beijing.lo-docx.pdf"), "--json", cwd=REPO)
    assert result.code == 0, result.stderr
    document: Any = result.json()
    repairs = document["files"][0]["repairs"]
    assert document["files"][0]["format"] == "pdf"
    assert repairs["broken_lines"] > 100
    assert repairs["page_numbers"] >= 5  # "- 1 -" … one per page
    assert repairs["running_headers"] >= 5  # the notice title at the top of every page
    assert repairs["cjk_latin_spaces"] >= 3  # "探索 FSD、ASD 等"
    assert document["repairs"] == repairs


def test_word_numbering_comes_from_the_numbering_definitions() -> None:
    from docx import Document

    document = Document(str(RENDITIONS / "nanjing.docx"))
    texts = [p.text for p in document.paragraphs]
    assert "建立协同工作机制：市数据局会同市数治中心" in texts[texts.index("推进计划") + 2][:21]
    assert not any(t.startswith(("1.", "（一）", "一、")) for t in texts)  # not in the text
    read = read_file(RENDITIONS / "nanjing.docx")
    assert read.repairs["word_numbering"] == 25
    by_id = {c.id: c for c in read.policies[0].clauses}
    assert by_id["s1.1"].number == "1" and by_id["s1.1"].title == "建立协同工作机制"


# --- files that are not readable policies ---------------------------------------------


def _weasy_pdf(html: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf()  # type: ignore[no-any-return]


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (400, 560), (240, 240, 240)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_scanned_pdf_names_ocr(tmp_path: Path) -> None:
    import base64

    image = base64.b64encode(_png()).decode()
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(
        _weasy_pdf(f"<img src='data:image/png;base64,{image}' style='width:100%'>" * 2)
    )
    read = read_file(scan)
    assert read.policies == []
    assert "no text layer" in read.errors[0].message and "OCR" in read.errors[0].message


def test_encrypted_pdf_is_a_clear_error(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(RENDITIONS / "beijing.lo-text.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    read = read_file(locked)
    assert read.policies == [] and "encrypted PDF" in read.errors[0].message
    assert "password" in read.errors[0].message


def test_owner_password_only_pdf_is_read(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(RENDITIONS / "guangdong.lo-text.pdf"))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    restricted = tmp_path / "restricted.pdf"
    with restricted.open("wb") as handle:
        writer.write(handle)
    read = read_file(restricted)
    assert not read.errors and len(read.policies[0].clauses) == 16


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("corrupt.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer garbage", "PDF"),
        ("corrupt.docx", b"PK\x03\x04word/" + b"\x00" * 300, "damaged"),
        ("empty.pdf", b"%PDF-1.4\n%%EOF\n", "PDF"),
    ],
)
def test_corrupt_documents_are_clear_errors(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    read = read_file(path)
    assert read.policies == [] and read.errors
    assert message in read.errors[0].message


def test_doc_without_libreoffice_says_to_convert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    monkeypatch.setenv("PATH", str(tmp_path))
    read = read_file(path)
    assert read.policies == []
    assert "old Word format (.doc" in read.errors[0].message
    assert "save it as .docx" in read.errors[0].message


@pytest.mark.slow
def test_doc_converts_through_libreoffice(tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "doc:MS Word 97",
            "--outdir",
            str(tmp_path),
            str(RENDITIONS / "guangdong.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    read = read_file(tmp_path / "guangdong.doc")
    assert read.format == "doc"
    assert any("converted" in p.message for p in read.problems if p.severity == "warning")
    # LibreOffice's .doc export restarts lists whose numbering a Word start override
    # continues ((六) after chapter 一 reads (一) when it opens the .doc again): numbers
    # and ids may differ, every clause's title, text, units and money may not.
    [got], [want] = reading(tmp_path / "guangdong.doc"), plain("guangdong")
    assert got["title"] == want["title"]
    assert [c[2:] for c in got["clauses"]] == [c[2:] for c in want["clauses"]]


@pytest.mark.slow
def test_renditions_script_makes_importable_files(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(RENDITIONS / "make.py"), str(tmp_path), "nanjing"],
        check=True,
        capture_output=True,
        timeout=600,
        cwd=REPO,
    )
    for kind in KINDS:
        assert reading(tmp_path / f"nanjing.{kind}") == plain("nanjing"), kind


def test_json_problems_carry_severity(cli: Callable[..., Result], tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing")
    result = cli("import", str(bad), "--json", cwd=REPO)
    assert result.code == 1 and "Traceback" not in result.stderr
    problems = json.loads(result.stdout)["problems"]
    assert problems[0]["severity"] == "error" and problems[0]["file"] == str(bad)

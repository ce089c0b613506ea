"""The bad-content corpus: one small broken project per failure, the exact error expected,
and output/ byte-for-byte as it was after `check` and `build` refuse it."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import Result, fixture_project, run_cli

POLICY = "content/policies/mini.yaml"
SETTINGS = "content/settings.yaml"


@dataclass(frozen=True)
class Case:
    file: str
    old: str
    new: str
    error_file: str
    error_line_of: str | None
    """Text whose line (in the edited file) the error must name; None: no line."""
    field: str
    message: str
    line_offset: int = 0
    severity: str = "error"


CASES = {
    "yaml-syntax": Case(
        POLICY,
        "  - id: '2'\n",
        "  - id: '2\n",
        POLICY,
        "  - id: '2\n",
        "",
        "YAML syntax error: while parsing a block mapping expected <block end>, "
        "but found '<scalar>'",
        line_offset=1,
    ),
    "tab-indentation": Case(
        POLICY,
        "    number: '2'\n",
        "\tnumber: '2'\n",
        POLICY,
        "\tnumber: '2'\n",
        "",
        "tab used for indentation; YAML indents with spaces only",
    ),
    "duplicate-key": Case(
        POLICY,
        "    number: '2'\n",
        "    number: '2'\n    number: '3'\n",
        POLICY,
        "    number: '3'\n",
        "",
        'YAML syntax error: found duplicate key "number" with value "3" (original value: "2")',
    ),
    "wrong-type": Case(
        POLICY,
        "max_cny: 1000000\n",
        "max_cny: 500万\n",
        POLICY,
        "max_cny: 500万\n",
        "clauses[1].incentives[0].max_cny",
        "'max_cny' must be int (got '500万' that is a str)",
    ),
    "missing-field": Case(
        POLICY,
        "    number: '2'\n    kind: item\n",
        "    number: '2'\n",
        POLICY,
        "  - id: '2'\n",
        "clauses[1].kind",
        "required field 'kind' is missing",
    ),
    "unknown-field": Case(
        POLICY,
        "    reviewed: false\n",
        "    reviewd: true\n",
        POLICY,
        "    reviewd: true\n",
        "clauses[0].reviewd",
        "unknown field 'reviewd' is ignored (known fields: departments, "
        "division, id, incentives, kind, number, reviewed, sectors, text, "
        "title, units_note)",
        severity="warning",
    ),
    "unknown-department": Case(
        POLICY,
        "      - 市商务局\n",
        "      - 市商务厅\n",
        POLICY,
        "      - 市商务厅\n",
        "clauses[0].departments",
        "unknown department '市商务厅': add it to content/glossary.yaml with its English name",
    ),
    "unknown-sector": Case(
        POLICY,
        "sectors:\n  - ai\n",
        "sectors:\n  - ai\n  - robots\n",
        POLICY,
        "  - robots\n",
        "sectors",
        "unknown sector 'robots' (known: ai)",
    ),
    "unknown-division": Case(
        POLICY,
        "    division: c2\n",
        "    division: c9\n",
        POLICY,
        "    division: c9\n",
        "clauses[2].division",
        "unknown division 'c9'",
    ),
    "duplicate-clause-id": Case(
        POLICY,
        "  - id: '4'\n",
        "  - id: '2'\n",
        POLICY,
        "  - id: '2'\n    number: '4'",
        "clauses[2].id",
        "duplicate clause id '2' (first used on line 56)",
    ),
    "negative-amount": Case(
        POLICY,
        "max_cny: 1000000\n",
        "max_cny: -1000000\n",
        POLICY,
        "max_cny: -1000000\n",
        "clauses[1].incentives[0].max_cny",
        "'max_cny' must be at least 0 (got -1000000 that is a int)",
    ),
    "absurd-amount": Case(
        POLICY,
        "max_cny: 1000000\n",
        "max_cny: 100000000000000\n",
        POLICY,
        "max_cny: 100000000000000\n",
        "clauses[1].incentives[0].max_cny",
        "'max_cny' must be at most 10,000,000,000 (got 100000000000000 that is a int)",
    ),
    "rate-above-100": Case(
        POLICY,
        "rate_pct: 50\n",
        "rate_pct: 150\n",
        POLICY,
        "rate_pct: 150\n",
        "clauses[2].incentives[0].rate_pct",
        "'rate_pct' must be a percentage above 0 and at most 100 (got 150)",
    ),
    "english-without-fingerprint": Case(
        POLICY,
        "      en_fp: 4736150075bc\n",
        "",
        POLICY,
        "    title:\n      zh: 支持重点企业引育",
        "clauses[0].title",
        "'title' has English but no 'en_fp' fingerprint of the Chinese it translates",
    ),
    "control-character": Case(
        POLICY,
        "      zh: 支持企业做大做强\n",
        '      zh: "支持企业\\u0007做大做强"\n',
        POLICY,
        '      zh: "支持企业\\u0007做大做强"\n',
        "clauses[1].title.zh",
        "control character U+0007 is not allowed in text (it cannot be written to DOCX or PDF)",
    ),
    "clause-id-too-long": Case(
        POLICY,
        "  - id: '4'\n",
        "  - id: '" + "a" * 300 + "'\n",
        POLICY,
        "  - id: '" + "a" * 300 + "'\n",
        "clauses[2].id",
        "clause id is 300 characters long; at most 64 are allowed (the id names the file "
        "forms/mini/<id>.docx)",
    ),
    "edition-before-1980": Case(
        SETTINGS,
        "edition: 2026-11-27\n",
        "edition: 1979-12-31\n",
        SETTINGS,
        "edition: 1979-12-31\n",
        "edition",
        "'edition' must be a date from 1980-01-01 to 2107-12-31 (got 1979-12-31): it is "
        "stamped into every form, and ZIP files (DOCX) cannot hold other dates",
    ),
    "edition-after-2107": Case(
        SETTINGS,
        "edition: 2026-11-27\n",
        "edition: 2108-01-01\n",
        SETTINGS,
        "edition: 2108-01-01\n",
        "edition",
        "'edition' must be a date from 1980-01-01 to 2107-12-31 (got 2108-01-01): it is "
        "stamped into every form, and ZIP files (DOCX) cannot hold other dates",
    ),
    "c1-control-character": Case(
        POLICY,
        "      zh: 支持企业做大做强\n",
        '      zh: "支持企业\\u0080做大做强"\n',
        POLICY,
        '      zh: "支持企业\\u0080做大做强"\n',
        "clauses[1].title.zh",
        "control character U+0080 is not allowed in text (it cannot be written to DOCX or PDF)",
    ),
    "bidi-override": Case(
        POLICY,
        "      zh: 支持企业做大做强\n",
        '      zh: "支持企业\\u202e做大做强"\n',
        POLICY,
        '      zh: "支持企业\\u202e做大做强"\n',
        "clauses[1].title.zh",
        "bidirectional control character U+202E is not allowed in text (it changes the order "
        "text is shown in: a figure can read reversed)",
    ),
    "yaml-alias": Case(
        POLICY,
        "notes: []\n",
        "notes: &empty []\nextra: *empty\n",
        POLICY,
        "extra: *empty\n",
        "",
        "YAML alias *empty is not allowed in content: write the value out (aliases let a few "
        "lines stand for gigabytes)",
    ),
    "include-of-a-missing-template": Case(
        "templates/summaries/summary.md.j2",
        '## {{ _("What is on offer") }}\n',
        '{% include "shared/missing.md.j2" %}\n## {{ _("What is on offer") }}\n',
        "templates/summaries/summary.md.j2",
        '{% include "shared/missing.md.j2" %}',
        "",
        "include of a template that does not exist: 'shared/missing.md.j2'",
    ),
    "template-syntax": Case(
        "templates/briefs/brief.html.j2",
        '<section id="units">',
        '<section id="units">{% if %}',
        "templates/briefs/brief.html.j2",
        '<section id="units">{% if %}',
        "",
        "template syntax error: Expected an expression, got 'end of statement block'",
    ),
    "base-url-not-absolute": Case(
        "content/settings.yaml",
        "edition: 2026-11-27\n",
        "edition: 2026-11-27\nbase_url: www.example.gov.cn/policies\n",
        "content/settings.yaml",
        "base_url: www.example.gov.cn/policies\n",
        "base_url",
        "'base_url' must be an absolute http:// or https:// address of the published "
        "output/ folder (got 'www.example.gov.cn/policies')",
    ),
    "base-url-with-query": Case(
        "content/settings.yaml",
        "edition: 2026-11-27\n",
        "edition: 2026-11-27\nbase_url: https://example.gov.cn/p/?x=1\n",
        "content/settings.yaml",
        "base_url: https://example.gov.cn/p/?x=1\n",
        "base_url",
        "'base_url' must be a plain folder address, without query, fragment or user name "
        "(got 'https://example.gov.cn/p/?x=1')",
    ),
    "synonym-of-two-sectors": Case(
        "content/sectors.yaml",
        "  keywords: [人工智能]\n",
        "  keywords: [人工智能]\n  synonyms: [AI]\nic:\n  zh: 集成电路\n  en: Integrated Circuits\n"
        "  synonyms: [芯片, ai]\n",
        "content/sectors.yaml",
        "  synonyms: [芯片, ai]\n",
        "ic.synonyms",
        "synonym 'ai' already names sector 'ai': a name may point at one sector only",
    ),
    "contact-office-unknown": Case(
        POLICY,
        "level: 苏州市级\n",
        "level: 苏州市级\ncontact:\n  office: 市未知局\n",
        POLICY,
        "  office: 市未知局\n",
        "contact.office",
        "unknown office '市未知局': add it to content/glossary.yaml with its English name",
    ),
    "contact-empty": Case(
        POLICY,
        "level: 苏州市级\n",
        "level: 苏州市级\ncontact: {}\n",
        POLICY,
        "contact: {}\n",
        "contact",
        "'contact' is empty: give at least one of office, address, phone, email, submission",
    ),
    "contact-phone-malformed": Case(
        POLICY,
        "level: 苏州市级\n",
        "level: 苏州市级\ncontact:\n  phone: call us\n",
        POLICY,
        "  phone: call us\n",
        "contact.phone",
        "'phone' must match ^\\+?[0-9][0-9 ()\\-]{4,30}[0-9]$ (got 'call us' that is a str)",
    ),
}


@pytest.fixture(scope="module")
def built_minimal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = fixture_project("minimal", tmp_path_factory.mktemp("minimal") / "project")
    result = run_cli("build", cwd=project)
    assert result.code == 0, result.stderr
    return project


def snapshot(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def line_of(path: Path, text: str) -> int:
    content = path.read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_content_is_reported_exactly_and_output_is_kept(
    name: str, built_minimal: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    case = CASES[name]
    project = tmp_path / "project"
    shutil.copytree(built_minimal, project)
    before = snapshot(project / "output")
    edited = project / case.file
    text = edited.read_text(encoding="utf-8")
    assert case.old in text
    edited.write_text(text.replace(case.old, case.new, 1), encoding="utf-8")

    check = cli("check", "--json", cwd=project)
    document = check.json()
    assert isinstance(document, dict)
    found = document["errors"] if case.severity == "error" else document["warnings"]
    expected_line = (
        line_of(edited, case.error_line_of) + case.line_offset if case.error_line_of else None
    )
    assert [(p["file"], p["line"], p["field"], p["message"]) for p in found] == [
        (case.error_file, expected_line, case.field, case.message)
    ]
    assert check.code == (1 if case.severity == "error" else 0)

    build = cli("build", cwd=project)
    if case.severity == "error":
        assert build.code == 1
        assert case.message in build.stderr
        assert "nothing was written to output/" in build.stderr
        assert snapshot(project / "output") == before
    else:
        assert build.code == 0, build.stderr
    assert "Traceback" not in check.stderr + build.stderr


def test_undefined_template_field_fails_the_build_and_keeps_output(
    built_minimal: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    project = tmp_path / "project"
    shutil.copytree(built_minimal, project)
    before = snapshot(project / "output")
    template = project / "templates" / "summaries" / "summary.md.j2"
    marker = '## {{ _("What is on offer") }}'
    template.write_text(
        template.read_text(encoding="utf-8").replace(marker, marker + " {{ view.no_such_field }}"),
        encoding="utf-8",
    )
    result = cli("build", cwd=project)
    assert result.code == 1
    line = line_of(template, "view.no_such_field")
    assert (
        f"templates/summaries/summary.md.j2:{line}: undefined value in template: "
        "'generators.views.sector.SectorView object' has no attribute 'no_such_field'"
        in result.stderr
    )
    assert "output/ is unchanged" in result.stderr
    assert snapshot(project / "output") == before


def test_all_errors_are_reported_together(tmp_path: Path, cli: Callable[..., Result]) -> None:
    project = fixture_project("minimal", tmp_path / "project")
    policy = project / POLICY
    text = policy.read_text(encoding="utf-8")
    text = text.replace("      - 市商务局\n", "      - 市商务厅\n", 1)
    text = text.replace("sectors:\n  - ai\n", "sectors:\n  - robots\n", 1)
    text = text.replace("  - id: '4'\n", "  - id: '2'\n", 1)
    policy.write_text(text, encoding="utf-8")
    (project / "content" / "settings.yaml").write_text("edition: soon\n", encoding="utf-8")
    result = cli("check", "--json", cwd=project)
    assert result.code == 1
    found = sorted((p["file"], p["code"]) for p in result.json()["errors"])  # type: ignore[index]
    assert found == [
        ("content/policies/mini.yaml", "duplicate-id"),
        ("content/policies/mini.yaml", "unknown-department"),
        ("content/policies/mini.yaml", "unknown-sector"),
        ("content/settings.yaml", "invalid-field"),
    ]


def copy_of(built: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the built project, and its output/ as built."""
    project = tmp_path / "project"
    shutil.copytree(built, project)
    return project, snapshot(project / "output")


def billion_laughs() -> str:
    """Nine levels of nine aliases each: a few hundred bytes standing for 387 million strings."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 9):
        before, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{before}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("command", ["check", "build"])
def test_yaml_alias_bomb_is_refused_at_once(
    built_minimal: Path, tmp_path: Path, command: str
) -> None:
    project, before = copy_of(built_minimal, tmp_path)
    bomb = billion_laughs()
    assert len(bomb.encode()) < 600
    (project / "content" / "glossary.yaml").write_text(bomb, encoding="utf-8")
    result = run_cli(command, cwd=project, timeout=60)  # a hang or a 3 GB expansion fails here
    assert result.code == 1
    assert (
        "content/glossary.yaml:2: error: YAML alias *a is not allowed in content: write the "
        "value out (aliases let a few lines stand for gigabytes)" in result.stderr
    )
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert snapshot(project / "output") == before


@pytest.mark.parametrize("command", ["check", "build"])
def test_fifo_device_and_leftovers_in_content_are_named(
    built_minimal: Path, tmp_path: Path, command: str
) -> None:
    project, before = copy_of(built_minimal, tmp_path)
    policies = project / "content" / "policies"
    os.mkfifo(policies / "pipe.yaml")
    (policies / "dev.yaml").symlink_to("/dev/zero")
    (policies / ".tmp-k2j3h4.yaml").write_bytes(
        (policies / "mini.yaml").read_bytes()[:1218] + b"\0\0"
    )
    shutil.copy(policies / "mini.yaml", policies / "mini.yml")
    result = run_cli(command, cwd=project, timeout=60)  # a FIFO read would hang here
    assert result.code == 1
    for expected in (
        "content/policies/pipe.yaml: error: file is a FIFO (named pipe), not a regular file: "
        "not read",
        "content/policies/dev.yaml: error: file is a character device, not a regular file: "
        "not read",
        "content/policies/.tmp-k2j3h4.yaml: error: temporary file left by an interrupted write "
        "(import or translations confirm): delete it, or rename it to <id>.yaml if it holds a "
        "policy you want",
        "content/policies/mini.yml: error: a second file for policy 'mini' (the first is "
        "mini.yaml): keep one",
    ):
        assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project / "output") == before


def test_template_that_is_a_fifo_is_refused(
    built_minimal: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    project = tmp_path / "project"
    shutil.copytree(built_minimal, project)
    os.mkfifo(project / "templates" / "shared" / "pipe.md.j2")
    for command in ("check", "build"):
        result = cli(command, cwd=project, timeout=60)
        assert result.code == 1
        assert (
            "templates/shared/pipe.md.j2: error: file is a FIFO (named pipe), not a regular "
            "file: not read" in result.stderr
        )

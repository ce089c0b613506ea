"""English against its Chinese: figures, glossary names, staleness, confirmation, --strict."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, Result
from tests.helpers import clause_of, edit_yaml, policy_file


def errors_of(cli: Callable[..., Result], project: Path, *args: str) -> list[dict[str, Any]]:
    result = cli("check", "--json", *args, cwd=project)
    document = result.json()
    assert isinstance(document, dict)
    return document["errors"]  # type: ignore[no-any-return]


def test_corpus_passes_strict_check_with_nothing_missing_or_stale(
    cli: Callable[..., Result],
) -> None:
    result = cli("check", "--strict", "--json", cwd=REPO)
    assert result.code == 0, result.stdout
    document = result.json()
    assert document["errors"] == [] and document["warnings"] == []  # type: ignore[index]
    english = document["stats"]["english"]  # type: ignore[index]
    assert english["missing"] == 0 and english["stale"] == 0 and english["current"] > 400
    assert document["stats"]["clauses"] == 143  # type: ignore[index]
    assert document["stats"]["clauses_with_cap"] == 28  # type: ignore[index]


FIGURE_CHANGES = [
    # policy, clause, field, English before, English after, Chinese figure, English figure
    (
        "ai-measures",
        "4",
        "text",
        "RMB 5 million",
        "RMB 6 million",
        "'500万元' (= 5,000,000)",
        "'RMB 6 million' (= 6,000,000)",
    ),
    (
        "ai-measures",
        "4",
        "text",
        "RMB 5 million",
        "RMB 5 billion",
        "'500万元' (= 5,000,000)",
        "'RMB 5 billion' (= 5,000,000,000)",
    ),
    ("ai-measures", "4", "text", "50%", "60%", "'50%' (50%)", "'60%' (60%)"),
    (
        "ai-measures",
        "6",
        "text",
        "10% to 30%",
        "10% to 35%",
        "'10%~30%' (30%)",
        "'10% to 35%' (35%)",
    ),
    ("ai-pilot-zone", "c2", "text", "By 2023", "By 2024", "'2023' (= 2023)", "'2024' (= 2024)"),
    ("biomed-plan", "c1.s2", "text", "4,000", "5,000", "'4000' (= 4000)", "'5,000' (= 5000)"),
]


@pytest.mark.parametrize(
    ("policy", "clause", "field", "before", "after", "zh", "en"), FIGURE_CHANGES
)
def test_a_changed_english_figure_is_an_error_naming_both(
    cli: Callable[..., Result],
    project_copy: Path,
    policy: str,
    clause: str,
    field: str,
    before: str,
    after: str,
    zh: str,
    en: str,
) -> None:
    def change(data: Any) -> None:
        text = clause_of(data, clause)[field]
        assert before in text["en"]
        text["en"] = text["en"].replace(before, after, 1)

    edit_yaml(policy_file(project_copy, policy), change)
    errors = errors_of(cli, project_copy)
    assert len(errors) == 1, errors
    error = errors[0]
    assert error["file"] == f"content/policies/{policy}.yaml"
    assert error["field"] == f"clause {policy}/{clause} {field}"
    assert error["code"] == "figure-mismatch"
    assert error["message"] == f"figure differs: Chinese {zh}, English {en}"
    lines = policy_file(project_copy, policy).read_text(encoding="utf-8").splitlines()
    assert lines[error["line"] - 1].strip().startswith("en:")
    assert cli("check", cwd=project_copy).code == 1


def test_a_changed_document_number_is_an_error(
    cli: Callable[..., Result], project_copy: Path
) -> None:
    def change(data: Any) -> None:
        data["preamble"][0]["en"] = data["preamble"][0]["en"].replace(
            "[2020] No. 8", "[2020] No. 9"
        )

    edit_yaml(policy_file(project_copy, "ic-measures"), change)
    errors = errors_of(cli, project_copy)
    assert [e["message"] for e in errors] == [
        "figure differs: Chinese '国发〔2020〕8号' ([2020] No. 8), "
        "English '[2020] No. 9' ([2020] No. 9)"
    ]
    assert errors[0]["field"] == "ic-measures preamble ¶1"


def test_glossary_name_must_be_used(cli: Callable[..., Result], project_copy: Path) -> None:
    glossary = project_copy / "content" / "glossary.yaml"
    edit_yaml(
        glossary,
        lambda data: data["departments"]["市财政局"].__setitem__(
            "en", "Suzhou Municipal Bureau of Finance"
        ),
    )
    errors = errors_of(cli, project_copy)
    assert errors, "a renamed unit must be flagged wherever the English names it"
    assert {e["code"] for e in errors} == {"glossary-name"}
    assert all("'Suzhou Municipal Bureau of Finance'" in e["message"] for e in errors)
    assert any(e["field"] == "clause biomed-plan/box1.3 text" for e in errors)


def lower_cap_in_chinese(data: Any) -> None:
    """Clause ai-measures/2 now says 800万元 where its English still says RMB 10 million."""
    text = clause_of(data, "2")["text"]
    text["zh"] = text["zh"].replace("最高1000万元补助", "最高800万元补助")


def test_changed_chinese_makes_english_stale_until_confirmed(
    cli: Callable[..., Result], project_copy: Path
) -> None:
    path = policy_file(project_copy, "ai-measures")
    edit_yaml(path, lower_cap_in_chinese)
    result = cli("check", "--json", cwd=project_copy)
    assert result.code == 0  # stale English is a warning without --strict
    document = result.json()
    assert document["stats"]["english"]["stale"] == 1  # type: ignore[index]
    assert document["stats"]["stale"] == ["clause ai-measures/2 text"]  # type: ignore[index]
    warning = document["warnings"][0]  # type: ignore[index]
    assert (
        warning["code"] == "stale-translation" and warning["field"] == "clause ai-measures/2 text"
    )
    strict = cli("check", "--strict", "--json", cwd=project_copy)
    assert strict.code == 1
    assert [e["code"] for e in strict.json()["errors"]] == ["stale-translation"]  # type: ignore[index]
    # The translator fixes the English figure, then confirms the clause.
    edit_yaml(
        path,
        lambda data: clause_of(data, "2")["text"].__setitem__(
            "en", clause_of(data, "2")["text"]["en"].replace("RMB 10 million", "RMB 8 million")
        ),
    )
    confirmed = cli("translations", "confirm", "ai-measures/2", cwd=project_copy)
    assert confirmed.code == 0 and "confirmed 1" in confirmed.stdout
    assert cli("check", "--strict", cwd=project_copy).code == 0


def test_confirming_an_unchanged_translation_with_a_wrong_figure_still_fails(
    cli: Callable[..., Result], project_copy: Path
) -> None:
    path = policy_file(project_copy, "ai-measures")
    edit_yaml(path, lower_cap_in_chinese)
    assert cli("translations", "confirm", "ai-measures/2", cwd=project_copy).code == 0
    errors = errors_of(cli, project_copy)
    assert [e["code"] for e in errors] == ["figure-mismatch"]
    assert "800万元" in errors[0]["message"] and "RMB 10 million" in errors[0]["message"]


def test_unknown_clause_in_confirm(cli: Callable[..., Result], project_copy: Path) -> None:
    result = cli("translations", "confirm", "ai-measures/99", cwd=project_copy)
    assert result.code == 1 and "has no clause '99'" in result.stderr


def test_stale_english_is_shown_as_pending_never_as_current(
    built_copy: Path, cli: Callable[..., Result]
) -> None:
    path = policy_file(built_copy, "ai-measures")
    old_english = "Support leading artificial intelligence enterprises in carrying out mergers"

    def change(data: Any) -> None:
        clause = clause_of(data, "2")
        for text in (clause["text"], clause["incentives"][1]["subject"]):
            assert old_english in text["en"]
            text["zh"] = text["zh"].replace("最高1000万元补助", "最高800万元补助")
        clause["incentives"][1]["max_cny"] = 8_000_000

    edit_yaml(path, change)
    assert cli("build", cwd=built_copy).code == 0
    summary = (built_copy / "output" / "summaries" / "ai.en.md").read_text(encoding="utf-8")
    assert "not yet translated" not in summary  # it shows the title only, still current
    brief = subprocess.run(
        ["pdftotext", str(built_copy / "output" / "briefs" / "ai.en.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = "".join(brief.split())
    assert "translationpending;Chineseoriginalshown" in flat
    assert "1measure(s)arenotyettranslated" in flat
    assert "最高800万元补助" in flat
    assert "".join(old_english.split()) not in flat  # the old English is gone
    zh_brief = subprocess.run(
        ["pdftotext", str(built_copy / "output" / "briefs" / "ai.zh.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "translation pending" not in zh_brief


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ('msgid "What is on offer"\nmsgstr "支持概览"', "catalog-untranslated"),
        ('msgid "What is on offer"\nmsgstr "支持概览"', "catalog-fuzzy"),
        ('msgid "What is on offer"\nmsgstr "支持概览"', "catalog-outdated"),
        ('msgid "What is on offer"\nmsgstr "支持概览"', "catalog-compiled"),
    ],
)
def test_strict_check_fails_on_catalog_problems(
    project_copy: Path, cli: Callable[..., Result], change: str, code: str
) -> None:
    po = project_copy / "templates" / "locales" / "zh" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    assert change in text
    if code == "catalog-untranslated":
        text = text.replace(change, 'msgid "What is on offer"\nmsgstr ""')
        po.write_text(text, encoding="utf-8")
        subprocess.run(
            [
                sys.executable,
                "-c",
                "from generators.templating.catalogs import *;"
                "from generators.project import Project; from pathlib import Path;"
                "import io;p=Project(Path('.'));c=read_catalog(p.catalog('zh'),'zh');"
                "p.catalog('zh','mo').write_bytes(compiled(c))",
            ],
            cwd=project_copy,
            check=True,
        )
    elif code == "catalog-fuzzy":
        text = text.replace(change, "#, fuzzy\n" + change)
        po.write_text(text, encoding="utf-8")
    elif code == "catalog-outdated":
        template = project_copy / "templates" / "summaries" / "summary.md.j2"
        template.write_text(
            template.read_text(encoding="utf-8").replace(
                '_("What is on offer")', '_("What is on offer here")'
            ),
            encoding="utf-8",
        )
    else:
        po.write_text(
            text.replace(change, 'msgid "What is on offer"\nmsgstr "支持一览"'), encoding="utf-8"
        )
    strict = cli("check", "--strict", "--json", cwd=project_copy)
    assert strict.code == 1
    assert code in {e["code"] for e in strict.json()["errors"]}  # type: ignore[index]
    relaxed = cli("check", "--json", cwd=project_copy)
    assert code in {w["code"] for w in relaxed.json()["warnings"]}  # type: ignore[index]

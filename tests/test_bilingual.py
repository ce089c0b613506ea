"""English against its Chinese: figures, glossary names, staleness, confirmation, --strict."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generators.i18n.consistency import review_translations
from generators.i18n.wording import added_intensifiers, phrase_pattern, title_case_runs
from generators.loader import load_corpus
from generators.model import Glossary, GlossaryEntry
from generators.problems import Problem
from generators.validate import bitexts
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


def test_check_finds_a_form_label_missing_from_the_catalogs(
    project_copy: Path, cli: Callable[..., Result]
) -> None:
    """The form's wording is declared in Python with N_(), not in a template: check reads
    the package's modules for it as it reads the templates."""
    entry = (
        '#: generators/forms/spec.py\nmsgid "Unified social credit code"\n'
        'msgstr "统一社会信用代码"\n\n'
    )
    po = project_copy / "templates" / "locales" / "zh" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    assert entry in text
    po.write_text(text.replace(entry, ""), encoding="utf-8")
    strict = cli("check", "--strict", "--json", cwd=project_copy)
    assert strict.code == 1
    errors = strict.json()["errors"]  # type: ignore[index]
    outdated = [e for e in errors if e["code"] == "catalog-outdated"]
    assert len(outdated) == 1
    assert "'Unified social credit code'" in outdated[0]["message"]
    assert outdated[0]["file"] == "templates/locales/zh/LC_MESSAGES/messages.po"


# --- English that misleads or drifts (issue 11, point 6): glossary terms, discouraged
# wording, and words of importance the Chinese does not have.


def translation_problems(project: Path, strict: bool = False) -> list[Problem]:
    """What `check` says about the English of a project, run in-process (fast)."""
    corpus, files, _ = load_corpus(project / "content")
    return review_translations(corpus, files, strict).problems


def set_english(
    project: Path, policy: str, clause: str, path: tuple[str | int, ...], en: str
) -> None:
    def change(data: Any) -> None:
        node = clause_of(data, clause)
        for key in path:
            node = node[key]
        node["en"] = en

    edit_yaml(policy_file(project, policy), change)


def label_of(policy: str, clause: str, path: tuple[str | int, ...]) -> str:
    """The field name `check` gives a clause's text (as generators.validate.bitexts says it)."""
    if path[0] == "incentives":
        part = "" if path[2] == "subject" else f" {path[2]}"
        return f"clause {policy}/{clause} incentive {int(path[1]) + 1}{part}"
    return f"clause {policy}/{clause} {path[0]}"


def english_of(project: Path, policy: str, clause: str, path: tuple[str | int, ...]) -> str:
    corpus, _, _ = load_corpus(project / "content")
    found = corpus.policy(policy)
    assert found is not None
    node: Any = next(c for c in found.clauses if c.id == clause)
    for key in path:
        node = node[key] if isinstance(key, int) else getattr(node, key)
    assert isinstance(node.en, str)
    return node.en


GLOSSARY_DRIFT = [
    # policy, clause, text, the glossary's English in it, a drifting rendering, the term
    (
        "ai-measures",
        "2",
        ("incentives", 1, "target"),
        "strengthening and filling gaps in",
        "strengthening and supplementing",
        "强链补链",
    ),
    (
        "ic-measures",
        "1",
        ("incentives", 0, "subject"),
        "as a tier-upgrade reward, paying only the difference from rewards already received",
        "as tier-upgrade top-up rewards",
        "晋档补差",
    ),
    ("ic-measures", "5", ("text",), "service-desk guidance", "window guidance", "窗口指导"),
    (
        "biomed-plan",
        "c4.1",
        ("text",),
        "centralised volume-based procurement",
        "volume-based centralised procurement",
        "集中带量采购",
    ),
    (
        "biomed-plan",
        "box2.1",
        ("title",),
        "open competition mechanism to select the best candidates",
        "list-and-command mechanism",
        "揭榜挂帅",
    ),
    (
        "one-zone-two-centres",
        "2",
        ("text",),
        "open competition mechanism to select the best candidates",
        "open call for solutions",
        "揭榜制",
    ),
    (
        "ic-measures",
        "11",
        ("text",),
        "commercialisation of research results",
        "transformation of their achievements",
        "成果转化",
    ),
    (
        "ai-pilot-zone",
        "c4.s1",
        ("text",),
        "National New-Generation Artificial Intelligence",
        "National New Generation Artificial Intelligence",
        "国家新一代人工智能创新发展试验区",
    ),
    (
        "ai-measures",
        "17",
        ("text",),
        "the higher standard applies, without double funding",
        "applying the higher standard without duplication",
        "就高不重复",
    ),
    (
        "ai-measures",
        "6",
        ("incentives", 0, "subject"),
        "For first (set of) equipment",
        "For first-of-a-kind equipment",
        "首台(套)",
    ),
]


@pytest.mark.parametrize(
    ("policy", "clause", "path", "glossary_en", "drift", "term"),
    GLOSSARY_DRIFT,
    ids=[case[5] for case in GLOSSARY_DRIFT],
)
def test_a_glossary_term_rendered_another_way_is_an_error(
    project_copy: Path,
    policy: str,
    clause: str,
    path: tuple[str | int, ...],
    glossary_en: str,
    drift: str,
    term: str,
) -> None:
    good = english_of(project_copy, policy, clause, path)
    assert glossary_en in good
    set_english(project_copy, policy, clause, path, good.replace(glossary_en, drift))
    problems = [p for p in translation_problems(project_copy) if p.code == "glossary-name"]
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.severity == "error" and f"the Chinese names {term!r}" in problem.message
    assert problem.file == f"content/policies/{policy}.yaml"
    assert problem.field.startswith(f"clause {policy}/{clause} ")
    lines = policy_file(project_copy, policy).read_text(encoding="utf-8").splitlines()
    assert problem.line is not None and drift in lines[problem.line - 1]
    # The translator puts the glossary's wording back: nothing is left to report.
    set_english(project_copy, policy, clause, path, good)
    assert translation_problems(project_copy, strict=True) == []


DISCOURAGED = [
    # policy, clause, text, words replaced, discouraged wording put in, the glossary's phrase
    (
        "ai-measures",
        "1",
        ("text",),
        "to build facilities such as",
        "to build carriers such as",
        "carrier",
    ),
    ("ic-measures", "5", ("text",), "service-desk guidance", "window guidance", "window guidance"),
    ("ic-measures", "16", ("text",), "recognised by Suzhou", "recognised by our city", "our city"),
    (
        "biomed-plan",
        "c3.s2",
        ("text",),
        "We will make full use of intellectual property as a guide",
        "We will give full play to the guiding role of intellectual property",
        "full play to",
    ),
    (
        "biomed-plan",
        "c3.s8",
        ("text",),
        "project establishment",
        "project Landing",
        "landing",
    ),
]


@pytest.mark.parametrize(
    ("policy", "clause", "path", "good_words", "bad_words", "phrase"),
    DISCOURAGED,
    ids=[case[5] for case in DISCOURAGED],
)
def test_discouraged_wording_is_a_warning_naming_file_line_field(
    project_copy: Path,
    policy: str,
    clause: str,
    path: tuple[str | int, ...],
    good_words: str,
    bad_words: str,
    phrase: str,
) -> None:
    good = english_of(project_copy, policy, clause, path)
    assert good_words in good
    set_english(project_copy, policy, clause, path, good.replace(good_words, bad_words))
    problems = [p for p in translation_problems(project_copy) if p.code == "discouraged-wording"]
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.severity == "warning"
    assert problem.file == f"content/policies/{policy}.yaml"
    assert problem.field == label_of(policy, clause, path)
    lines = policy_file(project_copy, policy).read_text(encoding="utf-8").splitlines()
    assert problem.line is not None and bad_words in lines[problem.line - 1]
    advice = load_corpus(project_copy / "content")[0].glossary.discouraged[phrase]
    assert advice in problem.message
    strict = [p for p in translation_problems(project_copy, strict=True) if p.code == problem.code]
    assert [p.severity for p in strict] == ["error"]
    set_english(project_copy, policy, clause, path, good)
    assert translation_problems(project_copy, strict=True) == []


def test_discouraged_wording_comes_from_the_glossary_and_matches_whole_words(
    project_copy: Path, cli: Callable[..., Result]
) -> None:
    glossary = project_copy / "content" / "glossary.yaml"
    edit_yaml(
        glossary,
        lambda data: data["discouraged"].__setitem__(
            "Tape-Out Verification", "a constructed rule: say 'tape-out validation'"
        ),
    )
    result = cli("check", "--json", cwd=project_copy)
    assert result.code == 0  # a warning without --strict
    found = [w for w in result.json()["warnings"] if w["code"] == "discouraged-wording"]  # type: ignore[index]
    # The glossary's phrase is capitalised, ic-measures/7's title, text, incentive and its
    # target say "tape-out verification": any case matches.
    assert {w["field"] for w in found} == {
        "clause ic-measures/7 title",
        "clause ic-measures/7 text",
        "clause ic-measures/7 incentive 1",
        "clause ic-measures/7 incentive 1 target",
    }
    assert cli("check", "--strict", cwd=project_copy).code == 1
    pattern = phrase_pattern("carrier")
    assert pattern.search("Build Carriers such as")
    assert not pattern.search("aircarrier") and not pattern.search("carrier-grade networks")


def test_a_glossary_name_that_uses_discouraged_wording_is_reported(project_copy: Path) -> None:
    edit_yaml(
        project_copy / "content" / "glossary.yaml",
        lambda data: data["terms"]["三首"].__setitem__("en", "Three Carriers"),
    )
    problems = translation_problems(project_copy)
    mine = [p for p in problems if p.file == "content/glossary.yaml"]
    assert [(p.field, p.code) for p in mine] == [("terms.三首", "discouraged-wording")]
    assert mine[0].line is not None


INTENSIFIERS = [
    # policy, clause, text, words replaced, words with an added word of importance, word, term
    (
        "ai-measures",
        "6",
        ("incentives", 0, "subject"),
        "For first (set of) equipment",
        "For first (set of) major equipment",
        "major",
        "首台(套)",
    ),
    (
        "biomed-plan",
        "box1.3",
        ("text",),
        "(first (set of) equipment,",
        "(first (set of) significant equipment,",
        "significant",
        "首台套",
    ),
    (
        "ai-measures",
        "4",
        ("text",),
        'a number of "chokepoint" technologies',
        'a number of key "chokepoint" technologies',
        "key",
        "卡脖子",
    ),
]


@pytest.mark.parametrize(
    ("policy", "clause", "path", "good_words", "bad_words", "word", "term"),
    INTENSIFIERS,
    ids=[f"{case[5]}-{case[6]}" for case in INTENSIFIERS],
)
def test_a_word_of_importance_the_chinese_lacks_is_reported(
    project_copy: Path,
    policy: str,
    clause: str,
    path: tuple[str | int, ...],
    good_words: str,
    bad_words: str,
    word: str,
    term: str,
) -> None:
    good = english_of(project_copy, policy, clause, path)
    assert good_words in good
    set_english(project_copy, policy, clause, path, good.replace(good_words, bad_words))
    problems = [p for p in translation_problems(project_copy) if p.code == "added-intensifier"]
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.severity == "warning"
    assert problem.field == label_of(policy, clause, path)
    assert f"says {word!r} next to" in problem.message and f"({term})" in problem.message
    set_english(project_copy, policy, clause, path, good)
    assert translation_problems(project_copy, strict=True) == []


def test_a_word_of_importance_is_compared_with_the_chinese_at_the_same_place() -> None:
    glossary = Glossary(
        terms={"首台(套)": GlossaryEntry(en="first (set of)")},
        intensifiers={"major": ("重大",), "key": ("关键", "重点")},
    )
    zh = "推广首台(套)重大装备。对首台(套)装备给予奖励。"
    right = "Promote first (set of) major equipment. Reward first (set of) equipment."
    assert list(added_intensifiers(glossary, zh, right)) == []
    # The 重大 of the first sentence does not license "major" in the second.
    wrong = "Promote first (set of) major equipment. Reward first (set of) major equipment."
    assert [(a.word, a.term) for a in added_intensifiers(glossary, zh, wrong)] == [
        ("major", "首台(套)")
    ]
    # The Chinese says 关键 right after the term: "key" there is a translation, not an addition.
    assert (
        list(
            added_intensifiers(
                glossary, "首台(套)装备及关键零部件", "first (set of) equipment and key components"
            )
        )
        == []
    )
    assert (
        list(added_intensifiers(glossary, "首台(套)关键零部件", "first (set of) key components"))
        == []
    )
    assert [
        a.word
        for a in added_intensifiers(glossary, "首台(套)零部件", "first (set of) key components")
    ] == ["key"]


def test_intensifier_lists_must_name_chinese_words(
    project_copy: Path, cli: Callable[..., Result]
) -> None:
    edit_yaml(
        project_copy / "content" / "glossary.yaml",
        lambda data: data["intensifiers"].__setitem__("major", []),
    )
    result = cli("check", "--json", cwd=project_copy)
    assert result.code == 1
    errors = result.json()["errors"]  # type: ignore[index]
    assert any(
        e["file"] == "content/glossary.yaml" and "intensifiers" in e["field"] for e in errors
    )


def test_the_named_english_fixes_hold_in_content() -> None:
    """ic-measures/5 is not 'window guidance', no 'major' is added to 首台(套)装备, and the
    晋档补差 tiers of ic-measures/1 say that only the difference is paid, in every text of
    the clause that names them (clause text, incentive subjects)."""
    corpus, _, _ = load_corpus(REPO / "content")
    texts = {label: text for p in corpus.policies for _, label, text in bitexts(p)}
    ic5 = texts["clause ic-measures/5 text"]
    assert "窗口指导服务" in ic5.zh and ic5.en is not None
    assert "window guidance" not in ic5.en.lower() and "service-desk guidance" in ic5.en
    first_set = [t for t in texts.values() if re.search("首台(\\(套\\)|套)", t.zh)]
    assert len(first_set) >= 5
    for text in first_set:
        assert text.en is not None and "first (set of)" in text.en
        if "重大装备" not in text.zh:
            assert "major equipment" not in text.en, text.en
    ai6 = texts["clause ai-measures/6 incentive 1"]
    assert ai6.en is not None and ai6.en.startswith("For first (set of) equipment and key")
    tiered = [t for label, t in texts.items() if "晋档补差" in t.zh]
    assert {label for label, t in texts.items() if "晋档补差" in t.zh} == {
        "clause ic-measures/1 text",
        "clause ic-measures/1 incentive 1",
        "clause ic-measures/1 incentive 2",
    }
    for text in tiered:
        assert text.en is not None
        assert text.en.count("paying only the difference from rewards already received") == (
            text.zh.count("晋档补差")
        )


def test_a_title_case_heading_is_reported_and_names_keep_their_capitals(
    project_copy: Path,
) -> None:
    path: tuple[str | int, ...] = ("title",)
    good = english_of(project_copy, "ai-measures", "3", path)
    assert good == "Supporting the agglomeration of major projects"
    set_english(
        project_copy, "ai-measures", "3", path, "Supporting the Agglomeration of Major Projects"
    )
    problems = [p for p in translation_problems(project_copy) if p.code == "heading-case"]
    assert [(p.field, p.severity) for p in problems] == [("clause ai-measures/3 title", "warning")]
    assert "'Agglomeration of Major Projects'" in problems[0].message
    set_english(project_copy, "ai-measures", "3", path, good)
    assert translation_problems(project_copy, strict=True) == []
    # Names keep their capitals where the clauses or the glossary write them so, and so
    # does what the Chinese heading itself writes in Latin letters; a policy's own title
    # is a document's name in title case.
    corpus, _, _ = load_corpus(REPO / "content")
    texts = {label: text for p in corpus.policies for _, label, text in bitexts(p)}
    assert "National Biopharmaceutical" in (texts["clause biomed-plan/box3.1 title"].en or "")
    assert "BT+IT" in (texts["biomed-plan box c3.s9.box9 heading"].en or "")
    assert (texts["ai-measures title"].en or "").startswith("Several Measures of Suzhou")
    assert title_case_runs("Promoting Industrial Agglomeration", "促进产业集聚", "") == [
        "Industrial Agglomeration"
    ]
    assert (
        title_case_runs(
            'Building the "One Core, Four Rings" zones and the Wumen School of Medicine',
            "",
            'the "One Core, Four Rings" zones of the Wumen School of Medicine',
        )
        == []
    )

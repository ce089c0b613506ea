"""Exactly what a change touches is rebuilt, with its reason; nothing else is."""

from __future__ import annotations

import json
import modulefinder
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generators.checking import check_project
from generators.model import Corpus
from generators.pipeline.edition import edition_state
from generators.pipeline.jobs import Job
from generators.pipeline.manifest import load_manifest, observe_outputs
from generators.pipeline.outputs import NoOutputs, RenderedOutputs
from generators.pipeline.plan import decide, plan_jobs
from generators.pipeline.registry import output_kinds
from generators.pipeline.sources import SourceIndex
from generators.project import Project
from tests.conftest import FIXTURES, REPO, Result, run_cli
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
    return {path: (project / "output" / path).stat().st_size for path in manifest["outputs"]}


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


def build_importing(project: Path) -> tuple[set[str], str]:
    """Build with -X importtime: the top-level packages the build imported, and its output."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "generators", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {
        line.split("|")[-1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    return imported, result.stdout


RENDERING = {"weasyprint", "docx", "pydantic", "ruamel", "jinja2", "multiprocessing"}
"""What only a build with work to do may import."""


def test_noop_build_imports_neither_weasyprint_nor_python_docx(built_copy: Path) -> None:
    imported, stdout = build_importing(built_copy)
    assert "generators" in imported
    assert not imported & RENDERING
    assert f"rebuilt 0, unchanged {output_count(built_copy)}" in stdout


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


# Change detection by content (issue 17.5) and render processes only for real work (13.2).

EPOCH_NS = 315_532_800 * 10**9
"""1980-01-01, a time stamp tar, zip and reproducible checkouts leave on every file."""


@pytest.fixture(scope="module")
def built_minimal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("minimal") / "project"
    shutil.copytree(FIXTURES / "minimal" / "content", project / "content")
    shutil.copytree(REPO / "templates", project / "templates")
    assert run_cli("build", cwd=project).code == 0
    return project


@pytest.fixture
def minimal_copy(built_minimal: Path, tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(built_minimal, project)
    return project


def normalise_times(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(EPOCH_NS, EPOCH_NS))


def test_same_size_edit_under_normalised_times_is_rebuilt(
    minimal_copy: Path, cli: Callable[..., Result]
) -> None:
    content = minimal_copy / "content"
    normalise_times(content)
    first = build(cli, minimal_copy)
    assert first["rebuilt"] == []
    policy = content / "policies" / "mini.yaml"
    size = policy.stat().st_size
    replace_in(policy, "max_cny: 10000000\n", "max_cny: 30000000\n")
    normalise_times(content)
    assert policy.stat().st_size == size and policy.stat().st_mtime_ns == EPOCH_NS
    document = build(cli, minimal_copy)
    assert {"forms/mini/2.docx", "summaries/ai.zh.md", "briefs/ai.zh.pdf"} <= rebuilt(document)
    summary = (minimal_copy / "output" / "summaries" / "ai.zh.md").read_text(encoding="utf-8")
    assert "| 最高3000万元 |" in summary and "| 最高1000万元 |" not in summary


def test_output_edited_at_the_same_size_and_time_is_rebuilt(
    minimal_copy: Path, cli: Callable[..., Result]
) -> None:
    summary = minimal_copy / "output" / "summaries" / "ai.zh.md"
    built = summary.read_bytes()
    stat = summary.stat()
    summary.write_bytes(built.replace("1000万元".encode(), "9000万元".encode(), 1))
    os.utime(summary, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert summary.stat().st_size == stat.st_size
    document = build(cli, minimal_copy)
    reasons = {i["path"]: i["reasons"] for i in document["rebuilt"]}
    assert reasons == {"summaries/ai.zh.md": ["file was altered or left incomplete"]}
    assert summary.read_bytes() == built


def test_touching_every_file_rereads_them_and_starts_no_renderer(minimal_copy: Path) -> None:
    for folder in ("content", "templates", "output"):
        for path in (minimal_copy / folder).rglob("*"):
            if path.is_file():
                path.touch()
    imported, stdout = build_importing(minimal_copy)
    assert not imported & RENDERING
    assert "file(s) with a new time stamp re-read: contents unchanged" in stdout
    assert "rebuilt 0, unchanged 10" in stdout
    again = run_cli("build", cwd=minimal_copy)
    assert "re-read" not in again.stdout  # the new stat records were kept


# The code an output is made with (issue 13.1): its renderer and whatever that imports.


def kind_imports(package_parent: Path) -> dict[str, set[str]]:
    """By kind, the package modules its module imports: found by the standard library's
    modulefinder (bytecode, function bodies included), independently of the build's own
    AST reading."""
    found: dict[str, set[str]] = {}
    for kind in output_kinds():
        finder = modulefinder.ModuleFinder(path=[str(package_parent)])
        finder.import_hook(type(kind).__module__)
        found[kind.name] = {m for m in finder.modules if m.split(".")[0] == "generators"}
    return found


def plan_with(project: Project, corpus: Corpus, package: Path) -> list[Job]:
    """Every job, its code fingerprinted from `package` (other outputs as last built)."""
    manifest, _ = load_manifest(project.output)
    assert manifest is not None
    shas = {path: record.sha256 for path, record in manifest.outputs.items()}
    index = SourceIndex(project, package=package)
    kinds = output_kinds()
    jobs = list(plan_jobs([k for k in kinds if not k.reads_outputs], corpus, index, NoOutputs()))
    state = edition_state(corpus, manifest, project.output)
    others = RenderedOutputs(
        project.output, shas, {}, marks=state.marks, changes_log=state.changes_log
    )
    return jobs + list(plan_jobs([k for k in kinds if k.reads_outputs], corpus, index, others))


def test_changing_any_module_rebuilds_exactly_the_outputs_whose_kind_imports_it(
    built_minimal: Path, tmp_path: Path
) -> None:
    package = tmp_path / "copy" / "generators"
    shutil.copytree(REPO / "generators", package, ignore=shutil.ignore_patterns("__pycache__"))
    project = Project(built_minimal)
    manifest, _ = load_manifest(project.output)
    assert manifest is not None
    current = observe_outputs(manifest, project.output)
    corpus = check_project(project, strict=False).corpus
    assert corpus is not None
    imports = kind_imports(package.parent)
    modules = sorted(package.rglob("*.py"))
    assert len(modules) > 60
    for source in modules:
        parts = source.relative_to(package.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        original = source.read_bytes()
        source.write_bytes(original + b"\n_CHANGED_BY_A_TEST = 1\n")
        try:
            jobs = plan_with(project, corpus, package)
        finally:
            source.write_bytes(original)
        decisions = decide(jobs, manifest, current, force=False, full_reason="")
        outdated = {d.job.path: tuple(map(str, d.reasons)) for d in decisions if d.reasons}
        expected = {p for p, r in manifest.outputs.items() if name in imports[r.kind]}
        assert set(outdated) == expected, name
        wrong = {p: r for p, r in outdated.items() if r != (f"code {name} changed",)}
        assert not wrong, (name, wrong)


def test_a_constant_added_to_the_form_fields_rebuilds_every_form(
    built_copy: Path, tmp_path: Path
) -> None:
    package = tmp_path / "copy" / "generators"
    shutil.copytree(REPO / "generators", package, ignore=shutil.ignore_patterns("__pycache__"))
    formspec = package / "forms" / "spec.py"
    formspec.write_text(
        formspec.read_text(encoding="utf-8") + "\nREVIEWED = True\n", encoding="utf-8"
    )
    result = run_cli("build", "--json", cwd=built_copy, env={"PYTHONPATH": str(package.parent)})
    assert result.code == 0, result.stderr
    document = result.json()
    assert isinstance(document, dict)
    forms = {item["path"] for item in document["rebuilt"]}
    assert len(forms) == 28 and all(p.startswith("forms/") for p in forms)
    assert {tuple(i["reasons"]) for i in document["rebuilt"]} == {
        ("code generators.forms.spec changed",)
    }


SECTOR_LIST = '''
"""A plain-text list of the sectors, one file per language: a kind written by a test."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

from generators.deps import Deps, SectorPart
from generators.kinds.contract import OutputFiles, OutputKind, Planned
from generators.model import Corpus
from generators.project import LANGS
from generators.templating.environment import cached_environment


Names = tuple[str, list[str]]
"""The language, and the sector names in it."""


def names(corpus: Corpus, lang: str, deps: Deps) -> Names:
    found = []
    for key, sector in corpus.sectors.items():
        deps.add(SectorPart(key), sector.model_dump())
        found.append(sector.zh if lang == "zh" else sector.en)
    return lang, found


class SectorList(OutputKind[Names]):
    name = "sector-list"
    templates = ("lists/sectors.txt.j2",)

    def plan(self, corpus: Corpus, outputs: OutputFiles) -> Iterator[Planned[Names]]:
        for lang in LANGS:
            yield Planned(f"lists/sectors.{lang}.txt", partial(names, corpus, lang), (lang,))

    def render(self, view: Names, root: Path) -> bytes:
        env = cached_environment(root, view[0])
        return env.get_template(self.templates[0]).render(names=view[1]).encode("utf-8")


KIND = SectorList()
'''


def test_a_new_output_kind_is_one_module_and_one_template(
    minimal_copy: Path, tmp_path: Path
) -> None:
    package = tmp_path / "copy" / "generators"
    shutil.copytree(REPO / "generators", package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "kinds" / "sector_list.py").write_text(SECTOR_LIST, encoding="utf-8")
    template = minimal_copy / "templates" / "lists" / "sectors.txt.j2"
    template.parent.mkdir()
    template.write_text("{% for name in names %}- {{ name }}\n{% endfor %}", encoding="utf-8")
    env = {"PYTHONPATH": str(package.parent)}
    result = run_cli("build", "--json", cwd=minimal_copy, env=env)
    assert result.code == 0, result.stderr
    document = result.json()
    assert isinstance(document, dict)
    added = {i["path"]: i["reasons"] for i in document["rebuilt"]}
    assert added == {"lists/sectors.zh.txt": ["new output"], "lists/sectors.en.txt": ["new output"]}
    output = minimal_copy / "output"
    assert (output / "lists" / "sectors.zh.txt").read_text(encoding="utf-8") == "- 人工智能\n"
    assert (output / "lists" / "sectors.en.txt").read_text(encoding="utf-8") == (
        "- Artificial Intelligence\n"
    )
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["outputs"]["lists/sectors.en.txt"]["kind"] == "sector-list"
    template.write_text("{% for name in names %}* {{ name }}\n{% endfor %}", encoding="utf-8")
    again = run_cli("build", "--json", cwd=minimal_copy, env=env)
    assert {i["path"]: i["reasons"] for i in again.json()["rebuilt"]} == {  # type: ignore[index]
        "lists/sectors.zh.txt": ["template lists/sectors.txt.j2 changed"],
        "lists/sectors.en.txt": ["template lists/sectors.txt.j2 changed"],
    }

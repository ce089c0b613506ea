"""The package's layers, fast: no import cycles, kinds and views never import the pipeline,
the pipeline names no kind, planning and reasons as plain functions on a small corpus."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from generators.deps import (
    ClausePart,
    CodePart,
    DivisionPart,
    FontsPart,
    GlossaryPart,
    MessagesPart,
    OutputPart,
    Part,
    PolicyPart,
    SectorPart,
    SettingsPart,
    TemplatePart,
    UnknownPart,
    parse_part,
)
from generators.loader import load_corpus
from generators.model import Corpus
from generators.pipeline.code import closure, package_dir
from generators.pipeline.filestate import FileRecord
from generators.pipeline.jobs import Job
from generators.pipeline.manifest import Manifest, OutputRecord
from generators.pipeline.outputs import NoOutputs
from generators.pipeline.plan import decide, plan_jobs
from generators.pipeline.reasons import PartAdded, PartChanged, PartRemoved
from generators.pipeline.registry import output_kinds
from generators.pipeline.sources import SourceIndex
from generators.project import Project
from tests.conftest import FIXTURES, REPO

PACKAGE = package_dir()


def modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports_of(name: str, path: Path) -> set[str]:
    """Every package module an import statement of the module names, wherever it stands,
    with the packages Python runs on the way (read here independently of the pipeline)."""
    tree = ast.parse(path.read_bytes())
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        for imported in names:
            found.add(imported)
            parts = imported.split(".")
            # Python runs the packages on the way too, except those the importing module
            # is inside of: they are being imported already when it runs.
            found.update(
                parent
                for parent in (".".join(parts[:end]) for end in range(1, len(parts)))
                if not name.startswith(parent + ".")
            )
    return found


def test_no_import_cycles_among_the_package_modules() -> None:
    known = modules()
    graph = {
        name: {m for m in imports_of(name, path) if m in known and m != name}
        for name, path in known.items()
    }
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for imported in sorted(graph[name]):
            if state.get(imported) == 1:
                cycles.append([*path[path.index(imported) :], imported])
            elif imported not in state:
                visit(imported, [*path, imported])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_no_package_is_named_build() -> None:
    assert not [p for p in PACKAGE.rglob("*") if p.is_dir() and p.name == "build"]


@pytest.mark.parametrize("layer", ["generators.kinds", "generators.views", "generators.render"])
def test_kinds_views_and_renderers_never_import_the_pipeline(layer: str) -> None:
    for name in modules():
        if name == layer or name.startswith(layer + "."):
            reached = closure((name,), PACKAGE)
            assert not [m for m in reached if m.startswith("generators.pipeline")], name


def test_the_pipeline_names_no_output_kind() -> None:
    names = {kind.name for kind in output_kinds()}
    for name, path in modules().items():
        if not name.startswith("generators.pipeline"):
            continue
        tree = ast.parse(path.read_bytes())
        literals = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        assert not literals & names, name
        kinds = [
            m
            for m in imports_of(name, path)
            if m.startswith("generators.kinds.") and not m.startswith("generators.kinds.contract")
        ]
        assert kinds == [], name


@pytest.mark.parametrize(
    "part",
    [
        ClausePart("ai-measures/4", "zh"),
        ClausePart.of("ic-measures", "c3.s1").in_lang("en"),
        DivisionPart.of("biomed-plan", "c1.s2").in_lang("zh"),
        PolicyPart("ai-measures", "en"),
        GlossaryPart("市教育局"),
        SectorPart("ai"),
        SettingsPart(),
        TemplatePart("shared/text.md.j2"),
        MessagesPart("zh"),
        CodePart("generators.forms.spec"),
        FontsPart(),
        OutputPart("briefs/ai.zh.pdf"),
    ],
)
def test_every_part_reads_back_from_its_manifest_key(part: Part) -> None:
    assert parse_part(part.encode()) == part


def test_an_unknown_manifest_key_is_kept_as_written() -> None:
    assert parse_part("papersize:a4") == UnknownPart("papersize:a4")
    assert str(PartRemoved(parse_part("papersize:a4"))) == "no longer uses papersize:a4"


@pytest.fixture(scope="module")
def minimal() -> tuple[Project, Corpus]:
    project = Project(FIXTURES / "minimal")
    corpus = load_corpus(project.content)[0]
    return project, corpus


def plan(project: Project, corpus: Corpus) -> list[Job]:
    index = SourceIndex(Project(REPO))  # the repository's templates and catalogs
    kinds = [k for k in output_kinds() if not k.reads_outputs]
    return list(plan_jobs(kinds, corpus, index, NoOutputs()))


def test_planning_the_minimal_corpus(minimal: tuple[Project, Corpus]) -> None:
    jobs = plan(*minimal)
    assert sorted(job.path for job in jobs) == [
        "briefs/ai.en.pdf",
        "briefs/ai.zh.pdf",
        "forms/mini/2.docx",
        "forms/mini/4.docx",
        "policies/mini.html",
        "summaries/ai.en.html",
        "summaries/ai.en.md",
        "summaries/ai.zh.html",
        "summaries/ai.zh.md",
    ]
    summary = next(job for job in jobs if job.path == "summaries/ai.zh.md")
    parts = set(summary.deps)
    assert ClausePart("mini/2", "zh") in parts and ClausePart("mini/2", "en") not in parts
    assert TemplatePart("summaries/summary.md.j2") in parts
    assert MessagesPart("zh") in parts and MessagesPart("en") not in parts
    assert CodePart("generators.kinds.summary") in parts
    assert FontsPart() not in parts
    brief = next(job for job in jobs if job.path == "briefs/ai.en.pdf")
    assert FontsPart() in brief.deps and ClausePart("mini/2", "en") in brief.deps


def test_reasons_name_the_part_that_changed(minimal: tuple[Project, Corpus]) -> None:
    jobs = plan(*minimal)
    form = next(job for job in jobs if job.path == "forms/mini/2.docx")
    recorded = {part.encode(): fingerprint for part, fingerprint in form.deps.items()}
    recorded[ClausePart("mini/2", "zh").encode()] = "an older fingerprint"
    del recorded[GlossaryPart("市工信局").encode()]
    recorded["glossary:市财政局"] = "gone since"
    manifest = Manifest(outputs={form.path: OutputRecord("form", recorded, FileRecord("abc"))})
    [decision] = decide(
        [form], manifest, {form.path: FileRecord("abc")}, force=False, full_reason=""
    )
    assert decision.reasons == (
        PartChanged(ClausePart("mini/2", "zh")),
        PartAdded(GlossaryPart("市工信局")),
        PartRemoved(GlossaryPart("市财政局")),
    )
    assert [str(r) for r in decision.reasons] == [
        "clause mini/2 changed (zh)",
        "now uses glossary entry 市工信局",
        "no longer uses glossary entry 市财政局",
    ]

"""Outputs kept without making their views again are exactly those a full plan would find
unchanged: after each kind of content edit, every kept output's recorded parts equal the
parts a fresh plan records for it (the planner's shortcut is only a shortcut)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generators.checking import check_project
from generators.kinds.contract import OutputKind
from generators.pipeline.inputs import observe_inputs
from generators.pipeline.jobs import Job
from generators.pipeline.manifest import load_manifest, observe_outputs
from generators.pipeline.outputs import NoOutputs
from generators.pipeline.plan import SinceLastBuild, plan_jobs, since_last_build
from generators.pipeline.registry import output_kinds
from generators.pipeline.sources import SourceIndex
from generators.project import Project
from tests.conftest import run_cli
from tests.helpers import clause_of, edit_yaml, policy_file, replace_in

Edit = Callable[[Path], None]


def _text_of_money_clause(project: Path) -> None:
    replace_in(policy_file(project, "ai-measures"), "重点突破一批", "重点突破一大批")


def _policy_joins_a_sector(project: Path) -> None:
    edit_yaml(policy_file(project, "ic-measures"), lambda d: d["sectors"].append("ai"))


def _clause_leaves_a_sector(project: Path) -> None:
    edit_yaml(
        policy_file(project, "ai-pilot-zone"),
        lambda d: clause_of(d, "5")["sectors"].remove("ic"),
    )


def _policy_removed(project: Path) -> None:
    policy_file(project, "ic-measures").unlink()


def _policy_added(project: Path) -> None:
    shutil.copy(policy_file(project, "ic-measures"), policy_file(project, "ic-measures-copy"))


def _glossary_changed(project: Path) -> None:
    path = project / "content" / "glossary.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")


EDITS: dict[str, tuple[Edit, set[str]]] = {
    # edit: (what it does, outputs that must be planned again because of it)
    "clause text": (
        _text_of_money_clause,
        {"policies/ai-measures.html", "briefs/ai.zh.pdf", "summaries/ai.en.md"},
    ),
    "policy joins a sector": (
        _policy_joins_a_sector,
        {"briefs/ai.en.pdf", "summaries/ai.zh.html", "policies/ic-measures.html"},
    ),
    "clause leaves a sector": (
        _clause_leaves_a_sector,
        {"briefs/ic.zh.pdf", "summaries/ic.en.md", "policies/ai-pilot-zone.html"},
    ),
    "policy removed": (_policy_removed, {"briefs/ic.zh.pdf", "summaries/ic.en.md"}),
    "policy added": (_policy_added, {"briefs/ic.en.pdf", "policies/ic-measures-copy.html"}),
    "glossary": (_glossary_changed, {"briefs/biomed.zh.pdf", "forms/ic-measures/1.docx"}),
}


def _kinds() -> list[OutputKind[Any]]:
    return [kind for kind in output_kinds() if not kind.reads_outputs]


def _plan(project: Path, since: SinceLastBuild | None) -> dict[str, Job]:
    checked = check_project(Project(project), strict=False)
    assert checked.corpus is not None, [str(p) for p in checked.errors]
    index = SourceIndex(Project(project))
    return {job.path: job for job in plan_jobs(_kinds(), checked.corpus, index, NoOutputs(), since)}


def _since(project: Path) -> SinceLastBuild | None:
    manifest, _ = load_manifest(project / "output")
    assert manifest is not None
    inputs, _ = observe_inputs(Project(project), manifest.inputs)
    current = observe_outputs(manifest, project / "output")
    return since_last_build(manifest, inputs, current=current, force=False)


@pytest.mark.parametrize("name", list(EDITS))
def test_kept_outputs_record_what_a_full_plan_records(built_copy: Path, name: str) -> None:
    edit, replanned = EDITS[name]
    project = built_copy
    edit(project)
    since = _since(project)
    planned = _plan(project, since)
    fresh = _plan(project, None)
    assert planned.keys() == fresh.keys()
    kept = {path for path, job in planned.items() if job.kept is not None}
    for path in kept:
        recorded = planned[path].kept
        made = {part.encode(): fp for part, fp in fresh[path].deps.items()}
        assert recorded == made, f"{path} was kept, but a full plan records other parts"
    assert not kept & replanned, f"kept although the edit changes what it shows: {kept & replanned}"
    for path in set(planned) - kept:  # planned again: its view was made, as a full plan makes it
        assert planned[path].deps == fresh[path].deps
    if name == "glossary":
        assert since is None and not kept  # a file every view may read: every view is made
    else:
        assert since is not None and "policies/biomed-plan.html" in kept  # the shortcut


def test_a_view_reading_an_undeclared_policy_would_be_caught(
    built_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The comparison above fails when a kind declares too few policies: here briefs
    declare none, and a policy joining the AI sector leaves the AI briefs (wrongly) kept
    (what a brief showed before is in its record; a newcomer is only in the declaration)."""
    import generators.kinds.brief

    project = built_copy
    _policy_joins_a_sector(project)
    monkeypatch.setattr(generators.kinds.brief, "sector_policies", lambda corpus, key: frozenset())
    planned, fresh = _plan(project, _since(project)), _plan(project, None)
    stale = [
        path
        for path, job in planned.items()
        if job.kept is not None
        and job.kept != {part.encode(): fp for part, fp in fresh[path].deps.items()}
    ]
    assert stale == ["briefs/ai.zh.pdf", "briefs/ai.en.pdf"]


def test_an_incremental_build_records_what_a_forced_build_records(built_copy: Path) -> None:
    project = built_copy
    _policy_joins_a_sector(project)
    result = run_cli("build", "--json", cwd=project)
    assert result.code == 0, result.stderr
    notes = result.json()["notes"]  # type: ignore[index]
    assert "read 1 of 5 policy file(s) again" in " ".join(notes)
    incremental, _ = load_manifest(project / "output")
    forced = run_cli("build", "--force", "--json", cwd=project)
    assert forced.code == 0, forced.stderr
    clean, _ = load_manifest(project / "output")
    assert incremental is not None and clean is not None
    assert {p: r.deps for p, r in incremental.outputs.items()} == {
        p: r.deps for p, r in clean.outputs.items()
    }
    assert {p: r.sha256 for p, r in incremental.outputs.items()} == {
        p: r.sha256 for p, r in clean.outputs.items()
    }

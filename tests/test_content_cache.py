"""The content cache changes how fast a build checks content, never what it finds: the
same problems at the same lines, from policies equal to those the files hold; a cache
the manifest does not name, or written by other checking code, is not read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generators.checking import CheckResult, check_project
from generators.content_cache import CACHE_NAME, ContentCache
from generators.pipeline.cached import open_content_cache
from generators.pipeline.manifest import load_manifest
from generators.pipeline.sources import SourceIndex
from generators.project import Project
from tests.conftest import copy_project, run_cli
from tests.helpers import clause_of, edit_yaml, policy_file, replace_in


@pytest.fixture(scope="module")
def warned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed, built once with problems that are only warnings in two policy files: an
    unknown field, a heading in title case, and a clause whose Chinese changed after its
    English was written."""
    project = copy_project(tmp_path_factory.mktemp("cache") / "project")

    def warn(data: Any) -> None:
        data["reviewd"] = True
        clause_of(data, "4")["title"]["en"] = "Breakthroughs In Core Technologies"

    edit_yaml(policy_file(project, "ai-measures"), warn)
    replace_in(policy_file(project, "biomed-plan"), "经认定后", "经认定以后")
    result = run_cli("build", "--json", cwd=project)
    assert result.code == 0, result.stderr
    return project


def _cache(project: Path) -> ContentCache:
    manifest, _ = load_manifest(project / "output")
    index = SourceIndex(Project(project))
    return open_content_cache(project / "output", index, manifest, force=False)


def _found(result: CheckResult) -> list[str]:
    return sorted(str(p) for p in result.problems)


def test_a_cached_check_finds_what_a_full_check_finds(warned: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", warned, with_output=True)
    replace_in(policy_file(project, "ic-measures"), "包括流片费", "包括全部流片费")
    cache = _cache(project)
    cached = check_project(Project(project), strict=False, cache=cache)
    full = check_project(Project(project), strict=False)
    assert cache.hits == 4  # every policy but the one edited
    assert _found(cached) == _found(full)
    found = "\n".join(_found(cached))
    assert "content/policies/ai-measures.yaml:" in found and "unknown field 'reviewd'" in found
    assert any(p.code == "heading-case" for p in cached.problems)
    stale = [p for p in cached.problems if p.code == "stale-translation"]
    assert stale and all(p.line is not None for p in stale)  # located in the cached file
    assert cached.corpus == full.corpus


def test_an_edited_cache_is_not_read(warned: Path, tmp_path: Path) -> None:
    """A cap edited in the cache (not in content/) never reaches an output: the cache's
    bytes are not those the manifest names, so every file is read again."""
    project = copy_project(tmp_path / "project", warned, with_output=True)
    path = project / "output" / CACHE_NAME
    document = json.loads(path.read_text(encoding="utf-8"))
    entry = document["policies"]["content/policies/ic-measures.yaml"]
    before = entry["policy"].count('"max_cny":50000000')
    entry["policy"] = entry["policy"].replace('"max_cny":5000000,', '"max_cny":50000000,', 1)
    assert entry["policy"].count('"max_cny":50000000') == before + 1
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    cache = _cache(project)
    cached = check_project(Project(project), strict=False, cache=cache)
    assert cache.hits == 0
    assert cached.corpus == check_project(Project(project), strict=False).corpus
    replace_in(policy_file(project, "ai-measures"), "重点突破一批", "重点突破一大批")
    result = run_cli("build", "--json", cwd=project)
    assert result.code == 0, result.stderr
    rewritten = _cache(project)  # the build wrote a cache of its own, named by its manifest
    check_project(Project(project), strict=False, cache=rewritten)
    assert rewritten.hits == 5


def test_other_checking_code_reads_no_cache(warned: Path) -> None:
    manifest, _ = load_manifest(warned / "output")
    assert manifest is not None and manifest.content_cache
    same = ContentCache.read(warned / "output", _cache(warned).code, manifest.content_cache)
    other = ContentCache.read(warned / "output", "other code", manifest.content_cache)
    check_project(Project(warned), strict=False, cache=same)
    check_project(Project(warned), strict=False, cache=other)
    assert same.hits == 5 and other.hits == 0


def test_check_reads_the_cache_and_writes_nothing(warned: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", warned, with_output=True)
    replace_in(policy_file(project, "ic-measures"), "包括流片费", "包括全部流片费")
    before = {p: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file()}
    result = run_cli("check", "--json", cwd=project)
    document = result.json()
    assert isinstance(document, dict)
    full = check_project(Project(project), strict=False)
    assert sorted(
        f"{p['file']}:{p['line']}: {p['message']}" for p in document["warnings"]
    ) == sorted(f"{p.file}:{p.line}: {p.message}" for p in full.warnings)
    assert document["errors"] == [] and result.code == 0
    after = {p: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file()}
    assert after == before


def test_a_cache_written_from_a_cache_finds_the_same(warned: Path, tmp_path: Path) -> None:
    """Two builds in a row that each read the cache the last one wrote, then a check: a
    finding taken from the cache is reported once, under its own text, generation after
    generation (a heading's case and its wording are kept apart)."""
    project = copy_project(tmp_path / "project", warned, with_output=True)
    for old, new in (("包括流片费", "包括全部流片费"), ("包括全部流片费", "包括流片费")):
        replace_in(policy_file(project, "ic-measures"), old, new)
        result = run_cli("build", "--json", cwd=project)
        assert result.code == 0, result.stderr
    cache = _cache(project)
    cached = check_project(Project(project), strict=False, cache=cache)
    assert cache.hits == 5
    assert _found(cached) == _found(check_project(Project(project), strict=False))
    assert sum(p.code == "heading-case" for p in cached.problems) == 1

"""Mutated PDF and Word files through the importer: a result or a clear problem, never an
exception, a hang or unbounded memory (the parsers run in a bounded child process)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generators.importer.read import read_file
from tests.conftest import FIXTURES

RENDITIONS = FIXTURES / "renditions"
FILES = settings(
    max_examples=15,
    deadline=None,  # each example forks a reader; time is bounded by the reader's own limit
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
_CHANGES = st.lists(
    st.tuples(st.floats(min_value=0, max_value=1, exclude_max=True), st.integers(0, 255)),
    min_size=1,
    max_size=12,
)


def _mutate(data: bytes, changes: list[tuple[float, int]]) -> bytes:
    damaged = bytearray(data)
    for where, value in changes:
        damaged[int(where * len(damaged))] = value
    return bytes(damaged)


def _read(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    read = read_file(path)
    assert read.policies or read.errors
    for problem in read.problems:
        assert problem.message and "Traceback" not in problem.message


@pytest.fixture(scope="module")
def small_pdf() -> bytes:
    return (RENDITIONS / "nanjing.two-column.pdf").read_bytes()


@FILES
@given(changes=_CHANGES, cut=st.floats(min_value=0.05, max_value=1))
def test_mutated_pdf_gives_a_result_or_a_clear_error(
    tmp_path: Path, small_pdf: bytes, changes: list[tuple[float, int]], cut: float
) -> None:
    data = _mutate(small_pdf, changes)[: max(16, int(len(small_pdf) * cut))]
    _read(tmp_path, "fuzzed.pdf", data)


def _docx_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(RENDITIONS / "nanjing.docx") as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@FILES
@given(
    part=st.sampled_from(["word/document.xml", "word/numbering.xml", "word/styles.xml"]),
    changes=_CHANGES,
)
def test_mutated_docx_gives_a_result_or_a_clear_error(
    tmp_path: Path, part: str, changes: list[tuple[float, int]]
) -> None:
    parts = _docx_parts()
    parts[part] = _mutate(parts[part], changes)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    _read(tmp_path, "fuzzed.docx", buffer.getvalue())


def test_docx_zip_bomb_part_is_refused(tmp_path: Path) -> None:
    parts = _docx_parts()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        archive.writestr("word/media/bomb.bin", b"\0" * (300 * 1024**2))
    path = tmp_path / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    read = read_file(path)
    assert read.policies == [] and "zip bomb" in read.errors[0].message

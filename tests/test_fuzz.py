"""Property-based tests: parsers, importer and readback on any input, with bounded time."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generators.amounts import find_amounts, find_rates
from generators.i18n.figures import compare_figures, english_figures
from generators.i18n.formatting import format_cny
from generators.importer.decode import SourceRefused, decode_source
from generators.importer.incentives import parse_incentives
from generators.importer.segment import split_policies
from generators.importer.structure import NoStructure, build_policy
from generators.project import Project
from generators.readback.command import read_context
from generators.readback.reader import ReadContext, read_form

BOUNDED = settings(
    max_examples=150,
    deadline=2000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
POLICY_ALPHABET = st.sampled_from(
    list("一二三四五六七八九十（）()、.．。，,；;：:%~—-万亿元")
    + list("最高给予奖励补助责任单位部门专栏第条章 \n")
    + list("0123456789")
    + ["市工信局", "按", "的", "对", "突破", "以上", "分别", "/项"]
)
policy_text = st.lists(POLICY_ALPHABET, max_size=400).map("".join)


@BOUNDED
@given(st.one_of(st.text(max_size=300), policy_text))
def test_money_and_rate_parsers_never_crash(text: str) -> None:
    for amount in find_amounts(text):
        assert amount.value >= 0
    for rate in find_rates(text):
        assert rate.low <= rate.high or rate.low >= 0
    for incentive in parse_incentives(text):
        assert incentive.max_cny is None or incentive.max_cny >= 0


@BOUNDED
@given(st.integers(min_value=1, max_value=10_000_000_000))
def test_every_amount_round_trips_through_chinese_and_english(amount: int) -> None:
    chinese = format_cny(amount, "zh")
    english = format_cny(amount, "en")
    assert [a.value for a in find_amounts(chinese)] == [amount]
    assert [f.value for f in english_figures(english)] == [Decimal(amount)]
    assert compare_figures(f"给予最高{chinese}奖励", f"an award of up to {english}") == []


@BOUNDED
@given(
    st.one_of(
        st.binary(max_size=2000),
        policy_text.map(str.encode),
        policy_text.map(lambda t: t.encode("gb18030")),
    )
)
def test_importer_gives_a_result_or_a_clear_error(data: bytes) -> None:
    try:
        text = decode_source(data)
    except SourceRefused as exc:
        assert str(exc)
        return
    for raw in split_policies(text):
        try:
            policy = build_policy(raw)
        except NoStructure as exc:
            assert "no numbered clauses" in str(exc)
            continue
        ids = [c.id for c in policy.clauses]
        assert len(ids) == len(set(ids))


@pytest.fixture(scope="module")
def form_bytes(built_project: Path) -> bytes:
    return (built_project / "output" / "forms" / "ic-measures" / "1.docx").read_bytes()


@pytest.fixture(scope="module")
def context(built_project: Path) -> ReadContext:
    return read_context(Project(built_project), "zh", dt.date(2026, 12, 1))


def _mutations() -> st.SearchStrategy[tuple[str, int, int]]:
    return st.tuples(
        st.sampled_from(["flip", "truncate", "part"]),
        st.integers(min_value=0, max_value=10**6),
        st.integers(min_value=0, max_value=255),
    )


@settings(max_examples=60, deadline=5000, suppress_health_check=list(HealthCheck))
@given(st.lists(_mutations(), min_size=1, max_size=4))
def test_readback_of_mutated_forms_is_a_per_file_problem(
    form_bytes: bytes,
    context: ReadContext,
    tmp_path_factory: pytest.TempPathFactory,
    mutations: list[tuple[str, int, int]],
) -> None:
    data = bytearray(form_bytes)
    for kind, position, value in mutations:
        if kind == "flip" and data:
            data[position % len(data)] = value
        elif kind == "truncate":
            del data[max(1, position % max(len(data), 1)) :]
        elif kind == "part":
            data = bytearray(_damage_part(bytes(data), position, value))
    path = tmp_path_factory.mktemp("mutated") / "form.docx"
    path.write_bytes(bytes(data))
    row = read_form(path, context)  # must return, never raise
    assert row.file == str(path)
    for problem in row.problems:
        assert problem.message


def _damage_part(data: bytes, position: int, value: int) -> bytes:
    """Rewrite word/document.xml with one byte changed, keeping the zip itself valid."""
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        parts = {name: source.read(name) for name in source.namelist()}
    except Exception:
        return data
    document = bytearray(parts.get("word/document.xml", b""))
    if document:
        document[position % len(document)] = value
        parts["word/document.xml"] = bytes(document)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, body in parts.items():
            target.writestr(name, body)
    return out.getvalue()


def to_capital(amount: int) -> str:
    """Amount in words as banks write it (the reference the strict parser must accept)."""
    digits = "零壹贰叁肆伍陆柒捌玖"
    if amount == 0:
        return "零元整"
    words, started, zero = "", False, False
    for value, mark in (
        (amount // 10**8, "亿"),
        (amount // 10**4 % 10**4, "万"),
        (amount % 10**4, ""),
    ):
        if value == 0:
            zero = zero or started
            continue
        for place, unit in ((3, "仟"), (2, "佰"), (1, "拾"), (0, "")):
            digit = value // 10**place % 10
            if digit == 0:
                zero = zero or started
                continue
            words += ("零" if zero else "") + digits[digit] + unit
            started, zero = True, False
        words += mark
    return words + "元整"


@settings(max_examples=300, deadline=1000)
@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_capital_amounts_round_trip(amount: int) -> None:
    from generators.readback.capital import parse_capital_amount

    assert parse_capital_amount(to_capital(amount)) == amount


@settings(max_examples=300, deadline=1000)
@given(st.text(alphabet="零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整两", max_size=14))
def test_capital_parser_refuses_cleanly(text: str) -> None:
    """Anything in the alphabet either parses or is refused as not capital, never crashes."""
    from generators.readback.capital import NotCapital, parse_capital_amount

    try:
        value = parse_capital_amount(text)
    except NotCapital:
        return
    assert 0 <= value < 10**13
    assert "两" not in text and text.count("元") == 1

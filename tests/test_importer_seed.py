"""The importer on the seed page: every clause, cap, rate and responsible unit."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SEED, Result

EXPECTED = json.loads(
    (Path(__file__).parent / "data" / "seed_expectations.json").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def imported() -> dict[str, object]:
    from tests.conftest import REPO, run_cli

    result = run_cli("import", str(SEED), "--json", cwd=REPO)
    assert result.code == 0, result.stderr
    return result.json()  # type: ignore[return-value]


def test_seed_has_143_clauses_and_28_with_a_cap(imported: dict[str, object]) -> None:
    policies = imported["policies"]
    assert isinstance(policies, list)
    clauses = [c for p in policies for c in p["clauses"]]
    assert len(policies) == 5
    assert len(clauses) == 143
    assert sum(1 for c in clauses if any(i["max_cny"] for i in c["incentives"])) == 28
    assert [len(p["clauses"]) for p in policies] == [18, 25, 55, 19, 26]
    assert {p["level"] for p in policies} == {"苏州市级"}


@pytest.mark.parametrize("policy_index", range(5))
def test_every_clause_matches_its_reading(imported: dict[str, object], policy_index: int) -> None:
    policy = imported["policies"][policy_index]  # type: ignore[index]
    expected = EXPECTED[policy_index]
    assert policy["title"] == expected["title"]
    got = {c["id"]: c for c in policy["clauses"]}
    assert list(got) == [c["id"] for c in expected["clauses"]]
    for clause in expected["clauses"]:
        actual = got[clause["id"]]
        where = f"{expected['title']} {clause['id']}"
        assert actual["number"] == clause["number"], where
        assert actual["title"] == clause["title"], where
        assert [i["max_cny"] for i in actual["incentives"] if i["max_cny"] is not None] == clause[
            "caps"
        ], where
        assert [i["rate_pct"] for i in actual["incentives"] if i["rate_pct"] is not None] == clause[
            "rates"
        ], where
        assert actual["departments"] == clause["departments"], where


def clause(imported: dict[str, object], policy: int, clause_id: str) -> dict[str, object]:
    return next(
        c
        for c in imported["policies"][policy]["clauses"]  # type: ignore[index]
        if c["id"] == clause_id
    )


def test_design_example_clause(imported: dict[str, object]) -> None:
    found = clause(imported, 0, "2")
    assert found["title"] == "支持企业做大做强"
    assert found["departments"] == ["市工信局", "各县级市〈区〉人民政府〈管委会〉"]
    assert max(i["max_cny"] for i in found["incentives"]) == 10_000_000
    assert all(i["rate_pct"] is None for i in found["incentives"])


def test_thresholds_targets_and_budgets_are_not_caps(imported: dict[str, object]) -> None:
    tiers = clause(imported, 1, "1")
    amounts = [i["max_cny"] for i in tiers["incentives"]]
    assert 100_000_000 not in amounts and 1_000_000_000 not in amounts  # 1亿/10亿 revenue
    first = tiers["incentives"][0]
    assert [(t["threshold_cny"], t["amount_cny"]) for t in first["tiers"]] == [
        (100_000_000, 2_000_000),
        (500_000_000, 3_000_000),
        (1_000_000_000, 5_000_000),
    ]
    assert clause(imported, 3, "12")["incentives"] == []  # 统筹安排100亿经费: a budget
    assert clause(imported, 2, "c1.s2")["incentives"] == []  # 产业规模突破3300亿元: a target
    usage = clause(imported, 1, "17")  # 年使用金额累计在500万元以上: a threshold
    assert [i["max_cny"] for i in usage["incentives"]] == [1_000_000]


def test_rates_keep_their_basis_and_unit(imported: dict[str, object]) -> None:
    incentive = clause(imported, 0, "4")["incentives"][0]
    assert incentive["rate_pct"] == 50
    assert incentive["basis"] == "攻关投入"
    assert incentive["per"] == ["project"]
    assert incentive["kind"] == "subsidy"
    ranged = clause(imported, 0, "6")["incentives"][0]
    assert ranged["rate_pct"] == [10, 30]
    assert ranged["kind"] == "award"
    per_item = clause(imported, 0, "9")["incentives"][0]
    assert per_item["max_cny"] == 200_000 and per_item["per_unit"] == "项"
    assert per_item["amount_is"] == "maximum"


def test_boxes_prose_sections_and_lead_ins(imported: dict[str, object]) -> None:
    biomed = imported["policies"][2]  # type: ignore[index]
    ids = [c["id"] for c in biomed["clauses"]]
    assert ids[:6] == ["c1.s1", "c1.s2", "c2.s1", "c2.s2", "c2.s3", "c3.s1"]
    assert ids.count("box3.9") == 1 and "box10.6" in ids
    body = clause(imported, 2, "c3.s1")
    assert body["title"] == "链主引培工程"
    assert body["departments"][0] == "市工信局" and len(body["departments"]) == 11
    assert clause(imported, 2, "box1.1")["departments"] == []
    notes_text = " ".join(c["text"] for c in biomed["clauses"])
    assert "本行动计划所指生物医药及健康产业" not in notes_text  # a lead-in, not a clause
    assert "8000万元" not in notes_text  # a closing paragraph, not part of clause c4.2


def test_duplicate_units_are_listed_once(imported: dict[str, object]) -> None:
    units = clause(imported, 2, "c3.s10")["departments"]
    assert units.count("市农业农村局") == 1


def test_human_summary_without_json(cli: Callable[..., Result]) -> None:
    from tests.conftest import REPO

    result = cli("import", str(SEED), cwd=REPO)
    assert result.code == 0
    assert (
        "苏州市促进集成电路产业高质量发展的若干措施 (苏州市级): 25 clauses, 14 with a money cap"
        in result.stdout
    )

"""Babel formatting of money, rates and dates for each output locale."""

from __future__ import annotations

import datetime as dt

import pytest

from generators.i18n.formatting import format_cny, format_day, format_rate

AMOUNTS = [
    (1, "1元", "RMB 1"),
    (5_000, "5000元", "RMB 5,000"),
    (9_999, "9999元", "RMB 9,999"),
    (10_000, "1万元", "RMB 10,000"),
    (15_000, "1.5万元", "RMB 15,000"),
    (200_000, "20万元", "RMB 200,000"),
    (999_999, "99.9999万元", "RMB 999,999"),
    (1_000_000, "100万元", "RMB 1 million"),
    (5_000_000, "500万元", "RMB 5 million"),
    (10_000_000, "1000万元", "RMB 10 million"),
    (12_345_678, "1234.5678万元", "RMB 12,345,678"),
    (99_990_000, "9999万元", "RMB 99.99 million"),
    (100_000_000, "1亿元", "RMB 100 million"),
    (150_000_000, "1.5亿元", "RMB 150 million"),
    (123_456_789, "12345.6789万元", "RMB 123,456,789"),
    (1_000_000_000, "10亿元", "RMB 1 billion"),
    (2_500_000_000, "25亿元", "RMB 2.5 billion"),
    (10_000_000_000, "100亿元", "RMB 10 billion"),
]


@pytest.mark.parametrize(("amount", "zh", "en"), AMOUNTS)
def test_amounts_in_both_locales(amount: int, zh: str, en: str) -> None:
    assert format_cny(amount, "zh") == zh
    assert format_cny(amount, "en") == en


@pytest.mark.parametrize(("amount", "zh", "en"), AMOUNTS)
def test_formatted_amounts_read_back_to_the_same_number(amount: int, zh: str, en: str) -> None:
    from generators.amounts import find_amounts
    from generators.i18n.figures import english_figures

    assert [a.value for a in find_amounts(zh)] == [amount]
    assert [int(f.value) for f in english_figures(en)] == [amount]  # type: ignore[arg-type]


def test_tiered_amounts_format_one_by_one() -> None:
    tiers = [(100_000_000, 2_000_000), (500_000_000, 3_000_000), (1_000_000_000, 5_000_000)]
    assert [f"{format_cny(t, 'zh')}→{format_cny(a, 'zh')}" for t, a in tiers] == [
        "1亿元→200万元",
        "5亿元→300万元",
        "10亿元→500万元",
    ]
    assert [f"{format_cny(t, 'en')}→{format_cny(a, 'en')}" for t, a in tiers] == [
        "RMB 100 million→RMB 2 million",
        "RMB 500 million→RMB 3 million",
        "RMB 1 billion→RMB 5 million",
    ]


@pytest.mark.parametrize(
    ("rate", "zh", "en"),
    [
        (50.0, "50%", "50%"),
        ((10.0, 30.0), "10%~30%", "10% to 30%"),
        (12.5, "12.5%", "12.5%"),
        (None, "", ""),
    ],
)
def test_rates(rate: float | tuple[float, float] | None, zh: str, en: str) -> None:
    assert format_rate(rate, "zh") == zh
    assert format_rate(rate, "en") == en


def test_dates() -> None:
    day = dt.date(2026, 11, 27)
    assert format_day(day, "zh") == "2026年11月27日"
    assert format_day(day, "en") == "27 November 2026"

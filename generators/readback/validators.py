"""Checks of single values: USCC (GB 32100-2015), phone, email, amounts, dates."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from generators.forms.phrases import N_

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def uscc_check_character(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def organization_check_character(first8: str) -> str:
    """GB 11714 check character of the organization code inside a USCC (positions 9-17)."""

    def value(char: str) -> int:
        return int(char) if char.isdigit() else ord(char) - ord("A") + 10

    remainder = 11 - sum(value(c) * w for c, w in zip(first8, ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))


Finding = tuple[str, dict[str, object]]
"""A message id with its arguments, worded by the reporter in the reviewer's language."""


def check_uscc(raw: str) -> tuple[list[Finding], list[Finding]]:
    """(errors, warnings) for a unified social credit code."""
    code = raw.strip().upper()
    if len(code) != 18:
        return [(N_("must have 18 characters (got %(count)s)"), {"count": len(code)})], []
    bad = sorted({c for c in code if c not in USCC_ALPHABET})
    if bad:
        return [
            (
                N_("has characters that are never used: %(chars)s (I, O, S, V and Z do not occur)"),
                {"chars": ", ".join(bad)},
            )
        ], []
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        return [
            (
                N_("check character is %(got)s, expected %(expected)s: the code is mistyped"),
                {"got": code[17], "expected": expected},
            )
        ], []
    organization = code[8:17]
    if all(c.isdigit() or "A" <= c <= "Z" for c in organization):
        org_check = organization_check_character(organization[:8])
        if organization[8] != org_check:
            return [], [
                (
                    N_(
                        "organization code part %(part)s fails its GB 11714 check (expected "
                        "%(expected)s); some registered codes do, so please verify"
                    ),
                    {"part": organization, "expected": org_check},
                )
            ]
    return [], []


_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}(\d{1,6})?$")


def check_phone(raw: str) -> Finding | None:
    digits = re.sub(r"[\s\-()（）]", "", raw)
    digits = re.sub(r"^(\+?86)", "", digits)
    if _MOBILE.match(digits) or _LANDLINE.match(digits):
        return None
    return (
        N_("%(value)s is not a mainland mobile (11 digits from 1) or landline number"),
        {"value": raw},
    )


_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$")


def check_email(raw: str) -> Finding | None:
    if _EMAIL.match(raw.strip()):
        return None
    return N_("%(value)s is not an email address"), {"value": raw}


def parse_amount(raw: str) -> Decimal | None:
    """An amount in yuan as applicants type it: 5,000,000.00 or 5000000元."""
    text = raw.strip().replace(",", "").replace("，", "").replace(" ", "")
    text = re.sub(r"(元|RMB|CNY|¥|￥)", "", text)
    if not re.fullmatch(r"\d+(\.\d{1,2})?", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def parse_date(raw: str) -> dt.date | None:
    text = raw.strip()
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None

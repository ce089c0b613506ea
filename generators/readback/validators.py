"""Checks of single values: USCC (GB 32100-2015), phone, email, amounts, dates, 大写."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from generators.numerals import parse_numeral

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


def check_uscc(raw: str) -> tuple[list[str], list[str]]:
    """(errors, warnings) for a unified social credit code."""
    code = raw.strip().upper()
    if len(code) != 18:
        return [f"unified social credit code must have 18 characters (got {len(code)})"], []
    bad = sorted({c for c in code if c not in USCC_ALPHABET})
    if bad:
        return [
            f"unified social credit code has characters that are never used: "
            f"{', '.join(bad)} (I, O, S, V and Z do not occur)"
        ], []
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        return [
            f"unified social credit code check character is {code[17]!r}, "
            f"expected {expected!r}: the code is mistyped"
        ], []
    organization = code[8:17]
    if organization[:8].isalnum() and all(c.isdigit() or "A" <= c <= "Z" for c in organization):
        org_check = organization_check_character(organization[:8])
        if organization[8] != org_check:
            return [], [
                f"organization code part {organization} fails its GB 11714 check "
                f"(expected {org_check!r}); some registered codes do, so please verify"
            ]
    return [], []


_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}(\d{1,6})?$")


def check_phone(raw: str) -> str | None:
    digits = re.sub(r"[\s\-()（）]", "", raw)
    digits = re.sub(r"^(\+?86)", "", digits)
    if _MOBILE.match(digits) or _LANDLINE.match(digits):
        return None
    return f"phone number {raw!r} is not a mainland mobile (11 digits from 1) or landline number"


_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$")


def check_email(raw: str) -> str | None:
    return None if _EMAIL.match(raw.strip()) else f"email address {raw!r} is malformed"


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


_CAPITAL_DIGITS = {
    "零": 0,
    "壹": 1,
    "贰": 2,
    "叁": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
    "两": 2,
}
_CAPITAL_UNITS = {"拾": 10, "佰": 100, "仟": 1000}


def parse_capital_amount(raw: str) -> Decimal | None:
    """伍佰万元整 -> 5000000; 壹亿贰仟万元 -> 120000000; 壹拾万元零伍角 -> 100000.5."""
    text = raw.strip().replace("人民币", "").replace("圆", "元").rstrip("整正")
    if not text or not re.fullmatch(r"[零壹贰叁肆伍陆柒捌玖两拾佰仟万亿元角分]+", text):
        return None
    split = re.search(r"元|(?=[壹贰叁肆伍陆柒捌玖][角分])", text)
    yuan_part, cents_part = (text[: split.start()], text[split.end() :]) if split else (text, "")
    total = (
        Decimal(parse_numeral(yuan_part, _CAPITAL_DIGITS, _CAPITAL_UNITS))
        if yuan_part
        else Decimal(0)
    )
    for unit, scale in (("角", Decimal("0.1")), ("分", Decimal("0.01"))):
        match = re.search(f"([壹贰叁肆伍陆柒捌玖])(?={unit})", cents_part)
        if match:
            total += _CAPITAL_DIGITS[match.group(1)] * scale
    return total

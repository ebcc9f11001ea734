"""Official statistical division codes (统计用区划代码): county 6 + township 3 + village 3 digits.

Codes are stored padded to 12 digits (140824 -> 140824000000); users may type the short form.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import BadValue
from .messages import ErrorCode

COUNTY, TOWNSHIP, VILLAGE = "county", "township", "village"
LEVELS = (COUNTY, TOWNSHIP, VILLAGE)


class CodeError(BadValue):
    code = "bad_code"


def normalize_code(code: str | int) -> str:
    """Return the 12-digit form of a 6-, 9- or 12-digit division code."""
    s = str(code).strip()
    if not s.isdigit() or len(s) not in (6, 9, 12):
        raise CodeError(ErrorCode.DIVISION_CODE, value=code)
    return s.ljust(12, "0")


def level_of(code: str) -> str:
    c = normalize_code(code)
    if c[6:] == "000000":
        return COUNTY
    if c[9:] == "000":
        return TOWNSHIP
    return VILLAGE


def short_code(code: str) -> str:
    """The significant part: 6 digits for a county, 9 for a township, 12 for a village."""
    c = normalize_code(code)
    return {COUNTY: c[:6], TOWNSHIP: c[:9], VILLAGE: c}[level_of(c)]


def parent_code(code: str) -> str | None:
    c = normalize_code(code)
    lvl = level_of(c)
    if lvl == VILLAGE:
        return c[:9] + "000"
    if lvl == TOWNSHIP:
        return c[:6] + "000000"
    return None


def township_of(code: str) -> str:
    return normalize_code(code)[:9] + "000"


def county_of(code: str) -> str:
    return normalize_code(code)[:6] + "000000"


@dataclass(frozen=True)
class Area:
    code: str  # 12 digits
    name: str
    level: str  # county / township / village
    parent_code: str | None
    unit_type: str = ""

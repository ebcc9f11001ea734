"""The Community Health Toolkit's (CHT) date arithmetic: `cht:difference-in-days`, `-weeks`,
`-months` and `-years` (d1, d2), as CHT's Enketo extensions compute them with moment.js's
`d2.diff(d1, unit)`: whole units from d1 to d2, truncated toward zero (negative when d2 is
earlier), a month ending on a shorter month's last day counting as whole (31 Jan → 28 Feb is one
month); "" when either is not a date. Other `cht:` functions (extension-lib, …) need the CHT
app and stay unknown."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from .expr_values import to_date


def _add_months(d: date, months: int) -> date:
    """d plus whole months, the day clamped to the month's length (as moment.js)."""
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def months_between(d1: date, d2: date) -> int:
    whole = (d2.year - d1.year) * 12 + (d2.month - d1.month)
    if whole > 0 and _add_months(d1, whole) > d2:
        whole -= 1
    elif whole < 0 and _add_months(d1, whole) < d2:
        whole += 1
    return whole


def _truncated(n: int, unit: int) -> int:
    return n // unit if n >= 0 else -(-n // unit)


def _difference(unit: str):
    def impl(a: Any, b: Any) -> Any:
        d1, d2 = to_date(a), to_date(b)
        if d1 is None or d2 is None:
            return ""
        if unit in ("days", "weeks"):
            return float(_truncated((d2 - d1).days, 1 if unit == "days" else 7))
        months = months_between(d1, d2)
        return float(months if unit == "months" else _truncated(months, 12))
    return impl


CHT_FUNCTIONS: dict[str, tuple[int, int | None, Any]] = {
    f"cht:difference-in-{unit}": (2, 2, _difference(unit))
    for unit in ("days", "weeks", "months", "years")
}

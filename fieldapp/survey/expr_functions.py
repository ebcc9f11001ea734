"""The functions an expression may call: the ODK subset plus three fieldapp validation helpers
(valid-id-number, valid-phone, valid-coordinates) that reuse the rules in fieldapp.core.

Each entry: name -> (min args, max args or None for any, implementation). `if` is special (lazy)
and handled by the evaluator; its arity is still listed here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from fieldapp.core.idcard import id_problem, phone_problem
from fieldapp.core.validation import geopoint_problem

from .expr_values import to_bool, to_date, to_number, to_string

Impl = Callable[..., Any]


@lru_cache(maxsize=256)
def compile_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _selected(multi: Any, value: Any) -> bool:
    return to_string(value).strip() in to_string(multi).split()


def _selected_at(multi: Any, index: Any) -> str:
    items = to_string(multi).split()
    i = to_number(index)
    if not math.isfinite(i) or not 0 <= int(i) < len(items):
        return ""
    return items[int(i)]


def _regex(value: Any, pattern: Any) -> bool:
    try:
        return compile_regex(to_string(pattern)).search(to_string(value)) is not None
    except re.error:
        return False


def _coalesce(*values: Any) -> Any:
    for v in values:
        if to_string(v) != "":
            return v
    return ""


def _int(value: Any) -> float:
    x = to_number(value)
    return x if math.isnan(x) or math.isinf(x) else float(math.trunc(x))


def _round(value: Any, digits: Any = 0.0) -> float:
    x, d = to_number(value), to_number(digits)
    if math.isnan(x) or math.isinf(x) or math.isnan(d):
        return x
    scale = 10.0 ** max(-15, min(15, int(d))) if math.isfinite(d) else 1.0
    scaled = x * scale + 0.5
    return math.floor(scaled) / scale if math.isfinite(scaled) else x  # XPath: half up


def _date(value: Any) -> Any:
    d = to_date(value)
    return d if d is not None else ""


def _substr(value: Any, start: Any, end: Any = None) -> str:
    s = to_string(value)
    a_i = _index(to_number(start), len(s))
    if end is None:
        return s[a_i:]
    b = to_number(end)
    return s[a_i:] if math.isnan(b) else s[a_i:max(a_i, _index(b, len(s)))]


def _index(x: float, length: int) -> int:
    """A string position from a number: NaN 0, clamped to 0..length (also for ±Infinity)."""
    if math.isnan(x):
        return 0
    return int(max(0.0, min(float(length), x)))


def _valid_coordinates(value: Any) -> bool:
    return to_string(value) == "" or geopoint_problem(to_string(value)) is None


FUNCTIONS: dict[str, tuple[int, int | None, Impl]] = {
    "if": (3, 3, lambda c, a, b: a if to_bool(c) else b),
    "selected": (2, 2, _selected),
    "selected-at": (2, 2, _selected_at),
    "count-selected": (1, 1, lambda v: float(len(to_string(v).split()))),
    "string-length": (1, 1, lambda v: float(len(to_string(v)))),
    "regex": (2, 2, _regex),
    "coalesce": (2, None, _coalesce),
    "concat": (1, None, lambda *vs: "".join(to_string(v) for v in vs)),
    "contains": (2, 2, lambda a, b: to_string(b) in to_string(a)),
    "starts-with": (2, 2, lambda a, b: to_string(a).startswith(to_string(b))),
    "ends-with": (2, 2, lambda a, b: to_string(a).endswith(to_string(b))),
    "substr": (2, 3, _substr),
    "string": (1, 1, to_string),
    "number": (1, 1, to_number),
    "int": (1, 1, _int),
    "round": (1, 2, _round),
    "boolean": (1, 1, to_bool),
    "not": (1, 1, lambda v: not to_bool(v)),
    "true": (0, 0, lambda: True),
    "false": (0, 0, lambda: False),
    "today": (0, 0, lambda: date.today()),
    "now": (0, 0, lambda: datetime.now().replace(microsecond=0)),
    "date": (1, 1, _date),
    # fieldapp extensions (not known to ODK Collect): the same checks as the register import.
    "valid-id-number": (1, 1, lambda v: to_string(v) == "" or id_problem(to_string(v)) is None),
    "valid-phone": (1, 1, lambda v: phone_problem(to_string(v)) is None),
    "valid-coordinates": (1, 1, _valid_coordinates),
}

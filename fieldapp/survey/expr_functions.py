"""The functions an expression may call: the ODK subset plus three fieldapp validation helpers
(valid-id-number, valid-phone, valid-coordinates) that reuse the rules in fieldapp.core.

Each entry: name -> (min args, max args or None for any, implementation). `if` is special (lazy)
and handled by the evaluator; its arity is still listed here.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from fieldapp.core.idcard import id_problem, phone_problem
from fieldapp.core.validation import geopoint_problem

from .expr_cht import CHT_FUNCTIONS
from .expr_odk import MORE_FUNCTIONS, java_int
from .expr_regex import regex_matches
from .expr_values import NodeSet, flatten, to_bool, to_date, to_number, to_string

Impl = Callable[..., Any]


def _selected(multi: Any, value: Any) -> bool:
    return to_string(value).strip() in to_string(multi).split()


def _selected_at(multi: Any, index: Any) -> str:
    items = to_string(multi).split()
    i = to_number(index)
    if not math.isfinite(i) or not 0 <= int(i) < len(items):
        return ""
    return items[int(i)]


def _regex(value: Any, pattern: Any) -> bool:
    return regex_matches(to_string(value), to_string(pattern))


def _coalesce(*values: Any) -> Any:
    for v in values:
        if to_string(v) != "":
            return v
    return ""


def _int(value: Any) -> float:
    x = to_number(value)
    return x if math.isnan(x) or math.isinf(x) else float(math.trunc(x))


def _date(value: Any) -> Any:
    d = to_date(value)
    return d if d is not None else ""


def _substr(value: Any, start: Any, end: Any = None) -> str:
    """JavaRosa: a negative position counts from the end; positions clamp to the string."""
    s = to_string(value)
    n = len(s)
    a = java_int(_int(start))
    b = n if end is None else java_int(_int(end))
    a, b = (a + n if a < 0 else a), (b + n if b < 0 else b)
    a, b = min(max(0, a), n), min(max(0, b), n)
    return s[a:b] if a <= b else ""


def _count(value: Any) -> float:
    """count(${field in a repeat}) or count(${repeat}): the number of instances."""
    return float(len(value)) if isinstance(value, NodeSet) else 1.0


def _indexed_repeat(values: Any, _repeat: Any, index: Any) -> Any:
    """indexed-repeat(${field}, ${repeat}, n): the field's answer in instance n (1-based)."""
    nodes = values if isinstance(values, NodeSet) else NodeSet((values,))
    i = to_number(index)
    if not math.isfinite(i) or not 1 <= int(i) <= len(nodes):
        return ""
    return nodes[int(i) - 1]


def _valid_coordinates(value: Any) -> bool:
    return to_string(value) == "" or geopoint_problem(to_string(value)) is None


FUNCTIONS: dict[str, tuple[int, int | None, Impl]] = {
    "if": (3, 3, lambda c, a, b: a if to_bool(c) else b),
    "selected": (2, 2, _selected),
    "is-selected": (2, 2, _selected),
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
    # repeats: a field inside a repeat read from outside it is a node-set of every instance
    "count": (1, 1, _count),
    "count-non-empty": (1, 1, lambda v: float(sum(1 for x in flatten((v,)) if to_string(x)))),
    "sum": (1, 1, lambda v: math.fsum(to_number(x) for x in flatten((v,)))),
    "position": (0, 1, lambda *_: 0.0),  # the evaluator gives the instance number
    "indexed-repeat": (3, 3, _indexed_repeat),
    "pulldata": (4, 4, lambda *_: ""),  # the evaluator reads the form's CSV files
    "jr:choice-name": (2, 2, lambda *_: ""),  # the evaluator reads the form's choice lists
    "once": (1, 1, lambda v: v),  # the evaluator keeps an answer once there is one
    **MORE_FUNCTIONS,
    **CHT_FUNCTIONS,
}

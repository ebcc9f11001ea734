"""XPath-like value conversions: the rules that make `${tv_sets} > 0`, `. = 'yes'` and
`${visit_date} <= today()` behave as they do in ODK Collect.

Values are str (an empty answer is ""), float, bool, date or datetime.
"""

from __future__ import annotations

import math
from decimal import Decimal
from datetime import date, datetime, timedelta
from typing import Any

_EPOCH = date(1970, 1, 1)
TOLERANCE = 1e-12  # JavaRosa: numbers this close are equal, and print as the integer


class NodeSet(tuple):
    """The answers of one field across the instances of a repeat (or the instances themselves),
    as XPath sees a node-set: count() and sum() take all; as a single value it is the first
    node ("" when empty); `=` and `<` are true when any node matches."""


def first(value: Any) -> Any:
    """A single value: the first node of a node-set ("" when it has none)."""
    if isinstance(value, NodeSet):
        return value[0] if value else ""
    return value


def flatten(values: tuple[Any, ...]) -> list[Any]:
    """Arguments with node-sets spread out (max, min, join, sum take every node)."""
    out: list[Any] = []
    for v in values:
        out.extend(v) if isinstance(v, NodeSet) else out.append(v)
    return out


def from_answer(value: Any) -> Any:
    """An answer as stored (JSON) to an expression value."""
    if value is None:
        return ""
    if isinstance(value, NodeSet):
        return NodeSet(from_answer(v) for v in value)
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, (date, datetime)):
        return value
    return str(value)


def to_number(value: Any) -> float:
    value = first(value)
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, datetime):
        return (value - datetime(1970, 1, 1, tzinfo=value.tzinfo)).total_seconds() / 86400
    if isinstance(value, date):
        return float((value - _EPOCH).days)
    text = str(value).replace(",", ".").strip()  # JavaRosa: a decimal comma is a point
    if not text:
        return math.nan
    try:
        return float(text) if _plain_number(text) else math.nan
    except ValueError:
        return math.nan


def _plain_number(text: str) -> bool:
    """XPath numbers: optional minus, digits, optional fraction; no exponent, inf or nan."""
    body = text.removeprefix("-")
    return bool(body) and all(c.isdigit() or c == "." for c in body) and body.count(".") <= 1 \
        and body != "."


def java_double_text(value: float) -> str:
    """A number as JavaRosa writes it: a whole number within Java's int range without decimals,
    anything else as Java's Double.toString ("0.557586", "1.23E21", "3.0E9", "1.0E-5")."""
    whole = math.trunc(value) if -2**31 <= value <= 2**31 - 1 else None
    if whole is not None and abs(value - whole) < TOLERANCE:
        return str(whole)
    digits = Decimal(repr(value))
    if 1e-3 <= abs(value) < 1e7:
        text = format(digits, "f")
        return text if "." in text else text + ".0"
    sign, numerals, exponent = digits.as_tuple()
    shown = "".join(map(str, numerals)).rstrip("0") or "0"
    power = exponent + len(numerals) - 1  # type: ignore[operator]
    mantissa = shown[0] + "." + (shown[1:] or "0")
    return f"{'-' if sign else ''}{mantissa}E{power}"


def to_string(value: Any) -> str:
    value = first(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        if abs(value) < TOLERANCE:
            return "0"
        return java_double_text(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_bool(value: Any) -> bool:
    if isinstance(value, NodeSet):  # XPath: a node-set is true when it has a node
        return bool(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return not (value == 0 or math.isnan(value))
    if isinstance(value, (date, datetime)):
        return True
    return value != ""


def to_date(value: Any) -> date | None:
    """A date from a date, datetime, ISO text ("2026-03-01", "2026-03-01T08:00") or day number."""
    value = first(value)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, float) and not math.isnan(value) and not math.isinf(value):
        try:
            return _EPOCH + timedelta(days=math.floor(value))
        except OverflowError:  # beyond year 9999
            return None
    text = str(value).strip()
    if len(text) >= 10:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None
    return None


def to_datetime(value: Any) -> datetime | None:
    """A naive datetime from a datetime, a date (midnight), ISO text or days since 1970."""
    value = first(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else \
            (value - value.utcoffset()).replace(tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, datetime.min.time())
    text = str(value).strip() if isinstance(value, str) else ""
    if len(text) > 10:
        try:
            return to_datetime(datetime.fromisoformat(text))
        except ValueError:
            pass
    d = to_date(value)
    return datetime.combine(d, datetime.min.time()) if d is not None else None


def _is_temporal(value: Any) -> bool:
    return isinstance(value, (date, datetime))


def equal(a: Any, b: Any) -> bool:
    if isinstance(a, NodeSet) or isinstance(b, NodeSet):
        return any(equal(x, y) for x in _nodes(a) for y in _nodes(b))
    if isinstance(a, bool) or isinstance(b, bool):
        return to_bool(a) == to_bool(b)
    if _is_temporal(a) or _is_temporal(b):
        da, db = to_date(a), to_date(b)
        if da is not None and db is not None:
            return da == db
        return to_string(a) == to_string(b)
    if isinstance(a, float) or isinstance(b, float):
        return abs(to_number(a) - to_number(b)) < TOLERANCE
    return to_string(a) == to_string(b)


def compare(op: str, a: Any, b: Any) -> bool:
    """< <= > >=: dates compare as dates, everything else as numbers (NaN compares false)."""
    if isinstance(a, NodeSet) or isinstance(b, NodeSet):
        return any(compare(op, x, y) for x in _nodes(a) for y in _nodes(b))
    if _is_temporal(a) or _is_temporal(b):
        da, db = to_date(a), to_date(b)
        x, y = (to_number(da), to_number(db)) if da and db else (math.nan, math.nan)
    else:
        x, y = to_number(a), to_number(b)
    if op == "<":
        return x < y
    if op == "<=":
        return x <= y
    if op == ">":
        return x > y
    return x >= y


def _nodes(value: Any) -> tuple[Any, ...]:
    return value if isinstance(value, NodeSet) else (value,)


def arithmetic(op: str, a: Any, b: Any) -> float:
    a, b = first(a), first(b)
    if _is_temporal(a) or _is_temporal(b):  # today() - '2026-03-01': days between
        a, b = (to_date(v) or v if isinstance(v, str) else v for v in (a, b))
    x, y = to_number(a), to_number(b)
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    if op == "div":
        if y == 0:
            return math.nan if x == 0 or math.isnan(x) else math.copysign(math.inf, x)
        return x / y
    if y == 0 or math.isinf(x) or math.isnan(y):
        return math.nan
    return math.fmod(x, y)

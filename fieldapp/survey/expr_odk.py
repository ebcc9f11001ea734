"""ODK XForms functions beyond the first subset, with JavaRosa's results (getodk/javarosa,
XPathFuncExpr): strings, checklists, maths, dates. Each takes expression values and returns one.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import random as _random
import uuid as _uuid
from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from .expr_geo import area, distance
from .expr_values import flatten, to_bool, to_datetime, to_number, to_string

_SECONDS_PER_DAY = 86400.0
_DIGEST = {"md5": hashlib.md5, "sha-1": hashlib.sha1, "sha-256": hashlib.sha256,
           "sha-384": hashlib.sha384, "sha-512": hashlib.sha512}


def substring_before(value: Any, sub: Any) -> str:
    s, t = to_string(value), to_string(sub)
    pos = s.find(t)
    return s[:pos] if pos >= 0 else ""


def substring_after(value: Any, sub: Any) -> str:
    s, t = to_string(value), to_string(sub)
    pos = s.find(t)
    return s[pos + len(t):] if pos >= 0 else ""


def translate(value: Any, from_chars: Any, to_chars: Any) -> str:
    """XPath translate: each char of from_chars becomes the char at the same place in to_chars,
    or is removed when to_chars is shorter; the first occurrence in from_chars wins."""
    src, dst = to_string(from_chars), to_string(to_chars)
    table: dict[str, str] = {}
    for i, c in enumerate(src):
        table.setdefault(c, dst[i] if i < len(dst) else "")
    return "".join(table.get(c, c) for c in to_string(value))


def normalize_space(value: Any) -> str:
    return " ".join(to_string(value).split())


def boolean_from_string(value: Any) -> bool:
    s = to_string(value)
    return s.lower() == "true" or s == "1"


def java_int(x: float) -> int:
    """Java's (int) cast of a double: NaN 0, truncated, clamped to the int range."""
    if math.isnan(x):
        return 0
    return int(max(-2**31, min(2**31 - 1, x))) if math.isinf(x) else \
        max(-2**31, min(2**31 - 1, math.trunc(x)))


def checklist(lo: Any, hi: Any, *factors: Any) -> bool:
    """True when the number of true factors is within lo..hi (-1: no bound)."""
    low, high = java_int(to_number(lo)), java_int(to_number(hi))
    count = sum(1 for f in factors if to_bool(f))
    return (low < 0 or count >= low) and (high < 0 or count <= high)


def weighted_checklist(lo: Any, hi: Any, *pairs: Any) -> bool:
    """Pairs of (factor, weight): the weights of the true factors summed, within lo..hi."""
    total = sum(to_number(w) for f, w in zip(pairs[::2], pairs[1::2]) if to_bool(f))
    return to_number(lo) <= total <= to_number(hi)


def _numbers(values: tuple[Any, ...]) -> list[float]:
    return [x for x in (to_number(v) for v in flatten(values)) if not math.isnan(x)]


def max_(*values: Any) -> float:
    """JavaRosa's max: NaN when no argument is a number. JavaRosa starts from Double.MIN_VALUE
    (the smallest positive double), so max of negative numbers only is that tiny number; we keep
    this to show what ODK Collect shows."""
    nums = _numbers(values)
    return max([5e-324, *nums]) if nums else math.nan


def min_(*values: Any) -> float:
    nums = _numbers(values)
    return min(nums) if nums else math.nan


def _math1(fn: Any) -> Any:
    def apply(value: Any) -> float:
        x = to_number(value)
        try:
            return float(fn(x))
        except (ValueError, OverflowError):  # Java returns NaN / Infinity instead of raising
            return _java_math_fallback(fn, x)
    return apply


def _java_math_fallback(fn: Any, x: float) -> float:
    if fn is math.exp:
        return math.inf if x > 0 else 0.0
    if fn in (math.log, math.log10) and x == 0:
        return -math.inf
    return math.nan


def pow_(a: Any, b: Any) -> float:
    x, y = to_number(a), to_number(b)
    try:
        return float(math.pow(x, y))
    except OverflowError:
        return math.inf
    except ValueError:
        return math.inf if x == 0 else math.nan


def exp10(value: Any) -> float:
    return pow_(10.0, value)


def round_(value: Any, digits: Any = 0.0) -> float:
    """Excel-style round as JavaRosa: the decimal text of the number is rounded half away from
    zero for positives, half towards zero for negatives (so round(1.005, 2) = 1.01)."""
    x = to_number(value)
    places = java_int(to_number(digits))
    if math.isnan(x) or math.isinf(x):
        return x
    if abs(places) > 30:
        return math.nan
    if places >= 0:
        mode = ROUND_HALF_DOWN if x < 0 else ROUND_HALF_UP
        try:
            return float(Decimal(repr(x)).quantize(Decimal(1).scaleb(-places), rounding=mode))
        except InvalidOperation:
            return math.nan
    scaled = float(Decimal(repr(x)).scaleb(places))
    return float(Decimal(math.trunc(scaled + 0.5)).scaleb(-places))


def decimal_date_time(value: Any) -> Any:
    """Days since 1970-01-01T00:00 as a decimal ("" stays "", a number stays that number)."""
    if isinstance(value, float):
        return value
    dt = to_datetime(value)
    if dt is None:
        return "" if to_string(value) == "" else math.nan
    return (dt - datetime(1970, 1, 1)).total_seconds() / _SECONDS_PER_DAY


def decimal_time(value: Any) -> Any:
    """The time of day as a fraction of a day ("12:00" or a datetime at noon: 0.5)."""
    if isinstance(value, float):
        return value - math.floor(value) if math.isfinite(value) else value
    t = _time_of(value)
    if t is None:
        return "" if to_string(value) == "" else math.nan
    return (t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6) / _SECONDS_PER_DAY


def _time_of(value: Any) -> time | None:
    """The time of day of a datetime, ISO datetime text or a time ("18:00", "18:00:00")."""
    text = to_string(value).strip()
    if not isinstance(value, datetime) and len(text) >= 5 and text[2:3] == ":":
        try:
            return time.fromisoformat(text[:8])
        except ValueError:
            return None
    dt = to_datetime(value)
    return dt.time() if dt is not None else None


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _date_part(dt: datetime, code: str) -> str | None:
    parts = {
        "Y": f"{dt.year:04d}", "y": f"{dt.year % 100:02d}", "m": f"{dt.month:02d}",
        "n": str(dt.month), "b": _MONTHS[dt.month - 1], "d": f"{dt.day:02d}",
        "e": str(dt.day), "H": f"{dt.hour:02d}", "h": str(dt.hour), "M": f"{dt.minute:02d}",
        "S": f"{dt.second:02d}", "3": f"{dt.microsecond // 1000:03d}",
        "a": _DAYS[dt.weekday()],
    }
    return parts.get(code)


def format_date(value: Any, pattern: Any) -> str:
    """JavaRosa's format-date / format-date-time: %Y %y %m %n %b %d %e %H %h %M %S %3 %a."""
    dt = to_datetime(value)
    if dt is None:
        return ""
    out: list[str] = []
    fmt = to_string(pattern)
    i = 0
    while i < len(fmt):
        if fmt[i] == "%" and i + 1 < len(fmt):
            part = _date_part(dt, fmt[i + 1])
            out.append(part if part is not None else fmt[i + 1])
            i += 2
        else:
            out.append(fmt[i])
            i += 1
    return "".join(out)


def date_time(value: Any) -> Any:
    """A datetime from days since 1970 (decimal) or ISO text; "" when it is not one."""
    if isinstance(value, float):
        try:
            return datetime(1970, 1, 1) + timedelta(days=value) if math.isfinite(value) else ""
        except OverflowError:
            return ""
    dt = to_datetime(value)
    return dt if dt is not None else ""


def join(sep: Any, *values: Any) -> str:
    return to_string(sep).join(to_string(v) for v in flatten(values))


def digest(value: Any, algorithm: Any, encoding: Any = "base64") -> str:
    fn = _DIGEST.get(to_string(algorithm).lower())
    if fn is None:
        return ""
    raw = fn(to_string(value).encode("utf-8")).digest()
    return raw.hex() if to_string(encoding).lower() == "hex" else base64.b64encode(raw).decode()


def base64_decode(value: Any) -> str:
    try:
        return base64.b64decode(to_string(value), validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        return ""


def uuid(length: Any = None) -> str:
    if length is None:
        return str(_uuid.uuid4())
    n = max(0, java_int(to_number(length)))
    text = ""
    while len(text) < n:
        text += _uuid.uuid4().hex
    return text[:n]


MORE_FUNCTIONS: dict[str, tuple[int, int | None, Any]] = {
    "substring-before": (2, 2, substring_before),
    "substring-after": (2, 2, substring_after),
    "translate": (3, 3, translate),
    "normalize-space": (1, 1, normalize_space),
    "boolean-from-string": (1, 1, boolean_from_string),
    "checklist": (2, None, checklist),
    "weighted-checklist": (2, None, weighted_checklist),
    "join": (1, None, join),
    "max": (0, None, max_),  # JavaRosa checks no argument count: max() is NaN
    "min": (0, None, min_),
    "abs": (1, 1, _math1(abs)),
    "sqrt": (1, 1, _math1(math.sqrt)),
    "log": (1, 1, _math1(math.log)),
    "log10": (1, 1, _math1(math.log10)),
    "exp": (1, 1, _math1(math.exp)),
    "exp10": (1, 1, exp10),
    "sin": (1, 1, _math1(math.sin)),
    "cos": (1, 1, _math1(math.cos)),
    "tan": (1, 1, _math1(math.tan)),
    "asin": (1, 1, _math1(math.asin)),
    "acos": (1, 1, _math1(math.acos)),
    "atan": (1, 1, _math1(math.atan)),
    "atan2": (2, 2, lambda a, b: math.atan2(to_number(a), to_number(b))),
    "pow": (2, 2, pow_),
    "pi": (0, 0, lambda: math.pi),
    "round": (1, 2, round_),
    "format-date": (2, 2, format_date),
    "format-date-time": (2, 2, format_date),
    "date-time": (1, 1, date_time),
    "decimal-date-time": (1, 1, decimal_date_time),
    "decimal-time": (1, 1, decimal_time),
    "digest": (2, 3, digest),
    "base64-decode": (1, 1, base64_decode),
    "uuid": (0, 1, uuid),
    "depend": (1, None, lambda first, *_: first),
    "floor": (1, 1, _math1(math.floor)),
    "ceiling": (1, 1, _math1(math.ceil)),
    "random": (0, 0, lambda: _random.random()),
    "area": (1, None, area),
    "distance": (1, None, distance),
}

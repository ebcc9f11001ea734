"""Turn typed-in or imported text into the answer value stored for a field type.

Stored values (JSON): text -> str, integer -> int, decimal -> int or float, select_one -> choice
name, select_multiple -> space-separated choice names (as ODK), date -> "YYYY-MM-DD", datetime ->
"YYYY-MM-DDTHH:MM:SS", time -> "HH:MM:SS", range -> a number, geopoint -> "lat lon [alt [acc]]",
geotrace/geoshape -> "lat lon alt acc;..." (a shape closed), image/audio/video/file ->
attachment sha256,
acknowledge -> "OK". An empty answer is None.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from fieldapp.core.idcard import normalize_text
from fieldapp.core.errors import BadValue
from fieldapp.core.validation import geopoint_said, parse_geopoint

from .errors import AnswerError
from .geotrace import trace_answer
from fieldapp.core.messages import ErrorCode

_ACK = {"ok", "yes", "true", "1", "y", "是", "确认"}
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
_STORED_AS = {"range": "decimal"}  # a range slider stores a number
# Answers that name a stored file by its sha256 (a table cell cannot carry the file itself).
ATTACHMENT_TYPES = ("image", "audio", "video", "file")


def _time(raw: Any) -> str:
    """'8:30' / '08:30:15' / a time cell -> 'HH:MM:SS' (the time of day, as ODK's time type)."""
    if isinstance(raw, (datetime, time)):
        return raw.strftime("%H:%M:%S")
    m = _TIME.fullmatch(normalize_text(raw))
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59 or int(m.group(3) or 0) > 59:
        raise AnswerError(ErrorCode.ANSWER_TIME, value=raw)
    return f"{int(m.group(1)):02d}:{m.group(2)}:{int(m.group(3) or 0):02d}"


def _number_text(raw: Any) -> str:
    return normalize_text(raw).replace(" ", "").replace(",", "")


def _integer(raw: Any, _choices: Sequence[str]) -> int:
    if isinstance(raw, bool):
        raise AnswerError(ErrorCode.ANSWER_INTEGER)
    if isinstance(raw, int):
        return raw
    try:
        x = float(_number_text(raw))
    except ValueError:
        raise AnswerError(ErrorCode.ANSWER_INTEGER_GOT, value=raw) from None
    if not math.isfinite(x) or not x.is_integer():
        raise AnswerError(ErrorCode.ANSWER_INTEGER_GOT, value=raw)
    return int(x)


def _decimal(raw: Any, _choices: Sequence[str]) -> int | float:
    if isinstance(raw, bool):
        raise AnswerError(ErrorCode.ANSWER_NUMBER)
    try:
        x = float(raw if isinstance(raw, (int, float)) else _number_text(raw))
    except ValueError:
        raise AnswerError(ErrorCode.ANSWER_NUMBER_GOT, value=raw) from None
    if not math.isfinite(x):
        raise AnswerError(ErrorCode.ANSWER_NUMBER_GOT, value=raw)
    return int(x) if x.is_integer() and abs(x) < 2**53 else x


def _select_one(raw: Any, choices: Sequence[str]) -> str:
    value = normalize_text(raw)
    if choices and value not in choices:
        raise AnswerError(ErrorCode.ANSWER_NOT_A_CHOICE, value=value)
    return value


def _select_multiple(raw: Any, choices: Sequence[str]) -> str | None:
    picked = normalize_text(raw).split() if isinstance(raw, str) else [str(v) for v in raw]
    unknown = [v for v in picked if choices and v not in choices]
    if unknown:
        raise AnswerError(ErrorCode.ANSWER_NOT_A_CHOICE, value=" ".join(unknown))
    order = list(choices) or picked
    ordered = sorted(set(picked), key=lambda v: order.index(v) if v in order else len(order))
    return " ".join(ordered) or None


def _date(raw: Any, _choices: Sequence[str]) -> str:
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    text = normalize_text(raw).replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat(text[:10] if len(text) > 10 else text).isoformat()
    except ValueError:
        raise AnswerError(ErrorCode.ANSWER_DATE, value=raw) from None


def _datetime(raw: Any, _choices: Sequence[str]) -> str:
    if isinstance(raw, datetime):
        return raw.replace(microsecond=0).isoformat()
    try:
        return datetime.fromisoformat(normalize_text(raw)).isoformat(timespec="seconds")
    except ValueError:
        raise AnswerError(ErrorCode.ANSWER_DATETIME, value=raw) from None


def _geopoint(raw: Any, _choices: Sequence[str]) -> str:
    text = normalize_text(raw)
    problem = geopoint_said(text)
    if problem:
        raise AnswerError(problem.entry, **problem.params)
    lat, lon, alt, acc = parse_geopoint(text)
    parts = [lat, lon] + ([alt if alt is not None else 0.0, acc] if acc is not None
                          else [alt] if alt is not None else [])
    return " ".join(f"{p:.7f}".rstrip("0").rstrip(".") for p in parts)


def _trace(closed: bool):
    def step(raw: Any, _choices: Sequence[str]) -> str:
        try:
            return trace_answer(normalize_text(raw), closed)
        except BadValue as exc:
            raise AnswerError(exc.entry, **exc.params) from None
    return step


def _acknowledge(raw: Any, _choices: Sequence[str]) -> str | None:
    if raw is True or normalize_text(raw).lower() in _ACK:
        return "OK"
    if raw is False or normalize_text(raw).lower() in ("no", "false", "0", "否"):
        return None
    raise AnswerError(ErrorCode.ANSWER_ACKNOWLEDGE, value=raw)


# One step per stored type; any other type keeps its text.
_COERCE = {"time": lambda raw, _c: _time(raw), "integer": _integer, "decimal": _decimal,
           "select_one": _select_one, "select_multiple": _select_multiple, "date": _date,
           "datetime": _datetime, "geopoint": _geopoint, "acknowledge": _acknowledge,
           "geotrace": _trace(closed=False), "geoshape": _trace(closed=True)}


def coerce_answer(field_type: str, raw: Any, choice_names: Sequence[str] = ()) -> Any:
    """The stored value for `raw`, or None when empty; AnswerError (Chinese) when it does not fit."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    field_type = _STORED_AS.get(field_type, field_type)
    step = _COERCE.get(field_type)
    if step is not None:
        return step(raw, choice_names)
    return normalize_text(raw) if field_type in ATTACHMENT_TYPES else str(raw).strip()

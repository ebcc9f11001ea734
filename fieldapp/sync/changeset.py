"""Change records as they travel in bundles, and the per-field view of a record used by merge.

A change is a row of the `changes` table. Its version is "device:counter". Field names are the
synced columns, "answers.<key>" for one answer of a JSON column, and "deleted" for tombstones.
"""

from __future__ import annotations

import json
import math
import re
import sys
from itertools import chain, compress, repeat
from operator import is_
from typing import Any, NoReturn

import orjson

from fieldapp.core.clock import HLC_RE, valid_hlc
from fieldapp.core.jsonguard import MAX_DEPTH, deeper_than
from fieldapp.core.messages import ErrorCode
from fieldapp.store.schema import JSON_FIELDS, NUMBER_FIELDS, SYNCED_FIELDS
from fieldapp.store.sync_log.change_json import _dumps, _dumps_flat
from fieldapp.store.sync_log.change_record import CHANGE_COLUMNS, Change, _obj, _text  # noqa: F401

from .errors import BundleRejected

OPS = ("insert", "update", "delete")
_DEVICE = re.compile(r"[A-Za-z0-9_.\-]{1,64}")
_GOOD_DEVICES: set[str] = set()
_HLCS = re.compile(f"(?:{HLC_RE.pattern}\n)*")  # stamps, each followed by a newline


def _good_device(device: str) -> bool:
    if _DEVICE.fullmatch(device) is None:
        return False
    if len(_GOOD_DEVICES) < 10_000:
        _GOOD_DEVICES.add(device)
    return True


def bundle_form(row: tuple) -> list:
    """A `changes` row as it travels: its JSON columns as objects (parsed once on arrival)."""
    return [*row[:6], *(None if v is None else json.loads(v) for v in row[6:9]), *row[9:]]


def changes_from_lists(items: list, where: str) -> list[Change]:
    """Every change of a bundle, validated as change_from_list does one by one, in order (the
    first bad one is the one refused). The stamps are checked all at once: one regular
    expression over all of them when each is text."""
    hlcs = [item[2] if item.__class__ is list and len(item) > 2 else None for item in items]
    if all(h.__class__ is str and "\n" not in h for h in hlcs) and _HLCS.fullmatch(
            "".join(h + "\n" for h in hlcs)):
        return [change_from_list(item, where, hlc_checked=True) for item in items]
    return [change_from_list(item, where) for item in items]


def change_from_list(item: Any, where: str, *, hlc_checked: bool = False) -> Change:
    """A change from its bundle form (a JSON list in CHANGE_COLUMNS order), validated
    (hlc_checked: its stamp is known to be well formed)."""
    if not isinstance(item, list) or len(item) != len(CHANGE_COLUMNS):
        raise BundleRejected(ErrorCode.CHANGE_FORMAT, where=where)
    c = Change(*item)
    ok = (isinstance(c.device_id, str)
          and (c.device_id in _GOOD_DEVICES or _good_device(c.device_id))
          and isinstance(c.counter, int) and not isinstance(c.counter, bool) and c.counter > 0
          and (hlc_checked or valid_hlc(c.hlc)) and isinstance(c.record_uuid, str)
          and c.record_uuid
          and isinstance(c.tbl, str) and isinstance(c.op, str) and c.op in OPS
          and isinstance(c.data, dict) and isinstance(c.at, str)
          and (c.old is None or isinstance(c.old, dict))
          and (c.base is None or isinstance(c.base, dict))
          and (c.user is None or isinstance(c.user, str)))
    if not ok:
        raise BundleRejected(ErrorCode.CHANGE_FORMAT_AT, device=c.device_id, counter=c.counter,
                             where=where)
    fields = SYNCED_FIELDS.get(c.tbl)
    if fields is None:
        raise BundleRejected(ErrorCode.CHANGE_UNKNOWN_TABLE, table=c.tbl, where=where)
    values = c.values()
    if c.base and not all(isinstance(v, str) for v in c.base.values()):
        raise BundleRejected(ErrorCode.CHANGE_DATA_FORMAT, version=c.version, where=where)
    if not (c.op == "insert" and _INSERTABLE[c.tbl].issuperset(values)):
        for name in values:
            if not field_allowed(c.tbl, name, c.op):
                raise BundleRejected(ErrorCode.CHANGE_UNKNOWN_FIELD, table=c.tbl, field=name,
                                     where=where)
    _check_logged(c, where)
    _check_text(c, values, where)
    for name, v in values.items():
        cls = v.__class__
        if cls is str or v is None:  # fits every field, holds no number
            continue
        if (cls is float or cls is int) and name in _PLAIN_NUMBER_FIELDS:
            if cls is int and name not in _RANGE or abs(v) <= _RANGE.get(name, _FINITE):
                continue  # a finite number in range (NaN and infinities fail the comparison)
            raise BundleRejected(ErrorCode.BUNDLE_BAD_NUMBER, where=where, version=c.version,
                                 field=f"{c.tbl}.{name}", value=repr(v)[:40])
        _check_depth(c, (v,), where)
        if not _value_ok(name, v):
            raise BundleRejected(ErrorCode.CHANGE_VALUE_TYPE, table=c.tbl, field=name,
                                 version=c.version, where=where)
        if not _number_ok(name, v):
            raise BundleRejected(ErrorCode.BUNDLE_BAD_NUMBER, where=where, version=c.version,
                                 field=f"{c.tbl}.{name}", value=repr(v)[:40])
    return c


def _check_depth(c: Change, values, where: str) -> None:
    """changes.json is read without a nesting bound (jsonguard.loads_walked): the values that
    hold lists or objects are bounded here, below the list of changes, a change and its data."""
    if _deeper(list(values), MAX_DEPTH - 3):
        _too_deep(where)


def _deeper(level: list, limit: int) -> bool:
    """Whether lists and objects among `level` nest more than `limit` deep ([] is 1): walked a
    level at a time, each in C-speed passes (no recursion, no Python step per value)."""
    for _ in range(limit + 1):
        kinds = list(map(type, level))
        lists = list(compress(level, map(is_, kinds, repeat(list))))
        dicts = list(compress(level, map(is_, kinds, repeat(dict))))
        if not lists and not dicts:
            return False
        level = list(chain(chain.from_iterable(lists), *map(dict.values, dicts)))
    return True


def _check_text(c: Change, values: dict[str, Any], where: str) -> None:
    """Text where the database wants a document or a number: an insert's answers must be a
    JSON object (kept parsed on the change), a number column's text a number in range."""
    if c.op == "insert" and values.get("answers").__class__ is str:
        c.doc = _document(c, "answers", values["answers"], where)
    for name in NUMBER_FIELDS.get(c.tbl, ()):
        v = values.get(name)
        if v.__class__ is str and not _number_text(name, v):
            raise BundleRejected(ErrorCode.BUNDLE_BAD_NUMBER, where=where, version=c.version,
                                 field=f"{c.tbl}.{name}", value=repr(v)[:40])


def _document(c: Change, name: str, text: str, where: str) -> dict[str, Any]:
    """A whole JSON document sent as text (a visit's answers, as laptops send them): the merge,
    the status, the sheets and reports all read it as an object, so it must parse to one,
    within the nesting of any JSON we read (64 levels). Returns it parsed, so that nothing
    after this parses it again."""
    brackets = text.count("[") + text.count("{")
    try:
        doc = orjson.loads(text)
    except orjson.JSONDecodeError:  # not JSON (NaN, a lone surrogate...) or over 1,024 levels
        if brackets > MAX_DEPTH and deeper_than(text.encode("utf-8", "surrogatepass"),
                                                MAX_DEPTH):
            _too_deep(where)
        doc = None
    if doc.__class__ is not dict:
        raise BundleRejected(ErrorCode.CHANGE_VALUE_TYPE, table=c.tbl, field=name,
                             version=c.version, where=where)
    if brackets > MAX_DEPTH and _deeper(list(doc.values()), MAX_DEPTH - 1):
        _too_deep(where)
    return doc


def _too_deep(where: str) -> NoReturn:
    raise BundleRejected(ErrorCode.JSON_TOO_DEEP, member="changes.json", limit=MAX_DEPTH,
                         where=where)


def _check_logged(c: Change, where: str) -> None:
    """What is logged as sent: the old values (as JSON: no NaN or infinity there either) and a
    delete's data, which is not read otherwise."""
    if c.op == "delete" and c.data:
        _check_depth(c, c.data.values(), where)
    if not c.old:
        return
    _check_depth(c, c.old.values(), where)
    for name, v in c.old.items():
        if v.__class__ is not str and not _number_ok("", v):
            raise BundleRejected(ErrorCode.BUNDLE_BAD_NUMBER, where=where, version=c.version,
                                 field=f"{c.tbl}.{name}", value=repr(v)[:40])


_RANGE = {"lon": 180.0, "lat": 90.0, "outside_confirmed_m": 1_000_000.0}
# A number as SQLite reads one from text into an INTEGER or REAL column (it stores the number)
_NUMBER_TEXT = re.compile(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*", re.ASCII)


def _number_text(name: str, v: str) -> bool:
    """Text in a number column is what a laptop never writes: only a finite number in range,
    as SQLite would store it, passes; other text ("abc") would stay text there and stop the
    map and its exports, which read coordinates as numbers."""
    return len(v) <= 40 and _NUMBER_TEXT.fullmatch(v) is not None and _number_ok(name, float(v))


def _number_ok(name: str, v: Any) -> bool:
    """No NaN or infinity anywhere in a value (JSON columns included: walked without
    recursion), and coordinates within longitude and latitude."""
    if isinstance(v, float):
        return math.isfinite(v) and abs(v) <= _RANGE.get(name, math.inf)
    if name in _RANGE and isinstance(v, int):
        return abs(v) <= _RANGE[name]
    stack = [v]
    while stack:
        item = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            return False
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


_INSERTABLE = {t: frozenset(f) for t, f in SYNCED_FIELDS.items()}
# Columns the merge reads as text (codes, keys, names): anything else there is refused.
_TEXT = frozenset({"code", "parent_code", "village_code", "township_code", "area_code",
                   "household_uuid", "head_name", "sha256", "form_id", "form_version", "state",
                   "merged_into"})
_SCALAR = (str, int, float)


# Columns where any finite number is a value (not text, not a whole JSON document): a number
# there is judged by _number_ok alone.
_PLAIN_NUMBER_FIELDS = frozenset(
    f for fields in SYNCED_FIELDS.values() for f in fields
    if f not in _TEXT and f not in JSON_FIELDS)
_FINITE = sys.float_info.max
_PLAIN = frozenset({str, type(None)})
_PLAIN_OR_NUMBER = _PLAIN | {int, float}
_TEXT_OR_JSON = _TEXT | JSON_FIELDS


def _values_ok(values: dict[str, Any]) -> bool:
    """Every value of a change has the type its field allows (what _value_ok says of each),
    judged by the set of their types first: text and nulls fit every field; numbers (never
    bool: its class is not int) fit every field but the text and whole-JSON columns."""
    kinds = {v.__class__ for v in values.values()}
    if kinds <= _PLAIN:
        return True
    if kinds <= _PLAIN_OR_NUMBER:
        return all(values[n].__class__ in _PLAIN for n in _TEXT_OR_JSON.intersection(values))
    return all(_value_ok(n, v) for n, v in values.items())


def _value_ok(name: str, v: Any) -> bool:
    if v is None:
        return True
    if name in _TEXT:
        return isinstance(v, str)
    head, dot, _key = name.partition(".")
    if head in JSON_FIELDS:
        return True if dot else isinstance(v, (dict, str))
    if isinstance(v, dict):
        return set(v) == {"$b64"} and isinstance(v["$b64"], str)
    return isinstance(v, _SCALAR) and not isinstance(v, bool)


def field_allowed(tbl: str, name: str, op: str) -> bool:
    fields = SYNCED_FIELDS[tbl]
    if op == "delete":
        return name == "deleted"
    if name == "deleted":  # a retired attachment named again (store/sync_log/attachment_use.py)
        return op == "update" and tbl == "attachments"
    if name in fields:
        return op == "insert" or name not in JSON_FIELDS
    head, _, key = name.partition(".")
    return op == "update" and head in JSON_FIELDS and head in fields and bool(key)


def local_version(clock: dict[str, str], name: str) -> str:
    """The version of one field, falling back to its JSON column, then the insert version."""
    if name in clock:
        return clock[name]
    head = name.split(".", 1)[0]
    return clock.get(head, clock.get("*", ""))


def same(a: Any, b: Any) -> bool:
    """Equal as stored values (SQLite may have turned "3" into 3)."""
    if a == b:
        return True
    if a is None or b is None or isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        return False
    return str(a) == str(b)


class WorkingRow:
    """One record during planning: its columns, parsed clock and parsed JSON columns."""

    __slots__ = ("clock", "dirty", "docs", "is_new", "orig", "row", "tbl", "village")

    def __init__(self, tbl: str, row: dict[str, Any], *, is_new: bool,
                 clock: dict[str, str] | None = None):
        self.tbl = tbl
        self.row = row
        self.clock: dict[str, str] = clock if clock is not None else json.loads(row["clock"])
        self.docs: dict[str, dict] = {}
        self.is_new = is_new
        self.dirty = is_new
        self.village: str | None = None  # cached by the planner; reset when a field changes
        self.orig = None if is_new else {f: row.get(f) for f in SYNCED_FIELDS[tbl]} | {
            "deleted": row.get("deleted", 0)}

    def _doc(self, head: str) -> dict:
        if head not in self.docs:
            raw = self.row.get(head)
            self.docs[head] = json.loads(raw) if isinstance(raw, str) and raw else {}
        return self.docs[head]

    def get(self, name: str) -> Any:
        head, dot, key = name.partition(".")
        if dot and head in JSON_FIELDS:
            return self._doc(head).get(key)
        return self.row.get(name)

    def set(self, name: str, value: Any) -> None:
        head, dot, key = name.partition(".")
        if dot and head in JSON_FIELDS:
            doc = self._doc(head)
            if value is None:
                doc.pop(key, None)
            else:
                doc[key] = value
        else:
            self.row[name] = value
        self.dirty = True
        self.village = None

    def finish(self) -> dict[str, Any]:
        """The row as it will be written."""
        for head, doc in self.docs.items():
            self.row[head] = _dumps(doc)
        if not (self.is_new and len(self.clock) == 1):  # a new row's {"*": v} is already text
            self.row["clock"] = _dumps_flat(self.clock)
        return self.row

    def changed(self) -> bool:
        if self.is_new or self.orig is None:
            return True
        self.finish()
        return any(not same(self.orig[f], self.row.get(f)) for f in self.orig)

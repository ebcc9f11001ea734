"""JSON from files that travel (bundle headers and members, GeoJSON), parsed within a nesting
depth: a document of a million nested brackets is refused with a message naming the file and
member instead of raising RecursionError from deep inside the parser. docs/limits.md."""

from __future__ import annotations

import json
from itertools import accumulate
from typing import Any

import orjson

from .errors import FieldappError
from .messages import ErrorCode, Words

MAX_DEPTH = 64
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'[]{}"')
_AS_BRACKETS = bytes.maketrans(b"{}", b"[]")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


class TooDeep(FieldappError):
    code = "too_deep"


def _brackets(raw: bytes) -> bytes:
    """The brackets of a JSON text outside its strings, in C-speed steps: drop escaped
    backslashes and quotes, keep only quotes and brackets, drop adjacent quote pairs (an empty
    string, or two strings with no bracket between them: most strings), then what lies between
    the quotes left."""
    plain = raw.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, _NOT_STRUCTURE)
    return b"".join(plain.replace(b'""', b"").split(b'"')[::2])


def depth(raw: bytes) -> int:
    """The deepest nesting of arrays and objects in a JSON text (strings skipped), computed
    without recursion: the running sum of its brackets."""
    return max(accumulate(map(_STEP.__getitem__, _brackets(raw))), default=0)


def deeper_than(raw: bytes, limit: int) -> bool:
    """depth(raw) > limit, in one C-speed pass per level instead of a Python step per bracket:
    each pass removes the innermost pairs ("[]" once braces read as brackets), so a balanced
    text is empty after exactly depth(raw) passes. An unbalanced one (json.loads refuses it
    anyway) is measured by depth()."""
    rest = _brackets(raw).translate(_AS_BRACKETS)
    for _ in range(limit + 1):
        if not rest:
            return False
        peeled = rest.replace(b"[]", b"")
        if len(peeled) == len(rest):
            return depth(raw) > limit
        rest = peeled
    return not rest or depth(raw) > limit  # emptied by the last pass: depth is limit + 1


def loads(raw: bytes | str, *, member: str | Words, where: str | None = None,
          max_depth: int = MAX_DEPTH) -> Any:
    """json.loads of a text (bytes: strict UTF-8), refusing deeper nesting than `max_depth`
    first (TooDeep). Other errors are the caller's (ValueError, UnicodeDecodeError)."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    if data.count(b"[") + data.count(b"{") > max_depth and deeper_than(data, max_depth):
        raise TooDeep(ErrorCode.JSON_TOO_DEEP, where=where, member=member, limit=max_depth)
    try:
        return json.loads(text)
    except RecursionError:  # pragma: no cover - refused above; kept as a last line
        raise TooDeep(ErrorCode.JSON_TOO_DEEP, where=where, member=member,
                      limit=max_depth) from None


def loads_walked(raw: bytes, *, member: str | Words, where: str | None = None) -> Any:
    """The document of a big member whose reader walks every nested value anyway and bounds its
    depth there (sync/changeset.py for changes.json): parsed by orjson (about twice as fast as
    json.loads), which itself refuses nesting deeper than 1,024. Whatever orjson refuses (NaN,
    lone surrogates, broken or deeper text) is read by loads() above, so the verdict on it is
    json's, as for every other member. orjson reads an integer beyond 64 bits as a float."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return loads(raw, member=member, where=where)


def stored(text: str | bytes) -> Any:
    """json.loads of JSON this database holds (answers documents, already checked on their way
    in), by orjson when it can: what orjson refuses (NaN, lone surrogates) is json's to read."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)

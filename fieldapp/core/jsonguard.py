"""JSON from files that travel (bundle headers and members, GeoJSON), parsed within a nesting
depth: a document of a million nested brackets is refused with a message naming the file and
member instead of raising RecursionError from deep inside the parser. docs/limits.md."""

from __future__ import annotations

import json
from itertools import accumulate
from typing import Any

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

"""The heads of one field: the versions no other known change has built on.

Each change of a field names the version it overwrote (`base`), so the changes of a field form a
graph; its heads are what a merge must reconcile. One head: the field's value. Several heads
with one value: the edits agree. Several heads with different values: a conflict — the latest
head (by HLC) holds the field, every other differing head is an open conflict record. Because
this depends only on the set of changes, any merge order gives the same result. Conflicts that
the county resolved are no longer heads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .changeset import Change


def touches(ch: Change, name: str) -> bool:
    if ch.op == "insert":
        return True
    if ch.op == "delete":
        return name == "deleted"
    return name in ch.values()


def field_heads(history: Iterable[Change], name: str, resolved: set[str]) -> list[Change]:
    """A change supersedes the version it names as base, and every earlier change of the same
    device (a device knows its own history)."""
    touched, parents = [], set()
    newest: dict[str, int] = {}
    for ch in history:
        if touches(ch, name):
            touched.append(ch)
            newest[ch.device_id] = max(newest.get(ch.device_id, 0), ch.counter)
            if ch.op != "insert":
                base = ch.bases().get(name)
                if base:
                    parents.add(base)
    return [ch for ch in touched if ch.version not in parents and ch.version not in resolved
            and ch.counter == newest[ch.device_id]]


def head_value(ch: Change, name: str) -> Any:
    if ch.op == "delete":
        return 1
    values = ch.values()
    if name in values:
        return values[name]
    head, dot, key = name.partition(".")
    if dot and isinstance(values.get(head), str):  # an insert's whole JSON column
        import json

        return json.loads(values[head] or "{}").get(key)
    return values.get(head) if dot and isinstance(values.get(head), dict) else None


def latest(heads: list[Change]) -> Change:
    return max(heads, key=lambda h: (h.hlc, h.device_id, h.counter))

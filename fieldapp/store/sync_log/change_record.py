"""A row of the `changes` table (the change log) as an object: what the store writes and reads
back, and what sync carries in bundles (fieldapp.sync.changeset validates bundle rows into these).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

CHANGE_COLUMNS = ("device_id", "counter", "hlc", "tbl", "record_uuid", "op", "data", "old",
                  "base", "user", "at")


@dataclass(slots=True)
class Change:
    device_id: str
    counter: int
    hlc: str
    tbl: str
    record_uuid: str
    op: str
    data: Any  # JSON text (from the database) or the parsed object (from a bundle)
    old: Any
    base: Any
    user: str | None
    at: str
    _values: dict[str, Any] | None = None
    doc: dict[str, Any] | None = None  # an insert's answers text, parsed when it was checked

    @property
    def version(self) -> str:
        return f"{self.device_id}:{self.counter}"

    def as_row(self) -> tuple:
        """The row for the `changes` table (JSON columns as text)."""
        return (self.device_id, self.counter, self.hlc, self.tbl, self.record_uuid, self.op,
                _text(self.data), _text(self.old), _text(self.base), self.user, self.at)

    def log_row(self) -> tuple:
        """The row for the local change log: an insert's values are the record itself, so its
        data is logged as "{}" (see docs/data-model.md)."""
        if self.op == "insert":
            return (self.device_id, self.counter, self.hlc, self.tbl, self.record_uuid, self.op,
                    "{}", None, None, self.user, self.at)
        return self.as_row()

    def values(self) -> dict[str, Any]:
        """Field -> new value ("deleted" -> 1 for a delete)."""
        if self._values is None:
            self._values = ({"deleted": 1} if self.op == "delete" else
                            self.data if isinstance(self.data, dict) else json.loads(self.data))
        return self._values

    def olds(self) -> dict[str, Any]:
        return _obj(self.old)

    def bases(self) -> dict[str, str]:
        return _obj(self.base)


def _obj(value: Any) -> dict[str, Any]:
    if not value:
        return {}
    return value if isinstance(value, dict) else json.loads(value)


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

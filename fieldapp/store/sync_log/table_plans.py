"""What the change writer knows about each synced table (fields, defaults, JSON fields, key column),
worked out once, and inserting many rows a statement."""

from __future__ import annotations

from itertools import chain
from typing import Any

from fieldapp.core.messages import ErrorCode
from fieldapp.store import errors as E
from fieldapp.store.schema import JSON_FIELDS, SYNCED_FIELDS

DEFAULTS: dict[str, dict[str, Any]] = {
    "households": {"source": "register"},
    "visits": {"state": "draft", "answers": {}},
    "public_places": {"state": "draft", "answers": {}},
}


class _TablePlan:
    """What `_prepare` needs to know about a synced table, worked out once."""

    def __init__(self, table: str):
        fields = SYNCED_FIELDS.get(table)
        if fields is None:
            raise E.StoreError(ErrorCode.SYNC_TABLE, table=table)
        self.fields = fields
        self.allowed = frozenset(fields) | {"uuid"}
        self.defaults = tuple(DEFAULTS.get(table, {}).items())
        self.json_fields = tuple(f for f in fields if f in JSON_FIELDS)


_PLANS: dict[str, _TablePlan] = {}


def _plan(table: str) -> _TablePlan:
    plan = _PLANS.get(table)
    if plan is None:
        plan = _PLANS[table] = _TablePlan(table)
    return plan


_DERIVED_KEYS = frozenset({"areas", "attachments"})  # keyed by code / content, uuid derived


def _key(table: str) -> str:
    return "code" if table == "areas" else "sha256" if table == "attachments" else "uuid"


_ROWS_A_STATEMENT = 256


def insert_rows(store, head: str, rows: list) -> None:
    """`head VALUES (?, ...)` for every row, in order, as executemany would insert them, but
    many rows a statement: one statement a row costs twice as much on tables like `changes`,
    whose AUTOINCREMENT key rewrites sqlite_sequence at the end of every statement."""
    conn = store.conn
    if not rows:
        return
    one = "(" + ", ".join("?" * len(rows[0])) + ")"
    n = _ROWS_A_STATEMENT
    for start in range(0, len(rows), n):
        part = rows[start:start + n]
        conn.execute(f"{head} VALUES {', '.join([one] * len(part))}",
                     list(chain.from_iterable(part)))


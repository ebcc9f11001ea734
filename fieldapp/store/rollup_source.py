"""What a county database sends to the city/province roll-up (fieldapp.rollup): the records changed
since a change-log position, read in batches, and the derived household status of every household.

Read-only; the roll-up keeps its own position (the last pushed change-log `seq`) on the server.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

# Tables the roll-up mirrors and the columns it reads of each (never id_hash, id_full, phone:
# personal data beyond the masked ID number and the head's name stays in the county).
ROLLUP_COLUMNS: dict[str, tuple[str, ...]] = {
    "areas": ("code", "name", "level", "parent_code", "boundary", "deleted"),
    "households": ("uuid", "village_code", "group_no", "head_name", "size", "id_masked", "lon",
                   "lat", "source", "merged_into", "status", "status_reason", "persons",
                   "last_visit_at", "deleted"),
    "visits": ("uuid", "household_uuid", "form_id", "form_version", "answers", "state",
               "surveyor", "started_at", "ended_at", "deleted"),
    "work_orders": ("uuid", "household_uuid", "kind", "operator", "due_date", "state",
                    "opened_at", "done_at", "verified_at", "deleted"),
    "spot_checks": ("uuid", "area_code", "method", "amount", "population", "drawn_at",
                    "deleted"),
    "spot_check_items": ("uuid", "check_uuid", "household_uuid", "village_code", "outcome",
                         "checked_at", "deleted"),
}
_KEY = {"areas": "code"}


def key_of(table: str) -> str:
    return _KEY.get(table, "uuid")


def last_seq(store) -> int:
    """The newest change-log position of this database (0 when it has none)."""
    return store.conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0]


def row_count(store, tables: Sequence[str]) -> int:
    """How many rows the mirrored tables hold together (for progress)."""
    return sum(store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
               for t in tables if t in ROLLUP_COLUMNS)


def changed_keys(store, after: int, upto: int) -> dict[str, list[str]]:
    """Keys of the mirrored records changed in (after, upto], per table."""
    rows = store.conn.execute(
        "SELECT DISTINCT tbl, record_uuid FROM changes WHERE seq > ? AND seq <= ?",
        (after, upto)).fetchall()
    out: dict[str, list[str]] = {}
    for tbl, key in rows:
        if tbl in ROLLUP_COLUMNS:
            out.setdefault(tbl, []).append(key)
    return out


def batch_bounds(store, after: int, size: int) -> Iterator[int]:
    """Change-log positions that end successive batches of about `size` changes after `after`."""
    upto = last_seq(store)
    pos = after
    while pos < upto:
        row = store.conn.execute(
            "SELECT seq FROM changes WHERE seq > ? ORDER BY seq LIMIT 1 OFFSET ?",
            (pos, size - 1)).fetchone()
        pos = row[0] if row else upto
        yield pos


def records(store, table: str, keys: Sequence[str] | None = None) -> Iterator[tuple[Any, ...]]:
    """Rows of `table` (columns as ROLLUP_COLUMNS) for the given keys, or all rows."""
    cols = ", ".join(ROLLUP_COLUMNS[table])
    key = key_of(table)
    if keys is None:
        yield from store.conn.execute(f"SELECT {cols} FROM {table}")
        return
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        marks = ",".join("?" * len(chunk))
        yield from store.conn.execute(
            f"SELECT {cols} FROM {table} WHERE {key} IN ({marks})", chunk)


def records_after(store, table: str, after: str, limit: int) -> list[tuple[Any, ...]]:
    """Up to `limit` rows of `table` whose key sorts after `after`, in key order (the initial
    load pages through a county this way, so that it can resume where it stopped)."""
    cols = ", ".join(ROLLUP_COLUMNS[table])
    key = key_of(table)
    return store.conn.execute(
        f"SELECT {cols} FROM {table} WHERE {key} > ? ORDER BY {key} LIMIT ?",
        (after, limit)).fetchall()


def household_statuses(store) -> Iterator[tuple[str, str, str, int]]:
    """(uuid, status, status_reason, persons) of every household: these are derived (a rule change
    or a re-derivation recomputes them without a change-log row), so the roll-up compares them in
    full on each push."""
    yield from store.conn.execute("SELECT uuid, status, status_reason, persons FROM households")


def county(store) -> tuple[str, str]:
    """(code, name) of this database's county."""
    code = store.setting("county_code") or ""
    row = store.conn.execute("SELECT name FROM areas WHERE code = ?", (code,)).fetchone()
    return code, (row[0] if row else store.setting("county_name") or code)

"""The import log, and undoing an import.

Every register or paper-visit import writes one line to `import_log` in its own transaction,
with the range of this device's change counters it used. Undoing it goes back through exactly
those logged changes: records it inserted are deleted (a household loses the ID number it
brought, so a corrected file can bring it again), fields it changed get their old values back.
Anything changed since by someone else stays as it is and is reported — per field, from the
record's field versions (`clock`) — as do households that already have visits or work orders.
The undo is itself a change-logged transaction, so it syncs like any edit.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from fieldapp.core.gc_pause import gc_paused
from fieldapp.core.messages import ErrorCode, Said
from fieldapp.core.progress import Cancelled

from fieldapp.store import errors as E
from fieldapp.store.deferred_indexes import deferred_indexes

_COLS = ("id", "kind", "file", "user", "at", "added", "updated", "unchanged", "rejected",
         "device_id", "first_counter", "last_counter", "undone_at")


@dataclass
class ImportRecord:
    id: int
    kind: str  # register / visits
    file: str
    user: str
    at: str
    added: int
    updated: int
    unchanged: int
    rejected: int
    device_id: str | None
    first_counter: int | None
    last_counter: int | None
    undone_at: str | None

    @property
    def undoable(self) -> bool:
        return self.undone_at is None and self.first_counter is not None \
            and self.last_counter is not None and self.last_counter >= self.first_counter


@dataclass
class UndoPlan:
    record: ImportRecord
    deletes: list[tuple[str, str]] = field(default_factory=list)  # (table, uuid)
    reverts: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    kept: list[tuple[str, str, Said]] = field(default_factory=list)  # (table, uuid, why)

    def counts(self) -> dict[str, int]:
        return {"deleted": len(self.deletes), "reverted": len(self.reverts),
                "kept": len(self.kept)}


def log_import(w, kind: str, file: str, first_counter: int, *, sha256: str | None = None,
               added: int = 0, updated: int = 0, unchanged: int = 0, rejected: int = 0,
               warnings: int = 0) -> int:
    """The import's line, written inside its transaction `w` (a ChangeWriter) at its end;
    first_counter is w.counter + 1 as it was before the import's first change."""
    cur = w.conn.execute(
        "INSERT INTO import_log(kind, file, sha256, user, at, added, updated, unchanged,"
        " rejected, warnings, device_id, first_counter, last_counter)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (kind, file, sha256, w.user, w.at, added, updated, unchanged, rejected, warnings,
         w.device, first_counter, w.counter))
    return cur.lastrowid


def import_history(store) -> list[ImportRecord]:
    """Every import into this database, newest first."""
    return [ImportRecord(*r) for r in store.conn.execute(
        f"SELECT {', '.join(_COLS)} FROM import_log ORDER BY id DESC")]


def _record(conn, import_id: int) -> ImportRecord:
    row = conn.execute(f"SELECT {', '.join(_COLS)} FROM import_log WHERE id = ?",
                       (import_id,)).fetchone()
    if row is None:
        raise E.StoreError(ErrorCode.IMPORT_NOT_FOUND, number=import_id)
    rec = ImportRecord(*row)
    if rec.undone_at:
        raise E.StoreError(ErrorCode.IMPORT_UNDONE, number=import_id, when=rec.undone_at[:16])
    if rec.first_counter is None:
        raise E.StoreError(ErrorCode.IMPORT_TOO_OLD, number=import_id)
    return rec


def plan_undo(store, import_id: int) -> UndoPlan:
    """What undoing an import would do now (nothing is written)."""
    conn = store.conn
    plan = UndoPlan(_record(conn, import_id))
    rec = plan.record
    changes = conn.execute(
        "SELECT tbl, record_uuid, op, counter, old FROM changes"
        " WHERE device_id = ? AND counter BETWEEN ? AND ? ORDER BY counter",
        (rec.device_id, rec.first_counter, rec.last_counter)).fetchall()
    current = _current(conn, changes)
    in_use = _in_use(conn, [u for t, u, op, _c, _o in changes
                            if t == "households" and op == "insert"])
    for tbl, uuid, op, counter, old in changes:
        cur = current[tbl].get(uuid)
        if cur is None or cur[2]:
            continue  # gone already
        if op == "insert":
            if (cur[0], cur[1]) != (rec.device_id, counter):
                plan.kept.append((tbl, uuid, Said(ErrorCode.KEPT_CHANGED)))
            elif tbl == "households" and (reason := in_use.get(uuid)):
                plan.kept.append((tbl, uuid, reason))
            else:
                plan.deletes.append((tbl, uuid))
        elif op == "update":
            _plan_revert(plan, tbl, uuid, json.loads(cur[3]), old, f"{rec.device_id}:{counter}")
    return plan


def _plan_revert(plan: UndoPlan, tbl: str, uuid: str, clock: dict, old: str | None,
                 version: str) -> None:
    values: dict[str, Any] = {}
    later = False
    for name, value in json.loads(old or "{}").items():
        if clock.get(name) != version:
            later = True  # changed again since: the later value stays
            continue
        parent, _, key = name.partition(".")
        if key:  # a field inside a JSON column (answers.works_now)
            values.setdefault(parent, {})[key] = value
        else:
            values[name] = value
    if values:
        plan.reverts.append((tbl, uuid, values))
    if later:
        plan.kept.append((tbl, uuid, Said(ErrorCode.KEPT_PARTLY)))


def _current(conn, changes: list[tuple]) -> dict[str, dict[str, tuple]]:
    """(device_id, counter, deleted, clock) now of every record the changes name, by table
    and uuid, one query a table."""
    uuids: dict[str, set[str]] = {}
    for tbl, uuid, *_ in changes:
        uuids.setdefault(tbl, set()).add(uuid)
    return {tbl: {r[0]: r[1:] for r in _rows_of(
        conn, tbl, "uuid", "SELECT uuid, device_id, counter, deleted, clock FROM {tbl} WHERE {keys}",
        keys)} for tbl, keys in uuids.items()}


def _in_use(conn, households: list[str]) -> dict[str, Said]:
    """Why each of these households must stay (visits, else work orders), if it must."""
    reasons: dict[str, Said] = {}
    wanted = set(households)
    for table, reason in (("work_orders", Said(ErrorCode.KEPT_WORK_ORDERS)),
                          ("visits", Said(ErrorCode.KEPT_VISITS))):
        reasons.update((u, reason) for u, in _rows_of(
            conn, table, "household_uuid",
            "SELECT DISTINCT household_uuid FROM {tbl} WHERE deleted = 0 AND {keys}", wanted))
    return reasons


def _rows_of(conn, table: str, column: str, sql: str, keys: set[str]) -> list[tuple]:
    """The rows of `sql` (its first column is `column`; {tbl} and {keys} to fill in) whose
    `column` is one of `keys`: looked up by key, or, for as many keys as a quarter of the table
    (undoing a first import), the table read whole and picked here."""
    rows = conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0]
    if len(keys) * 4 >= rows:
        return [r for r in conn.execute(sql.format(tbl=table, keys="1")) if r[0] in keys]
    return conn.execute(sql.format(tbl=table, keys=f"{column} IN (SELECT value FROM json_each(?))"),
                        (json.dumps(sorted(keys)),)).fetchall()


def undo_import(store, import_id: int, user: str | None = None,
                progress: Callable[[int, int], bool] | None = None) -> UndoPlan:
    """Undo an import in one change-logged transaction; returns what was done. progress(done,
    total) returning False cancels (nothing is changed). Runs with the cyclic garbage collector
    paused (core.gc_pause), as the import does."""
    with gc_paused(), store.write(user) as w:
        plan = plan_undo(store, import_id)  # inside the write lock: nothing moves meanwhile
        total = len(plan.deletes) + len(plan.reverts)
        with deferred_indexes(w.store, _incoming(plan)):
            _apply_undo(w, plan, progress, total)
        w.conn.execute("UPDATE import_log SET undone_at = ? WHERE id = ?", (w.at, import_id))
    if progress:
        progress(total, total)
    return plan


def _incoming(plan: UndoPlan) -> dict[str, int]:
    """Rows the undo writes a table (at most): its indexes are built again after it when that is
    as many as the table holds (undoing a county's first import)."""
    deleted: dict[str, int] = {}
    for tbl, _uuid in plan.deletes:
        deleted[tbl] = deleted.get(tbl, 0) + 1
    changes = 2 * len(plan.deletes) + len(plan.reverts)  # at least one audit row each
    return {**deleted, "changes": changes, "audit_log": changes}


def _apply_undo(w, plan: UndoPlan, progress, total: int) -> None:
    done = 0
    # In runs of one table, in the order of the import's changes: a household loses the ID
    # number it brought (so a corrected file may bring it again), then is deleted.
    for start in range(0, len(plan.deletes), _STEP):
        chunk = plan.deletes[start:start + _STEP]
        for tbl, run in groupby(chunk, key=itemgetter(0)):
            w.delete_many(tbl, [u for _t, u in run],
                          clear=_ID_FIELDS if tbl == "households" else None)
        done += len(chunk)
        _step(progress, done, total)
    for done, (tbl, uuid, values) in enumerate(plan.reverts, len(plan.deletes) + 1):
        w.update(tbl, uuid, values)
        _step(progress, done, total)


_STEP = 500
_ID_FIELDS = {"id_hash": None, "id_masked": None, "id_full": None}


def _step(progress, done: int, total: int) -> None:
    if progress and done % _STEP == 0 and progress(done, total) is False:
        raise Cancelled(ErrorCode.CANCELLED_UNDO)

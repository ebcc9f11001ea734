"""Change-logged writes: every insert, update and delete of a synced record stamps the record with
this device's next change counter and HLC, and appends the change to `changes` in the same
transaction. Updates of individual fields also go to `audit_log` (who, device, when, old, new).

ChangeWriter (here: the transaction, stamps, update) gets its inserts from change_inserts.py and
its deletes from change_deletes.py; table_plans.py knows each synced table, change_json.py writes
the JSON, bulk_load.py fills a new database fast.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Mapping
from typing import Any, Self

from fieldapp.core.clock import DEFAULT_SKEW_S, HLC_GLOB, HybridClock, hlc_bound, now_ms
from fieldapp.core.pinyin import initials
from fieldapp.store import errors as E
from fieldapp.store.households.status import refresh_status
from fieldapp.store.schema import JSON_FIELDS, SYNCED_FIELDS
from fieldapp.core.messages import ErrorCode

from fieldapp.store.sync_log.attachment_use import ANSWER_TABLES, AttachmentUse
from fieldapp.store.sync_log.bulk_load import BULK_PRAGMAS, bulk_load
from fieldapp.store.sync_log.change_deletes import Deletes
from fieldapp.store.sync_log.change_inserts import Inserts
from fieldapp.store.sync_log.change_json import _ENCODE, _audit_text, _dumps, now_iso
from fieldapp.store.sync_log.table_plans import _key, _plan, insert_rows

# bulk_load, BULK_PRAGMAS and now_iso are imported from here too
__all__ = ["BULK_PRAGMAS", "ChangeWriter", "bulk_load", "now_iso"]


class ChangeWriter(Inserts, Deletes, AttachmentUse):
    """Context manager for one user action: a transaction whose changes all reach the change log."""

    def __init__(self, store, user: str | None):
        self.store = store
        self.conn = store.conn
        self.user = user or store.setting("surveyor") or ""
        self.device = store.device_id
        self._tx = None
        self._touched_households: set[str] = set()
        self.changes = 0
        # Bulk load: new household rows wait until the end of the transaction, then go in with
        # their derived status (instead of an insert and then an update of every household).
        self._pending: list[dict[str, Any]] | None = [] if getattr(
            store, "_bulk_load", False) else None
        self._new_visits: dict[str, list[tuple]] = {}  # bulk load: visits by household
        self._texts: dict[tuple, tuple[str, str]] = {}  # delete_many: JSON of recurring fields
        self._left: set[str] = set()  # attachments answers stopped naming (attachment_use.py)
        self._named: set[str] = set()  # attachments answers named
        self.retired: list[str] = []  # attachments this write retired

    def __enter__(self) -> Self:
        self._tx = self.store.transaction()
        self._tx.__enter__()
        row = self.conn.execute(
            "SELECT last_counter FROM devices WHERE device_id = ?", (self.device,)
        ).fetchone()
        self.counter = row[0] if row else 0
        # The clock never jumps on a stamp it should not have taken: malformed ones and those
        # beyond the allowed skew (merged by an older version) are left out.
        skew = float(self.store.setting("max_clock_skew_seconds") or DEFAULT_SKEW_S)
        last = self.conn.execute(
            "SELECT max(hlc) FROM changes WHERE hlc <= ? AND hlc GLOB ?",
            (hlc_bound(now_ms(), skew), HLC_GLOB)).fetchone()[0]
        self.clock = HybridClock(self.device, last)
        self.at = now_iso()
        if self._pending is not None:
            self.conn.execute("PRAGMA defer_foreign_keys = ON")  # visits before households
        return self

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                if self._left or self._named:
                    self._settle_attachments()
                if self._pending:
                    self._flush_households(with_status=True)
                if self._touched_households:
                    refresh_status(self.store, self._touched_households)
                self.conn.execute(
                    "UPDATE devices SET last_counter = ?, last_seen = ? WHERE device_id = ?",
                    (self.counter, self.at, self.device),
                )
        except BaseException:
            self._tx.__exit__(*__import__("sys").exc_info())
            raise
        return self._tx.__exit__(exc_type, exc, tb)

    def flush(self) -> None:
        """Write the household rows a bulk load holds back, with their derived status, now
        rather than at the end of the transaction (e.g. before deferred indexes are built)."""
        if self._pending:
            self._flush_households(with_status=True)

    # ----- helpers -----------------------------------------------------------------------
    def _stamp(self) -> tuple[int, str]:
        self.counter += 1
        self.changes += 1
        return self.counter, self.clock.tick()

    def _prepare(self, table: str, record: Mapping[str, Any]) -> dict[str, Any]:
        plan = _plan(table)
        if not plan.allowed.issuperset(record):
            unknown = set(record) - plan.allowed
            raise E.StoreError(ErrorCode.SYNC_NO_FIELDS, table=table,
                               fields=", ".join(sorted(unknown)))
        get = record.get
        row = dict(zip(plan.fields, map(get, plan.fields)))
        for f, default in plan.defaults:
            if row[f] is None:
                row[f] = default
        for f in plan.json_fields:
            if not isinstance(row[f], str):
                row[f] = _ENCODE(row[f] or {})
        if table == "areas":
            row["uuid"] = str(uuidlib.uuid5(uuidlib.NAMESPACE_OID, "area:" + row["code"]))
        elif table == "attachments":
            row["uuid"] = str(uuidlib.uuid5(uuidlib.NAMESPACE_OID, "sha256:" + row["sha256"]))
        else:
            row["uuid"] = get("uuid") or str(uuidlib.uuid4())
        if table == "households":
            row["head_initials"] = initials(row["head_name"])
        return row

    # ----- public API -------------------------------------------------------------------

    def update(self, table: str, key: str, values: Mapping[str, Any]) -> int:
        """Change some fields of one record; returns how many fields really changed.

        For JSON fields (answers), `values["answers"]` may be a partial dict: only its keys change,
        each versioned and audited on its own ("answers.works_now").
        """
        if self._pending:
            self._flush_households()
        keycol = _key(table)
        cur = self.conn.execute(
            f"SELECT * FROM {table} WHERE {keycol} = ?", (key,)
        )
        names = [d[0] for d in cur.description]
        found = cur.fetchone()
        if found is None:
            raise E.StoreError(ErrorCode.SYNC_NO_RECORD, table=table, key=key)
        current = dict(zip(names, found))
        clock = json.loads(current["clock"])
        new_vals, old_vals, row_updates = _changed_fields(table, current, values)
        if not new_vals:
            return 0
        counter, hlc = self._stamp()
        version = f"{self.device}:{counter}"
        base = {f: clock.get(f, clock.get(f.split(".")[0], clock["*"])) for f in new_vals}
        for f in new_vals:
            clock[f] = version
        row_updates.update(device_id=self.device, counter=counter, hlc=hlc, clock=_dumps(clock))
        if table == "households" and "head_name" in row_updates:
            row_updates["head_initials"] = initials(row_updates["head_name"])
        if table in ANSWER_TABLES:
            self._note_left(old_vals, new_vals)
            self._note_named(new_vals)
        sets = ", ".join(f"{c} = ?" for c in row_updates)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE {keycol} = ?",
                          (*row_updates.values(), key))
        self._log([(self.device, counter, hlc, table, current["uuid"], "update",
                    _dumps(new_vals), _dumps(old_vals), _dumps(base), self.user, self.at)])
        self.conn.executemany(
            "INSERT INTO audit_log(tbl, record_uuid, field, old, new, user, device_id, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(table, current["uuid"], f, _audit_text(old_vals[f]), _audit_text(new_vals[f]),
              self.user, self.device, self.at) for f in new_vals],
        )
        self._touched_households.update(_households_touched(table, current, old_vals))
        return len(new_vals)

    def _log(self, rows: list[tuple]) -> None:
        insert_rows(self.store, "INSERT INTO changes(device_id, counter, hlc, tbl, record_uuid,"
                    " op, data, old, base, user, at)", rows)


def _changed_fields(table: str, current: dict[str, Any], values: Mapping[str, Any],
                    ) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(new values, old values, row columns to write) of an update: only what really changes;
    a JSON field (answers) changes key by key ("answers.works_now")."""
    fields = SYNCED_FIELDS[table]
    new_vals: dict[str, Any] = {}
    old_vals: dict[str, Any] = {}
    row_updates: dict[str, Any] = {}
    for field, value in values.items():
        if field not in fields:
            raise E.StoreError(ErrorCode.SYNC_NO_FIELDS, table=table, fields=field)
        if field in JSON_FIELDS:
            row_updates[field] = _patch_json(field, current[field], value, new_vals, old_vals)
        elif current[field] != value:
            old_vals[field] = current[field]
            new_vals[field] = value
            row_updates[field] = value
    return new_vals, old_vals, row_updates


def _patch_json(field: str, stored: str | None, value: Any, new_vals: dict[str, Any],
                old_vals: dict[str, Any]) -> str:
    """The JSON text of `stored` with the keys of `value` set (None removes a key); each key that
    changes goes to new_vals/old_vals as "<field>.<key>"."""
    doc = json.loads(stored or "{}")
    patch = json.loads(value) if isinstance(value, str) else dict(value or {})
    for k, v in patch.items():
        if doc.get(k) != v:
            old_vals[f"{field}.{k}"] = doc.get(k)
            new_vals[f"{field}.{k}"] = v
            if v is None:
                doc.pop(k, None)
            else:
                doc[k] = v
    return _dumps(doc)


def _households_touched(table: str, current: dict[str, Any], old_vals: dict[str, Any]) -> list[str]:
    """Households whose status an update may change: the household itself, or the household a
    visit or spot-check item belongs to (and belonged to, when that changed)."""
    if table == "households":
        return [current["uuid"]]
    if table in ("visits", "spot_check_items"):  # both decide the household's status
        return [current["household_uuid"], *([old_vals["household_uuid"]]
                                             if "household_uuid" in old_vals else [])]
    return []

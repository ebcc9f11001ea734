"""Write side of a merge: apply a planned merge inside the caller's transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from fieldapp.core import jsonguard
from fieldapp.core.roster import persons
from fieldapp.core.status import derive_status
from fieldapp.store.coverage_rule import _rule_of
from fieldapp.store.deferred_indexes import deferred_indexes
from fieldapp.store.households.status import refresh_status
from fieldapp.store.schema import SYNCED_FIELDS
from fieldapp.store.sync_log.table_plans import insert_rows

_SYNC = ("device_id", "counter", "hlc", "clock", "deleted")
_TABLE_ORDER = ("areas", "households", "attachments", "visits", "public_places")


def _now() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def _enc(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _ordered(tables) -> list[str]:
    return sorted(tables, key=lambda t: (_TABLE_ORDER.index(t) if t in _TABLE_ORDER else 99, t))


def write_plan(store, plan, *, at: str | None = None) -> None:
    """Insert new records, rewrite updated ones, log the changes, audit, conflicts, seen
    counters, household status. Foreign keys are checked at commit (deferred)."""
    conn = store.conn
    at = at or _now()
    done = _new_household_status(plan, conn)
    conn.execute("PRAGMA defer_foreign_keys = ON")
    # A bundle bigger than what the database holds (the county's first merges): the indexes of
    # households and the change log are built once after its rows. Not those of visits: a new
    # household's deferred foreign-key check looks its visits up through them.
    incoming = {"households": len(plan.inserts.get("households", ())), "changes": len(plan.log)}
    with deferred_indexes(store, incoming):
        _write_records(conn, plan)
        insert_rows(store, "INSERT INTO changes(device_id, counter, hlc, tbl, record_uuid, op,"
                    " data, old, base, user, at)", [c.log_row() for c in plan.log])
    conn.executemany(
        "INSERT INTO audit_log(tbl, record_uuid, field, old, new, user, device_id, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", plan.audit)
    _write_conflicts(conn, plan, at)
    for device, counter in plan.seen.items():
        conn.execute(
            "INSERT INTO devices(device_id, name, status, last_counter, first_seen, last_seen)"
            " VALUES (?, ?, 'known', ?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET"
            " last_counter = max(last_counter, excluded.last_counter),"
            " last_seen = excluded.last_seen",
            (device, device, counter, at, at))
    if plan.households - done:
        refresh_status(store, plan.households - done)


def _write_records(conn: sqlite3.Connection, plan) -> None:
    """New rows in uuid order (each lands next to the one before in the uuid index), then the
    updated ones."""
    for tbl in _ordered(plan.inserts):
        rows = sorted(plan.inserts[tbl], key=itemgetter("uuid"))
        cols = list(rows[0])
        conn.executemany(
            f"INSERT INTO {tbl} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            map(itemgetter(*cols), rows))
    for tbl in _ordered(plan.updates):
        cols = [c for c in SYNCED_FIELDS[tbl] if c != "content"] + list(_SYNC)
        if tbl == "households":
            cols.append("head_initials")
        sets = ", ".join(f"{c} = ?" for c in cols)
        conn.executemany(f"UPDATE {tbl} SET {sets} WHERE uuid = ?",
                         [(*(r.get(c) for c in cols), r["uuid"]) for r in plan.updates[tbl]])


def _new_household_status(plan, conn) -> set[str]:
    """Derived status of the households this plan inserts, from their visits — which are all in
    this plan too — by the rule of status.refresh_status (latest complete visit by
    coalesce(ended_at, started_at), then HLC), set on the rows before they are written. Saves a
    pass over a whole county's visits on a first merge. Returns the households done."""
    new = {r["uuid"]: r for r in plan.inserts.get("households", [])}
    if not new:
        return set()
    moved = {r["household_uuid"] for r in plan.updates.get("visits", [])}
    latest: dict[str, tuple] = {}
    for v in plan.inserts.get("visits", []):
        h = v["household_uuid"]
        if h in new and v["state"] == "complete" and not v["deleted"]:
            key = (v["ended_at"] or v["started_at"] or "", v["hlc"])
            if h not in latest or key > latest[h][0]:
                latest[h] = (key, v["uuid"], v["answers"], v["ended_at"])
    parsed = plan.answers
    rule = _rule_of(conn)
    never = (derive_status(None, rule), 0)
    by_text: dict[str, Any] = {}  # status and persons of each answers text: many answer alike
    for h, row in new.items():
        _, uuid, answers, ended = latest.get(h, _NO_VISIT)
        if not answers:
            st, n = never
        elif (doc := parsed.get(uuid)) is not None:
            st, n = derive_status(doc, rule), persons(doc)
        else:
            known = by_text.get(answers)
            if known is None:
                doc = jsonguard.stored(answers) or None
                known = by_text[answers] = (derive_status(doc, rule), persons(doc))
            st, n = known
        row["status"], row["status_reason"] = st.status, st.reason
        row["last_visit_at"], row["persons"] = ended, n
    return set(new) - moved


_NO_VISIT = (None, None, None, None)


def _write_conflicts(conn: sqlite3.Connection, plan, at: str) -> None:
    if plan.conflicts_dropped:
        conn.executemany("DELETE FROM sync_conflicts WHERE id = ? AND status = 'open'",
                         [(i,) for i in plan.conflicts_dropped])
    conn.executemany(
        "UPDATE sync_conflicts SET ours = ?, ours_version = ?, ours_device = ? WHERE id = ?",
        [(_enc(r["ours"]), r["ours_version"], r["ours_device"], r["id"])
         for r in plan.conflicts_changed])
    conn.executemany(
        "INSERT INTO sync_conflicts(tbl, record_uuid, field, loser_version, base_version, base,"
        " theirs, theirs_device, ours, ours_version, ours_device, village_code, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(tbl, record_uuid, field, loser_version) DO NOTHING",
        [(r["tbl"], r["record_uuid"], r["field"], r["loser_version"], r.get("base_version"),
          _enc(r.get("base")), _enc(r.get("theirs")), r["theirs_device"], _enc(r.get("ours")),
          r["ours_version"], r["ours_device"], r.get("village_code"), at)
         for r in plan.conflicts_new])


MERGE_CACHE_KIB = 262_144


@contextmanager
def merge_cache(store) -> Iterator[None]:
    """While merging several bundles: a page cache big enough for the random-key indexes
    (uuids) of a whole county, and one WAL checkpoint at the end instead of one per bundle (each
    bundle stays its own durable transaction; journal and sync settings are unchanged)."""
    conn = store.conn
    before = conn.execute("PRAGMA cache_size").fetchone()[0]
    auto = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = -{MERGE_CACHE_KIB}")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA wal_autocheckpoint = {int(auto)}")
        conn.execute(f"PRAGMA cache_size = {int(before)}")
        try:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.DatabaseError:
            pass  # a reader holds the WAL: the next automatic checkpoint will do it


@contextmanager
def savepoint(store, name: str = "sync_bundle") -> Iterator[None]:
    """A nested, individually undoable step inside the caller's transaction."""
    conn = store.conn
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        conn.execute(f"ROLLBACK TO {name}")
        conn.execute(f"RELEASE {name}")
        raise
    conn.execute(f"RELEASE {name}")

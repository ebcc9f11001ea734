"""Conflict records, duplicate-household flags and the archive of merged bundles."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any


def _now() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def _dicts(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur]


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for k in ("base", "ours", "theirs", "resolved_value"):
        if row.get(k) is not None:
            row[k] = json.loads(row[k])
    return row


# ----- conflicts ---------------------------------------------------------------------------
def conflicts(store, *, status: str | None = None,
              village: str | None = None) -> list[dict[str, Any]]:
    conn = store.conn
    sql = ("SELECT c.*, h.head_name AS household_head, a.name AS village_name"
           " FROM sync_conflicts c"
           " LEFT JOIN households h ON h.uuid = CASE c.tbl WHEN 'households' THEN c.record_uuid"
           "   WHEN 'visits' THEN (SELECT household_uuid FROM visits WHERE uuid = c.record_uuid)"
           "   END"
           " LEFT JOIN areas a ON a.code = c.village_code WHERE 1 = 1")
    args: list[Any] = []
    if status:
        sql += " AND c.status = ?"
        args.append(status)
    if village:
        sql += " AND c.village_code = ?"
        args.append(village)
    return [_decode(r) for r in _dicts(conn.execute(sql + " ORDER BY c.id", args))]


def conflict(store, conflict_id: int) -> dict[str, Any] | None:
    conn = store.conn
    rows = _dicts(conn.execute("SELECT * FROM sync_conflicts WHERE id = ?", (conflict_id,)))
    return _decode(rows[0]) if rows else None


def record_key(store, tbl: str, record_uuid: str) -> str | None:
    """The writer's key of a record (areas by code, attachments by sha256, others by uuid)."""
    conn = store.conn
    col = "code" if tbl == "areas" else "sha256" if tbl == "attachments" else "uuid"
    row = conn.execute(f"SELECT {col} FROM {tbl} WHERE uuid = ?", (record_uuid,)).fetchone()
    return row[0] if row else None


def mark_resolved(store, tbl: str, record_uuid: str, field: str, *,
                  resolution: str, value: Any, user: str, at: str | None = None,
                  loser_version: str | None = None) -> int:
    """Resolve the open conflicts of one field (or just one losing version)."""
    conn = store.conn
    sql = ("UPDATE sync_conflicts SET status = 'resolved', resolution = ?, resolved_value = ?,"
           " resolved_by = ?, resolved_at = ? WHERE status = 'open' AND tbl = ?"
           " AND record_uuid = ? AND field = ?")
    args = [resolution, json.dumps(value, ensure_ascii=False), user, at or _now(), tbl,
            record_uuid, field]
    if loser_version:
        sql += " AND loser_version = ?"
        args.append(loser_version)
    return conn.execute(sql, args).rowcount


def add_resolved(store, rows: Iterable[dict[str, Any]]) -> None:
    """Record conflict rows that are resolved from the start (heads a resolution covered)."""
    conn = store.conn
    conn.executemany(
        "INSERT INTO sync_conflicts(tbl, record_uuid, field, loser_version, base_version, base,"
        " theirs, theirs_device, ours, ours_version, ours_device, village_code, status,"
        " resolution, resolved_value, resolved_by, resolved_at, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'resolved', ?, ?, ?, ?, ?)"
        " ON CONFLICT(tbl, record_uuid, field, loser_version) DO NOTHING",
        [(r["tbl"], r["record_uuid"], r["field"], r["loser_version"], r.get("base_version"),
          _enc(r.get("base")), _enc(r.get("theirs")), r.get("theirs_device") or "",
          _enc(r.get("ours")), r.get("ours_version") or "", r.get("ours_device") or "",
          r.get("village_code"), r.get("resolution"), r.get("resolved_value"),
          r.get("resolved_by"), r.get("resolved_at"), r.get("resolved_at") or _now())
         for r in rows])


def _enc(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def apply_resolutions(store, resolved: Iterable[dict[str, Any]]) -> int:
    """Mark local copies of conflicts resolved at the county (from a reference bundle); a
    resolution of a head this laptop has no conflict row for is recorded as resolved."""
    conn = store.conn
    n = 0
    resolved = list(resolved)
    for r in resolved:
        n += conn.execute(
            "UPDATE sync_conflicts SET status = 'resolved', resolution = ?, resolved_value = ?,"
            " resolved_by = ?, resolved_at = ? WHERE status = 'open' AND tbl = ?"
            " AND record_uuid = ? AND field = ? AND loser_version = ?",
            (r.get("resolution"), r.get("resolved_value"), r.get("resolved_by"),
             r.get("resolved_at"), r["tbl"], r["record_uuid"], r["field"],
             r["loser_version"])).rowcount
    add_resolved(store, resolved)
    return n


def audit(store, tbl: str, record_uuid: str, field: str, old: str | None,
          new: str | None, user: str, device_id: str) -> None:
    conn = store.conn
    conn.execute("INSERT INTO audit_log(tbl, record_uuid, field, old, new, user, device_id, at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (tbl, record_uuid, field, old, new, user, device_id, _now()))


# ----- duplicate households ------------------------------------------------------------------
_ORIGIN = "substr(json_extract({t}.clock, '$.\"*\"'), 1," \
          " instr(json_extract({t}.clock, '$.\"*\"'), ':') - 1)"


# Each rule pairs a household of this merge (t) with any live one (o) that matches it. Probing
# looks o up for each t. Grouping first finds the keys that more than one live household shares,
# in one pass over the rule's index, and pairs only the households of those keys: cheaper when
# this merge's households are a large part of the county (the first bundles of a first merge).
_DUP_RULES = (
    ("id_hash", "o.id_hash = t.id_hash",
     "t.id_hash IS NOT NULL AND o.id_hash IS NOT NULL AND t.id_hash != ''",
     "SELECT id_hash FROM households INDEXED BY households_dup_id WHERE deleted = 0"
     " AND merged_into IS NULL AND id_hash IS NOT NULL AND id_hash != ''"
     " GROUP BY id_hash HAVING count(*) > 1", "t.id_hash = k.id_hash"),
    ("head_group", "o.village_code = t.village_code AND o.group_no IS t.group_no"
     " AND o.head_name = t.head_name", "1",
     "SELECT village_code, group_no, head_name FROM households INDEXED BY households_dup_name"
     " WHERE deleted = 0 AND merged_into IS NULL AND head_name IS NOT NULL"
     " GROUP BY village_code, group_no, head_name HAVING count(*) > 1",
     "t.village_code = k.village_code AND t.group_no IS k.group_no"
     " AND t.head_name = k.head_name"),
)
_GROUP_SHARE = 8  # group when this merge brings at least 1/8 of the households


def flag_duplicates(store, household_uuids: Iterable[str], *, grouped: bool | None = None) -> int:
    """Flag households that look like the same one entered on two devices: same ID hash in the
    county, or same head name and group in one village. Returns how many new flags. (grouped:
    force either way of pairing, for tests; by default chosen by how many households come.)"""
    conn = store.conn
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS dup_targets (uuid TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM temp.dup_targets")
    conn.executemany("INSERT OR IGNORE INTO temp.dup_targets VALUES (?)",
                     ((u,) for u in household_uuids))
    if grouped is None:
        come = conn.execute("SELECT count(*) FROM temp.dup_targets").fetchone()[0]
        held = conn.execute("SELECT max(rowid) FROM households").fetchone()[0] or 0
        grouped = come * _GROUP_SHARE >= held
    # a pair of two of this merge's households is taken from the first of them (its village)
    live = ("t.deleted = 0 AND o.deleted = 0 AND t.merged_into IS NULL"
            " AND o.merged_into IS NULL AND o.uuid != t.uuid"
            f" AND {_ORIGIN.format(t='t')} != {_ORIGIN.format(t='o')} AND (o.uuid > t.uuid"
            " OR o.uuid NOT IN temp.dup_targets)")
    before = conn.total_changes
    at = _now()
    for reason, match, cond, keys, of_key in _DUP_RULES:
        source = (f"({keys}) k CROSS JOIN households t ON {of_key}"
                  " CROSS JOIN temp.dup_targets d ON d.uuid = t.uuid" if grouped else
                  "temp.dup_targets d CROSS JOIN households t ON t.uuid = d.uuid")
        conn.execute(
            "INSERT OR IGNORE INTO sync_duplicates(household_a, household_b, village_code, reason,"
            f" created_at) SELECT min(t.uuid, o.uuid), max(t.uuid, o.uuid), t.village_code, ?, ?"
            f" FROM {source} CROSS JOIN households o ON {match} WHERE {cond} AND {live}",
            (reason, at))
    added = conn.total_changes - before
    conn.execute("DELETE FROM temp.dup_targets")
    return added


def duplicates(store, *, status: str | None = "open") -> list[dict[str, Any]]:
    conn = store.conn
    sql = ("SELECT d.*, a.head_name AS head_a, a.group_no AS group_a, a.id_masked AS id_a,"
           " b.head_name AS head_b, b.group_no AS group_b, b.id_masked AS id_b,"
           " v.name AS village_name FROM sync_duplicates d"
           " JOIN households a ON a.uuid = d.household_a"
           " JOIN households b ON b.uuid = d.household_b"
           " LEFT JOIN areas v ON v.code = d.village_code")
    args: list[Any] = []
    if status:
        sql += " WHERE d.status = ?"
        args.append(status)
    return _dicts(conn.execute(sql + " ORDER BY d.id", args))


def set_duplicate_status(store, a: str, b: str, status: str) -> int:
    conn = store.conn
    lo, hi = min(a, b), max(a, b)
    return conn.execute(
        "UPDATE sync_duplicates SET status = ?, resolved_at = ? WHERE household_a = ?"
        " AND household_b = ?", (status, _now(), lo, hi)).rowcount


# Pairs of live households that look like one (the rule of the dashboard's duplicates tab,
# store.reports.reconciliation_counts): the same ID-number hash anywhere in the county, or the same
# head name in the same village group unless both have ID numbers and they differ.
_PAIRS = """
SELECT a.uuid AS a, b.uuid AS b, a.village_code AS village, 'id_hash' AS reason FROM households a
  JOIN households b ON b.id_hash = a.id_hash AND b.uuid > a.uuid
  WHERE a.id_hash IS NOT NULL AND a.id_hash != '' AND {live}
UNION ALL
SELECT a.uuid, b.uuid, a.village_code, 'head_group' FROM households a
  JOIN households b ON b.village_code = a.village_code AND b.group_no IS a.group_no
   AND b.head_name = a.head_name AND b.uuid > a.uuid
  WHERE {live} AND NOT (coalesce(a.id_hash, '') != '' AND coalesce(b.id_hash, '') != ''
   AND a.id_hash != b.id_hash)"""
_PAIR_LIVE = ("a.deleted = 0 AND b.deleted = 0 AND a.merged_into IS NULL"
              " AND b.merged_into IS NULL")


def probable_duplicates(store) -> list[dict[str, Any]]:
    """The open pairs: those recorded (flagged by a merge) and those the rule finds now that
    were never recorded (id None; a pair merged or dismissed is recorded and stays so)."""
    conn = store.conn
    pairs = _PAIRS.format(live=_PAIR_LIVE)
    found = _dicts(conn.execute(
        "SELECT NULL AS id, p.a AS household_a, p.b AS household_b, p.village AS village_code,"
        " max(p.reason) AS reason, 'open' AS status, NULL AS created_at, NULL AS resolved_at,"
        " ha.head_name AS head_a, ha.group_no AS group_a, ha.id_masked AS id_a,"
        " hb.head_name AS head_b, hb.group_no AS group_b, hb.id_masked AS id_b,"
        f" v.name AS village_name FROM ({pairs}) p"
        " JOIN households ha ON ha.uuid = p.a JOIN households hb ON hb.uuid = p.b"
        " LEFT JOIN areas v ON v.code = p.village WHERE NOT EXISTS (SELECT 1 FROM"
        " sync_duplicates d WHERE d.household_a = p.a AND d.household_b = p.b)"
        " GROUP BY p.a, p.b ORDER BY p.village, ha.group_no, ha.head_name, p.a, p.b"))
    return duplicates(store, status="open") + found


def record_pair(store, a: str, b: str, village_code: str, reason: str,
                status: str) -> None:
    """Record what became of a pair the rule found (dismissed, merged): it is not listed again."""
    conn = store.conn
    conn.execute(
        "INSERT OR IGNORE INTO sync_duplicates(household_a, household_b, village_code, reason,"
        " status, created_at, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (min(a, b), max(a, b), village_code, reason, status, _now(), _now()))


def rule_pair(store, a: str, b: str) -> tuple[str, str] | None:
    """(village_code, reason) when the rule finds households `a` and `b` a probable pair."""
    conn = store.conn
    lo, hi = min(a, b), max(a, b)
    row = conn.execute(f"SELECT p.village, max(p.reason) FROM ({_PAIRS.format(live=_PAIR_LIVE)})"
                       " p WHERE p.a = ? AND p.b = ? GROUP BY p.a, p.b", (lo, hi)).fetchone()
    return None if row is None else (row[0], row[1])


def visits_of(store, household_uuid: str) -> list[str]:
    conn = store.conn
    return [r[0] for r in conn.execute(
        "SELECT uuid FROM visits WHERE household_uuid = ? AND deleted = 0", (household_uuid,))]


# ----- merged bundle archive -------------------------------------------------------------------
def archived(store, sha256: str) -> dict[str, Any] | None:
    conn = store.conn
    rows = _dicts(conn.execute(
        "SELECT sha256, bundle_uuid, kind, device_id, township_code, file_name, size, merged_at,"
        " result FROM sync_bundles WHERE sha256 = ?", (sha256,)))
    return rows[0] if rows else None


def archive_bundle(store, *, sha256: str, bundle_uuid: str, kind: str,
                   device_id: str, township: str | None, file_name: str, content: bytes,
                   user: str, result: dict[str, Any]) -> None:
    conn = store.conn
    conn.execute(
        "INSERT INTO sync_bundles(sha256, bundle_uuid, kind, device_id, township_code, file_name,"
        " size, content, merged_at, merged_by, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (sha256, bundle_uuid, kind, device_id, township, file_name, len(content), content,
         _now(), user, json.dumps(result, ensure_ascii=False)))


def merged_bundles(store) -> list[dict[str, Any]]:
    conn = store.conn
    return _dicts(conn.execute(
        "SELECT sha256, bundle_uuid, kind, device_id, township_code, file_name, size, merged_at,"
        " merged_by, result FROM sync_bundles ORDER BY merged_at DESC"))


def archived_content(store, sha256: str) -> bytes | None:
    conn = store.conn
    row = conn.execute("SELECT content FROM sync_bundles WHERE sha256 = ?", (sha256,)).fetchone()
    return None if row is None else bytes(row[0])


# ----- verdict conflicts (two devices' visits of one household that disagree) -----------------
def latest_visits(store, household_uuids: Iterable[str]) -> dict[str, dict]:
    """The latest complete visit of each given household (as store.households.status picks it):
    uuid, the version that made it ("device:counter"), hlc, answers, surveyor, when."""
    conn = store.conn
    out: dict[str, dict] = {}
    for r in _dicts(conn.execute(
            "SELECT household_uuid, uuid, json_extract(clock, '$.\"*\"') AS version, hlc,"
            " answers, surveyor, coalesce(ended_at, started_at) AS at FROM visits"
            " WHERE household_uuid IN (SELECT value FROM json_each(?)) AND state = 'complete'"
            " AND deleted = 0 ORDER BY coalesce(ended_at, started_at), hlc",
            (json.dumps(sorted(set(household_uuids))),))):
        out[r["household_uuid"]] = r  # ascending: the last one stays
    return out


def _resolved_verdicts(conn: sqlite3.Connection, where: str = "") -> list[tuple[str, str, str, str]]:
    """(household, chosen visit, ours visit, theirs visit) of each resolved verdict conflict,
    latest resolution last; `where` may narrow the households (SQL on record_uuid)."""
    return conn.execute(
        "SELECT record_uuid, json_extract(resolved_value, '$.visit'),"
        " json_extract(ours, '$.visit'), json_extract(theirs, '$.visit') FROM sync_conflicts"
        " WHERE tbl = 'households' AND field = 'verdict' AND status = 'resolved'"
        f" {where} ORDER BY resolved_at, id").fetchall()


def _visit_answers(conn: sqlite3.Connection, visit_uuid: str) -> tuple[str | None, str | None]:
    """(answers, when) of a complete visit, (None, None) if there is none such."""
    row = conn.execute("SELECT answers, coalesce(ended_at, started_at) FROM visits WHERE uuid = ?"
                       " AND state = 'complete' AND deleted = 0", (visit_uuid,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def village_of(store, household_uuid: str) -> str | None:
    conn = store.conn
    row = conn.execute("SELECT village_code FROM households WHERE uuid = ?",
                       (household_uuid,)).fetchone()
    return row[0] if row else None

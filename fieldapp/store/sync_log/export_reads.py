"""Read side of bundle export: this device's changes since an acknowledged counter, the records
of one township with every change that built them, photos, resolved conflicts."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from fieldapp.store.schema import SYNCED_FIELDS
from fieldapp.store.sync_log.change_record import CHANGE_COLUMNS

_COLS = ", ".join(CHANGE_COLUMNS)


def own_changes(store, device_id: str, after: int) -> list[tuple]:
    conn = store.conn
    return conn.execute(
        f"SELECT {_COLS} FROM changes WHERE device_id = ? AND counter > ? ORDER BY counter",
        (device_id, after)).fetchall()


def last_counter(store, device_id: str) -> int:
    conn = store.conn
    row = conn.execute("SELECT last_counter FROM devices WHERE device_id = ?",
                       (device_id,)).fetchone()
    return row[0] if row else 0


def attachment_content(store, sha256: str) -> bytes | None:
    conn = store.conn
    row = conn.execute("SELECT content FROM attachments WHERE sha256 = ?", (sha256,)).fetchone()
    return None if row is None else bytes(row[0])


def _columns(conn: sqlite3.Connection, tbl: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({tbl})")}


def _fill_scope(conn: sqlite3.Connection, county: str, township: str) -> None:
    lo, hi = township[:9], township[:9] + "a"
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS sync_scope"
                 " (tbl TEXT NOT NULL, uuid TEXT NOT NULL, PRIMARY KEY (tbl, uuid))")
    conn.execute("DELETE FROM temp.sync_scope")
    conn.execute("INSERT INTO temp.sync_scope SELECT 'areas', uuid FROM areas"
                 " WHERE code IN (?, ?) OR parent_code = ?", (county, township, township))
    later = []
    for tbl in SYNCED_FIELDS:
        if tbl == "areas":
            continue
        cols = _columns(conn, tbl)
        if not cols:
            continue
        if "township_code" in cols:
            conn.execute(f"INSERT INTO temp.sync_scope SELECT '{tbl}', uuid FROM {tbl}"
                         " WHERE township_code = ?", (township,))
        elif "village_code" in cols:
            conn.execute(f"INSERT INTO temp.sync_scope SELECT '{tbl}', uuid FROM {tbl}"
                         " WHERE village_code >= ? AND village_code < ?", (lo, hi))
        elif "area_code" in cols:
            conn.execute(f"INSERT INTO temp.sync_scope SELECT '{tbl}', uuid FROM {tbl}"
                         " WHERE area_code >= ? AND area_code < ?", (lo, hi))
        elif "household_uuid" in cols:
            later.append(tbl)
    for tbl in later:
        conn.execute(f"INSERT INTO temp.sync_scope SELECT '{tbl}', t.uuid FROM {tbl} t"
                     " JOIN temp.sync_scope s ON s.tbl = 'households'"
                     " AND s.uuid = t.household_uuid")
    for tbl in ("visits", "public_places"):  # photos the township's answers refer to
        conn.execute(
            "INSERT OR IGNORE INTO temp.sync_scope SELECT 'attachments', a.uuid FROM attachments a"
            " WHERE a.sha256 IN (SELECT j.value FROM temp.sync_scope s"
            f" JOIN {tbl} r ON s.tbl = '{tbl}' AND r.uuid = s.uuid, json_each(r.answers) j"
            " WHERE json_valid(r.answers) AND j.type = 'text' AND length(j.value) = 64)")
    # and those they referred to before, since retired (replaced, cleared): the laptop that has
    # them learns of the retirement (store/sync_log/attachment_use.py)
    conn.execute(
        "INSERT OR IGNORE INTO temp.sync_scope SELECT 'attachments', a.uuid FROM attachments a"
        " WHERE a.deleted = 1 AND a.sha256 IN (SELECT j.value FROM temp.sync_scope s"
        " JOIN changes c ON c.tbl = s.tbl AND c.record_uuid = s.uuid, json_each(c.old) j"
        " WHERE s.tbl IN ('visits', 'public_places') AND c.op = 'update'"
        " AND json_valid(c.old) AND j.type = 'text' AND length(j.value) = 64)")


def township_changes(store, county: str, township: str) -> list[tuple]:
    """Every logged change of the township's records (areas, households, visits, places ...),
    in HLC order, so a replay rebuilds them with their original uuids and clocks."""
    conn = store.conn
    _fill_scope(conn, county, township)
    rows = conn.execute(
        f"SELECT {', '.join('c.' + c for c in CHANGE_COLUMNS)} FROM temp.sync_scope s"
        " JOIN changes c ON c.tbl = s.tbl AND c.record_uuid = s.uuid"
        " ORDER BY c.hlc, c.device_id, c.counter").fetchall()
    return rows


def scope_counts(store) -> dict[str, int]:
    conn = store.conn
    return dict(conn.execute("SELECT tbl, count(*) FROM temp.sync_scope GROUP BY tbl"))


def resolved_conflicts(store) -> list[dict[str, Any]]:
    """Resolved conflicts of the records in the last filled scope."""
    conn = store.conn
    cur = conn.execute(
        "SELECT c.tbl, c.record_uuid, c.field, c.loser_version, c.resolution, c.resolved_value,"
        " c.resolved_by, c.resolved_at, c.theirs_device, c.ours_version, c.ours_device,"
        " c.village_code FROM sync_conflicts c JOIN temp.sync_scope s"
        " ON s.tbl = c.tbl AND s.uuid = c.record_uuid WHERE c.status = 'resolved'")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur]


def settings(store, keys: tuple[str, ...]) -> dict[str, str]:
    conn = store.conn
    marks = ",".join("?" * len(keys))
    return dict(conn.execute(f"SELECT key, value FROM settings WHERE key IN ({marks})", keys))


def decode_json(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _b64(value: Any) -> Any:
    if isinstance(value, (bytes, memoryview)):
        import base64

        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def fill_inserts(store, rows: list[tuple]) -> list[tuple]:
    """Give logged inserts (whose `data` is "{}": the record is the payload) their values as
    inserted: the current row, with every field changed since put back to the value the first
    later change overwrote (`old[f]` of the change whose `base[f]` is the insert's version)."""
    conn = store.conn
    want: dict[str, dict[str, int]] = {}
    for i, r in enumerate(rows):
        if r[5] == "insert" and r[6] in ("{}", "", None):
            want.setdefault(r[3], {})[r[4]] = i
    out = list(rows)
    for tbl, by_uuid in want.items():
        fields = [f for f in SYNCED_FIELDS[tbl] if f != "content"]
        uuids = list(by_uuid)
        for start in range(0, len(uuids), 900):
            part = uuids[start:start + 900]
            cur = conn.execute(f"SELECT uuid, clock, {', '.join(fields)} FROM {tbl}"
                               f" WHERE uuid IN ({','.join('?' * len(part))})", part)
            for uuid, clock_text, *values in cur:
                i = by_uuid[uuid]
                version = f"{rows[i][0]}:{rows[i][1]}"
                data = {f: _b64(v) for f, v in zip(fields, values)}
                clock = json.loads(clock_text)
                later = [k for k, v in clock.items() if k != "*" and v != version]
                if later:
                    _rewind(conn, tbl, uuid, version, later, data)
                out[i] = (*rows[i][:6], json.dumps(data, ensure_ascii=False,
                                                   separators=(",", ":")), *rows[i][7:])
    return out


def _rewind(conn: sqlite3.Connection, tbl: str, uuid: str, version: str, names: list[str],
            data: dict[str, Any]) -> None:
    olds: dict[str, Any] = {}
    for base_text, old_text in conn.execute(
            "SELECT base, old FROM changes WHERE tbl = ? AND record_uuid = ? AND op = 'update'"
            " ORDER BY hlc", (tbl, uuid)):
        base = json.loads(base_text or "{}")
        old = json.loads(old_text or "{}")
        for name in names:
            if name not in olds and base.get(name) == version:
                olds[name] = old.get(name)
    for name in names:
        if name == "deleted":
            data.pop("deleted", None)
            continue
        if name not in olds:
            continue  # log incomplete: keep the current value
        head, dot, key = name.partition(".")
        if dot:
            doc = data.get(head)
            doc = json.loads(doc) if isinstance(doc, str) and doc else {}
            if olds[name] is None:
                doc.pop(key, None)
            else:
                doc[key] = olds[name]
            data[head] = json.dumps(doc, ensure_ascii=False, separators=(",", ":"),
                                    sort_keys=True)
        else:
            data[name] = olds[name]

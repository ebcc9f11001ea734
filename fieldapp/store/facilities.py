"""Service points and public-area emergency-broadcast terminals (table `facilities`, seed 2).

Every write goes through the change-logged writer, so records are versioned per field, audited
and travel in bundles like public places. A record is identified for re-imports by kind, township,
village and name: importing the same register twice changes nothing, a corrected one updates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from fieldapp.core.divisions import township_of
from fieldapp.core.facilities import AGENCY, KINDS, STATION, TERMINAL, WORKING

from fieldapp.store.sync_log.changes import now_iso

FIELDS = ("kind", "township_code", "village_code", "name", "address", "contact", "phone",
          "status", "lon", "lat", "notes")
_SELECT = ("SELECT f.uuid, " + ", ".join(f"f.{c}" for c in FIELDS)
           + ", f.updated_at, t.name AS township_name, v.name AS village_name FROM facilities f"
           " LEFT JOIN areas t ON t.code = f.township_code"
           " LEFT JOIN areas v ON v.code = f.village_code WHERE f.deleted = 0")
_ORDER = " ORDER BY f.township_code, coalesce(f.village_code, ''), f.kind, f.name, f.uuid"


def _within(code: str | None) -> tuple[str, tuple]:
    if not code:
        return "", ()
    if code.endswith("000000"):
        return " AND substr(f.township_code, 1, 6) = ?", (code[:6],)
    if code.endswith("000"):
        return " AND f.township_code = ?", (code,)
    return " AND f.village_code = ?", (code,)


def list_facilities(store, kinds: Iterable[str] = KINDS,
                    area_code: str | None = None) -> list[dict[str, Any]]:
    """The live records of these kinds in a county, township or village (all without a code)."""
    kinds = tuple(kinds)
    where, args = _within(area_code)
    marks = ",".join("?" * len(kinds))
    cur = store.conn.execute(f"{_SELECT} AND f.kind IN ({marks}){where}{_ORDER}",
                             (*kinds, *args))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur]


def _record(values: Mapping[str, Any]) -> dict[str, Any]:
    rec = {k: values.get(k) for k in FIELDS}
    rec["township_code"] = township_of(values.get("village_code") or values["township_code"])
    rec["name"] = str(rec["name"] or "").strip()
    rec["status"] = rec["status"] or ""
    return rec


def _key(rec: Mapping[str, Any]) -> tuple:
    return rec["kind"], rec["township_code"], rec["village_code"] or "", rec["name"]


def save_facilities(store, user: str | None,
                    records: Iterable[Mapping[str, Any]]) -> tuple[list[str], int]:
    """Add new records and update the ones already held (same kind, township, village, name) in
    one transaction; empty cells of an update keep what is held. Returns (new uuids, updated)."""
    held = {_key(r): r for r in list_facilities(store)}
    added: list[str] = []
    updated = 0
    with store.write(user) as w:
        for values in records:
            rec = _record(values)
            old = held.get(_key(rec))
            if old is None:
                uuid = w.insert("facilities", {**rec, "updated_at": now_iso()})
                held[_key(rec)] = {**rec, "uuid": uuid}
                added.append(uuid)
                continue
            change = {k: v for k, v in rec.items() if v not in (None, "") and v != old.get(k)}
            if change:
                w.update("facilities", old["uuid"], {**change, "updated_at": now_iso()})
                updated += 1
    return added, updated


def service_gaps(store, code: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Townships without a service station and villages without an agency point (seed 2
    §三(二): 一镇一广电站, 村级代办点), within a county or township."""
    code = code or ""
    # county: its 6 digits; township: 9; village: the whole code (only that village's gap)
    prefix = code[:6] if code.endswith("000000") else code[:9] if code.endswith("000") else code
    live = "a.deleted = 0 AND a.code LIKE ? || '%'"
    towns = store.conn.execute(
        f"SELECT a.code, a.name FROM areas a WHERE {live} AND a.level = 'township'"
        " AND NOT EXISTS (SELECT 1 FROM facilities f WHERE f.deleted = 0"
        f" AND f.kind = '{STATION}' AND f.township_code = a.code) ORDER BY a.code",
        (prefix,)).fetchall()
    villages = store.conn.execute(
        f"SELECT a.code, a.name, coalesce(t.name, '') FROM areas a"
        f" LEFT JOIN areas t ON t.code = a.parent_code WHERE {live} AND a.level = 'village'"
        " AND NOT EXISTS (SELECT 1 FROM facilities f WHERE f.deleted = 0"
        f" AND f.kind = '{AGENCY}' AND f.village_code = a.code) ORDER BY a.code",
        (prefix,)).fetchall()
    return {
        "no_service_station": [{"code": c, "name": n, "township_code": c, "township_name": n,
                                "village_code": None} for c, n in towns],
        "no_agency_point": [{"code": c, "name": n, "township_code": c[:9] + "000",
                             "township_name": t, "village_code": c} for c, n, t in villages],
    }


def township_counts(store, county: str) -> dict[str, dict[str, int]]:
    """Per township of the county: stations, villages, villages with an agency point, terminals
    and terminals working."""
    out: dict[str, dict[str, int]] = {}
    for town, villages in store.conn.execute(
            "SELECT t.code, (SELECT count(*) FROM areas v WHERE v.parent_code = t.code"
            " AND v.level = 'village' AND v.deleted = 0) FROM areas t"
            " WHERE t.level = 'township' AND t.deleted = 0 AND substr(t.code, 1, 6) = ?",
            (county[:6],)):
        out[town] = {"stations": 0, "villages": villages, "villages_with_agency": 0,
                     "terminals": 0, "terminals_working": 0}
    for town, kind, n, villages, working in store.conn.execute(
            "SELECT township_code, kind, count(*), count(DISTINCT village_code),"
            f" sum(status = '{WORKING}') FROM facilities WHERE deleted = 0"
            " AND substr(township_code, 1, 6) = ? GROUP BY township_code, kind", (county[:6],)):
        row = out.get(town)
        if row is None:
            continue
        if kind == STATION:
            row["stations"] = n
        elif kind == AGENCY:
            row["villages_with_agency"] = villages
        elif kind == TERMINAL:
            row["terminals"], row["terminals_working"] = n, int(working or 0)
    return out


def located(store) -> list[tuple[str, str, float, float, str]]:
    """(kind, status, lon, lat, name) of every live record with a position (map layers)."""
    return store.conn.execute(
        "SELECT kind, coalesce(status, ''), lon, lat, name FROM facilities WHERE deleted = 0"
        " AND lon IS NOT NULL AND lat IS NOT NULL ORDER BY kind, township_code").fetchall()

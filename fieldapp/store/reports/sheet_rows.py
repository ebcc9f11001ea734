"""Rows for printed sheets: the households of a village with their latest complete visit, the
village's names and surveyors, a township's public places. Plain dicts; the reports layer decides
what is printed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fieldapp.core.divisions import county_of, township_of

from fieldapp.store.db import Store, _connect

_COLUMNS = (
    "h.uuid, h.village_code, h.group_no, h.head_name, h.id_masked, h.phone, h.size, h.address,"
    " h.status, h.status_reason, h.deleted, h.merged_into, v.answers, v.surveyor,"
    " coalesce(v.ended_at, v.started_at) AS visited_at, h.source, h.persons"
)
_NAMES = ("uuid", "village_code", "group_no", "head_name", "id_masked", "phone", "size", "address",
          "status", "status_reason", "deleted", "merged_into", "answers", "surveyor", "visited_at",
          "source", "persons")
_LATEST_VISIT = (
    " LEFT JOIN visits v ON v.uuid = (SELECT uuid FROM visits WHERE household_uuid = h.uuid"
    " AND state = 'complete' AND deleted = 0"
    " ORDER BY coalesce(ended_at, started_at) DESC, hlc DESC LIMIT 1)"
)
# Same order as queries.households(): the order people know from the household list; households
# found in the field (新发现户) come after the register's, in their own section of the sheet.
_ORDER = " ORDER BY h.source = 'field', CAST(h.group_no AS INTEGER), h.group_no, h.head_name, h.uuid"


def open_for_reading(path: str | Path) -> Store:
    """A read-only connection for worker processes (the parent has already opened and checked
    the file, so the integrity check is not repeated)."""
    p = Path(path)
    return Store(_connect(p, readonly=True), p)


def _dicts(cur) -> list[dict[str, Any]]:
    out = []
    for row in cur:
        d = dict(zip(_NAMES, row))
        d["answers"] = json.loads(d["answers"]) if d["answers"] else None
        out.append(d)
    return out


def village_households(store: Store, village_code: str) -> list[dict[str, Any]]:
    """Every household of the village's register (all statuses), with its latest complete visit."""
    cur = store.conn.execute(
        f"SELECT {_COLUMNS} FROM households h {_LATEST_VISIT}"
        " WHERE h.village_code = ? AND h.deleted = 0 AND h.merged_into IS NULL" + _ORDER,
        (village_code,))
    return _dicts(cur)


def households_by_uuid(store: Store, uuids: list[str]) -> dict[str, dict[str, Any]]:
    """The given households as they are now, deleted or merged ones included."""
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(uuids), 500):
        part = uuids[i:i + 500]
        marks = ",".join("?" for _ in part)
        cur = store.conn.execute(
            f"SELECT {_COLUMNS} FROM households h {_LATEST_VISIT} WHERE h.uuid IN ({marks})", part)
        out.update((d["uuid"], d) for d in _dicts(cur))
    return out


def area_names(store: Store, code: str) -> dict[str, str]:
    """{code: name} of the area and its parents."""
    codes = {code, township_of(code), county_of(code)}
    marks = ",".join("?" for _ in codes)
    return dict(store.conn.execute(
        f"SELECT code, name FROM areas WHERE code IN ({marks})", sorted(codes)))


def village_visits_summary(store: Store, village_code: str) -> dict[str, Any]:
    """Surveyors (most visits first) and first/last date of the village's complete visits."""
    rows = store.conn.execute(
        "SELECT v.surveyor, count(*), min(coalesce(v.ended_at, v.started_at)),"
        " max(coalesce(v.ended_at, v.started_at)) FROM visits v"
        " JOIN households h ON h.uuid = v.household_uuid"
        " WHERE h.village_code = ? AND h.deleted = 0 AND v.state = 'complete' AND v.deleted = 0"
        " GROUP BY v.surveyor ORDER BY 2 DESC, 1", (village_code,)).fetchall()
    firsts = [r[2] for r in rows if r[2]]
    lasts = [r[3] for r in rows if r[3]]
    return {
        "surveyors": [r[0] for r in rows if r[0]],
        "first": min(firsts)[:10] if firsts else "",
        "last": max(lasts)[:10] if lasts else "",
    }


def villages_under(store: Store, code: str) -> list[dict[str, Any]]:
    """Villages (code, name, township_code, households) of a township or county, by code.
    A village code gives just that village."""
    if code.endswith("000000"):
        where, args = "a.code >= ? AND a.code < ?", (code[:6], code[:6] + "a")
    elif code.endswith("000"):
        where, args = "a.code >= ? AND a.code < ?", (code[:9], code[:9] + "a")
    else:
        where, args = "a.code = ?", (code,)
    cur = store.conn.execute(
        "SELECT a.code, a.name, a.parent_code, (SELECT count(*) FROM households h"
        " WHERE h.village_code = a.code AND h.deleted = 0 AND h.merged_into IS NULL)"
        f" FROM areas a WHERE a.level = 'village' AND a.deleted = 0 AND {where} ORDER BY a.code",
        args)
    return [{"code": c, "name": n, "township_code": p, "households": k} for c, n, p, k in cur]


def townships_under(store: Store, code: str) -> list[dict[str, Any]]:
    if not code.endswith("000000"):
        code = township_of(code)
        where, args = "code = ?", (code,)
    else:
        where, args = "parent_code = ?", (code,)
    cur = store.conn.execute(
        f"SELECT code, name FROM areas WHERE level = 'township' AND deleted = 0 AND {where}"
        " ORDER BY code", args)
    return [{"code": c, "name": n} for c, n in cur]


def area_level(store: Store, code: str) -> str | None:
    row = store.conn.execute(
        "SELECT level FROM areas WHERE code = ? AND deleted = 0", (code,)).fetchone()
    return row[0] if row else None


def public_places(store: Store, township_code: str) -> list[dict[str, Any]]:
    cur = store.conn.execute(
        "SELECT p.uuid, p.township_code, p.village_code, a.name, p.place_type, p.name,"
        " p.answers, p.state, p.surveyor, p.updated_at, p.deleted FROM public_places p"
        " LEFT JOIN areas a ON a.code = p.village_code"
        " WHERE p.township_code = ? AND p.deleted = 0"
        " ORDER BY p.place_type, p.village_code, p.name, p.uuid", (township_code,))
    return _places(cur)


def public_places_by_uuid(store: Store, uuids: list[str]) -> dict[str, dict[str, Any]]:
    marks = ",".join("?" for _ in uuids) or "NULL"
    cur = store.conn.execute(
        "SELECT p.uuid, p.township_code, p.village_code, a.name, p.place_type, p.name,"
        " p.answers, p.state, p.surveyor, p.updated_at, p.deleted FROM public_places p"
        f" LEFT JOIN areas a ON a.code = p.village_code WHERE p.uuid IN ({marks})", uuids)
    return {d["uuid"]: d for d in _places(cur)}


def _places(cur) -> list[dict[str, Any]]:
    names = ("uuid", "township_code", "village_code", "village_name", "place_type", "name",
             "answers", "state", "surveyor", "updated_at", "deleted")
    out = []
    for row in cur:
        d = dict(zip(names, row))
        d["answers"] = json.loads(d["answers"] or "{}")
        out.append(d)
    return out

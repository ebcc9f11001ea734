"""Read queries of the map layer: area boundaries (GeoJSON text in areas.boundary, WGS84) and
household positions (households.lon/lat, WGS84). Writes go through `store.write()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from fieldapp.store.households.queries import _area_filter

_LIVE = "deleted = 0 AND merged_into IS NULL"


def areas(store) -> list[tuple[str, str, str, str | None]]:
    """(code, name, level, parent_code) of every live area, ordered by code."""
    return store.conn.execute(
        "SELECT code, name, level, parent_code FROM areas WHERE deleted = 0 ORDER BY code"
    ).fetchall()


def boundaries(store, *, level: str | None = None,
               under: str | None = None) -> list[tuple[str, str, str, str | None, str]]:
    """(code, name, level, parent_code, boundary GeoJSON text) of areas that have a boundary."""
    sql = ("SELECT code, name, level, parent_code, boundary FROM areas"
           " WHERE deleted = 0 AND boundary IS NOT NULL AND boundary != ''")
    args: list[Any] = []
    if level:
        sql += " AND level = ?"
        args.append(level)
    if under:
        sql += " AND code LIKE ?"
        args.append(_prefix(under) + "%")
    return store.conn.execute(sql + " ORDER BY code", args).fetchall()


def boundary(store, code: str) -> str | None:
    row = store.conn.execute("SELECT boundary FROM areas WHERE code = ?", (code,)).fetchone()
    return row[0] if row else None


def household_points(store, area_code: str | None = None) -> list[tuple[str, str, str, float, float]]:
    """(uuid, village_code, status, lon, lat) of located live households, in village order."""
    sql = f"SELECT uuid, village_code, status, lon, lat FROM households WHERE {_LIVE}" \
          " AND lon IS NOT NULL AND lat IS NOT NULL"
    args: tuple = ()
    if area_code:
        where, args = _area_filter(area_code)
        sql += f" AND {where}"
    return store.conn.execute(sql + " ORDER BY village_code", args).fetchall()


def check_points(store, area_code: str | None = None) -> list[tuple[int, int, float, float]]:
    """(rowid, village code as an integer, lon, lat) of located live households: numbers only,
    so a county loads fast for the spatial checks (uuids are fetched for the flagged few)."""
    sql = (f"SELECT rowid, CAST(village_code AS INTEGER), lon, lat FROM households WHERE {_LIVE}"
           " AND lon IS NOT NULL AND lat IS NOT NULL")
    args: tuple = ()
    if area_code:
        where, args = _area_filter(area_code)
        sql += f" AND {where}"
    return store.conn.execute(sql, args).fetchall()


def household_position(store, uuid: str) -> tuple[float | None, float | None] | None:
    row = store.conn.execute("SELECT lon, lat FROM households WHERE uuid = ?", (uuid,)).fetchone()
    return (row[0], row[1]) if row else None


def household_placement(store, uuid: str) -> tuple[float | None, float | None, float | None] | None:
    """(lon, lat, outside_confirmed_m): the position and the distance outside its village the
    surveyor confirmed when placing it (None when inside or never confirmed)."""
    row = store.conn.execute("SELECT lon, lat, outside_confirmed_m FROM households WHERE uuid = ?",
                             (uuid,)).fetchone()
    return (row[0], row[1], row[2]) if row else None


def confirmed_outside(store, rowids: Sequence[int]) -> dict[int, float]:
    """rowid -> confirmed distance outside the village, for the households among `rowids` whose
    placement outside was confirmed."""
    out: dict[int, float] = {}
    for i in range(0, len(rowids), 500):
        chunk = [int(r) for r in rowids[i:i + 500]]
        marks = ",".join("?" for _ in chunk)
        out.update(store.conn.execute(
            f"SELECT rowid, outside_confirmed_m FROM households WHERE rowid IN ({marks}) "
            "AND outside_confirmed_m IS NOT NULL", chunk).fetchall())
    return out


def household_labels(store, uuids: Sequence[str]) -> dict[str, tuple[str, str | None]]:
    """uuid -> (head_name, group_no) for a few households (map labels, check listings)."""
    out: dict[str, tuple[str, str | None]] = {}
    for i in range(0, len(uuids), 500):
        chunk = list(uuids[i:i + 500])
        marks = ",".join("?" for _ in chunk)
        for uuid, name, group in store.conn.execute(
                f"SELECT uuid, head_name, group_no FROM households WHERE uuid IN ({marks})", chunk):
            out[uuid] = (name, group)
    return out


def household_keys(store) -> list[tuple[str, str, str, str | None, str | None]]:
    """(uuid, village_code, head_name, id_masked, group_no) of live households, for matching
    imported coordinates to households."""
    return store.conn.execute(
        f"SELECT uuid, village_code, head_name, id_masked, group_no FROM households WHERE {_LIVE}"
    ).fetchall()


def unlocated_by_village(store) -> list[tuple[str, str, int, int]]:
    """(village_code, village name, unlocated, households) for villages with unlocated households.

    The unlocated ones are found in the map index (lon/lat are index columns), so only they and
    the households of their villages are read, not the whole county."""
    return store.conn.execute(
        f"WITH u AS (SELECT village_code, count(*) AS n FROM households"
        f" WHERE {_LIVE} AND (lon IS NULL OR lat IS NULL) GROUP BY village_code)"
        f" SELECT u.village_code, a.name, u.n, (SELECT count(*) FROM households h"
        f"  WHERE h.village_code = u.village_code AND h.deleted = 0 AND h.merged_into IS NULL)"
        f" FROM u JOIN areas a ON a.code = u.village_code ORDER BY u.village_code"
    ).fetchall()


def households_for_export(store) -> list[tuple]:
    """(uuid, village_code, group_no, status, status_reason, last_visit_at, lon, lat) of located
    live households. No names, phones or ID numbers: map files travel further than the database.

    Read in table order by a plain scan (NOT INDEXED): nearly every household is wanted, and
    going through the map index would cost a lookup per row and a sort."""
    return store.conn.execute(
        f"SELECT uuid, village_code, group_no, status, status_reason, last_visit_at, lon, lat"
        f" FROM households NOT INDEXED WHERE {_LIVE} AND lon IS NOT NULL AND lat IS NOT NULL"
        f" ORDER BY rowid"
    ).fetchall()


def existing_uuids(store, uuids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    items = list(uuids)
    for i in range(0, len(items), 500):
        chunk = items[i:i + 500]
        marks = ",".join("?" for _ in chunk)
        found.update(r[0] for r in store.conn.execute(
            f"SELECT uuid FROM households WHERE {_LIVE} AND uuid IN ({marks})", chunk))
    return found


def _prefix(code: str) -> str:
    if code.endswith("000000"):
        return code[:6]
    if code.endswith("000"):
        return code[:9]
    return code


# ----- the map view: compact, fast reads keyed by rowid (stable while the database is open) ----
def map_points(store, statuses: Sequence[str]) -> list[tuple[int, int, float, float]]:
    """(rowid, index of status in `statuses`, lon, lat) of located live households.

    Integers and floats only: 218,800 rows load in about 0.15 s, where uuid strings would double
    that. The view asks for uuids of the few households it needs (`uuids_of`).
    """
    cases = " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(statuses) if s.isidentifier())
    return store.conn.execute(
        f"SELECT rowid, CASE status {cases} ELSE {len(statuses)} END, lon, lat FROM households"
        f" WHERE {_LIVE} AND lon IS NOT NULL AND lat IS NOT NULL").fetchall()


def uuids_of(store, rowids: Sequence[int]) -> dict[int, str]:
    return dict(_chunked(store, "SELECT rowid, uuid FROM households WHERE rowid IN ({})",
                         [int(r) for r in rowids]))


def rowids_of(store, uuids: Sequence[str]) -> dict[str, int]:
    return {u: r for r, u in _chunked(store, "SELECT rowid, uuid FROM households WHERE uuid IN ({})",
                                      list(uuids))}


def labels_of(store, rowids: Sequence[int]) -> dict[int, str]:
    """rowid -> household head, for map labels when zoomed in."""
    return dict(_chunked(store, "SELECT rowid, head_name FROM households WHERE rowid IN ({})",
                         [int(r) for r in rowids]))


def map_household(store, uuid: str) -> tuple[int, str, str, float | None, float | None] | None:
    """(rowid, status, village_code, lon, lat) of one household."""
    return store.conn.execute(
        "SELECT rowid, status, village_code, lon, lat FROM households WHERE uuid = ?",
        (uuid,)).fetchone()


def _chunked(store, sql: str, keys: list) -> list[tuple]:
    out: list[tuple] = []
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        out += store.conn.execute(sql.format(",".join("?" for _ in chunk)), chunk).fetchall()
    return out

"""Set-based counts behind the reconciliation (对账): households per village by source, status and
reason, and households that look like duplicates. The arithmetic lives in fieldapp.core.reconcile.
"""

from __future__ import annotations

from fieldapp.core.divisions import Area
from fieldapp.core.messages import ErrorCode

_LIVE = "deleted = 0 AND merged_into IS NULL"


def _filter(code: str) -> tuple[str, tuple[str, ...]]:
    if code.endswith("000000"):
        return "village_code >= ? AND village_code < ?", (code[:6], code[:6] + "a")
    if code.endswith("000"):
        return "village_code >= ? AND village_code < ?", (code[:9], code[:9] + "a")
    return "village_code = ?", (code,)


def area_list(store, code: str) -> list[Area]:
    """The area and everything below it (a county: townships and villages)."""
    prefix = code[:6] if code.endswith("000000") else code[:9] if code.endswith("000") else code
    return [Area(*r) for r in store.conn.execute(
        "SELECT code, name, level, parent_code, coalesce(unit_type, '') FROM areas"
        " WHERE deleted = 0 AND code >= ? AND code < ? ORDER BY code", (prefix, prefix + "a"))]


def status_counts(store, code: str) -> list[tuple[str, int, str, str, int, int]]:
    """(village_code, from_register 0/1, status, status_reason, households, persons on their
    rosters); an index-only scan of households_reconcile (v019)."""
    where, args = _filter(code)
    return store.conn.execute(
        f"SELECT village_code, source = 'register', status, status_reason, count(*), sum(persons)"
        f" FROM households INDEXED BY households_reconcile WHERE {_LIVE} AND {where}"
        f" GROUP BY village_code, source, status, status_reason", args).fetchall()


# Both halves run on the partial covering indexes households_dup_id / households_dup_name (v002),
# named with INDEXED BY: without ANALYZE statistics SQLite may prefer another index and take
# several times longer.
_DUPLICATES = """
WITH dup_id AS (
  SELECT id_hash FROM households INDEXED BY households_dup_id
  WHERE {live} AND id_hash IS NOT NULL GROUP BY id_hash HAVING count(*) > 1),
dup_name AS (
  SELECT village_code, group_no, head_name FROM households INDEXED BY households_dup_name
  WHERE {live} AND {where} GROUP BY village_code, group_no, head_name
  HAVING count(*) > 1 AND count(DISTINCT id_hash) < count(*)),
flagged AS (
  SELECT h.uuid, h.village_code, 'id' AS why FROM dup_id d
    JOIN households h INDEXED BY households_dup_id ON h.id_hash = d.id_hash
  WHERE h.{live} AND h.id_hash IS NOT NULL AND h.{where}
  UNION
  SELECT h.uuid, h.village_code, 'name' FROM dup_name d
    JOIN households h INDEXED BY households_dup_name ON h.village_code = d.village_code AND h.group_no IS d.group_no AND h.head_name = d.head_name
  WHERE h.{live})
"""


def duplicate_counts(store, code: str) -> list[tuple[str, int]]:
    """(village_code, households that look like a duplicate of another household).

    Probable duplicates: the same ID-number hash anywhere in the county, or the same head name
    in the same village group unless every one of them has a different ID number."""
    where, args = _filter(code)
    sql = _DUPLICATES.format(live=_LIVE, where=where)
    return store.conn.execute(
        sql + " SELECT village_code, count(DISTINCT uuid) FROM flagged GROUP BY village_code",
        (*args, *args)).fetchall()


def duplicate_households(store, code: str, limit: int = 1000) -> list[tuple]:
    """The households behind `duplicate_counts`: (uuid, village_code, group_no, head_name,
    id_masked, status, why 'id'|'name') with the members of one group next to each other."""
    where, args = _filter(code)
    sql = _DUPLICATES.format(live=_LIVE, where=where)
    return store.conn.execute(
        sql + " SELECT h.uuid, h.village_code, h.group_no, h.head_name, h.id_masked, h.status,"
        " min(f.why) FROM flagged f JOIN households h ON h.uuid = f.uuid GROUP BY h.uuid"
        " ORDER BY min(f.why), CASE WHEN min(f.why) = 'id' THEN h.id_hash END, h.village_code,"
        " h.group_no, h.head_name LIMIT ?", (*args, *args, limit)).fetchall()


def reconciliation(store, code: str | None = None, duplicates: bool = True):
    """Figures (fieldapp.core.reconcile) for an area; default the whole county."""
    from fieldapp.core.reconcile import reconcile

    code = code or store.setting("county_code") or ""
    areas = area_list(store, code)
    if not areas:
        from fieldapp.store.errors import NotFound

        raise NotFound(ErrorCode.AREA_NOT_IN_DATABASE, area=code)
    dups = duplicate_counts(store, code) if duplicates else ()
    return reconcile(areas, status_counts(store, code), dups, root=code)


def household_counts(store, code: str | None = None) -> dict[str, int]:
    """The household counts (fieldapp.core.reconcile.COUNT_KEYS) of an area, default the county:
    the one definition info, reconcile, the dashboard, the map legend, sheets and reports share.
    A database without areas yet counts nothing."""
    from fieldapp.core.reconcile import COUNT_KEYS

    code = code or store.setting("county_code") or ""
    if not area_list(store, code):
        return dict.fromkeys(COUNT_KEYS, 0)
    return reconciliation(store, code, duplicates=False).counts()


def schedule(store, today=None, target=None):
    """The programme calendar: the year from settings (programme_year), target 31 December
    unless the setting target_date or `target` says otherwise."""
    import datetime as dt

    from fieldapp.core.reconcile import Schedule

    today = today or dt.date.today()
    year = int(store.setting("programme_year") or today.year)
    if target is None and store.setting("target_date"):
        target = dt.date.fromisoformat(store.setting("target_date"))
    return Schedule.for_year(year, today, target)


def revisits(store, code: str | None = None, times: int = 2) -> list[dict]:
    """Households still counted nobody_home whose complete visits found nobody home at least
    `times` times: the list for a revisit at another hour (e.g. evening, weekend)."""
    code = code or store.setting("county_code") or ""
    where, args = _filter(code)
    rows = store.conn.execute(
        "SELECT h.uuid, h.village_code, h.group_no, h.head_name, count(v.uuid),"
        " max(coalesce(v.ended_at, v.started_at))"
        " FROM households h JOIN visits v ON v.household_uuid = h.uuid AND v.deleted = 0"
        "  AND v.state = 'complete' AND json_extract(v.answers, '$.visit_result') = 'nobody_home'"
        f" WHERE h.{_LIVE} AND h.status = 'not_visited' AND h.status_reason = 'nobody_home'"
        f" AND h.{where} GROUP BY h.uuid HAVING count(v.uuid) >= ?"
        " ORDER BY h.village_code, CAST(h.group_no AS INTEGER), h.group_no, h.head_name",
        (*args, max(1, int(times)))).fetchall()
    keys = ("household_id", "village_code", "group_no", "head_name", "nobody_home_visits",
            "last_visit_at")
    return [dict(zip(keys, r)) for r in rows]

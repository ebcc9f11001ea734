"""Set-based counts behind the reconciliation (对账): households per village by source, status and
reason, and households that look like duplicates. The arithmetic lives in fieldapp.core.reconcile.
"""

from __future__ import annotations

from fieldapp.core.divisions import Area

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


def status_counts(store, code: str) -> list[tuple[str, int, str, str, int]]:
    """(village_code, from_register 0/1, status, status_reason, households)."""
    where, args = _filter(code)
    return store.conn.execute(
        f"SELECT village_code, source = 'register', status, status_reason, count(*)"
        f" FROM households WHERE {_LIVE} AND {where}"
        f" GROUP BY 1, 2, 3, 4", args).fetchall()


_DUPLICATES = """
WITH live AS (
  SELECT uuid, village_code, coalesce(group_no, '') AS grp, head_name, id_hash
  FROM households WHERE {live} AND {where}),
dup_id AS (
  SELECT id_hash FROM households WHERE {live} AND id_hash IS NOT NULL
  GROUP BY id_hash HAVING count(*) > 1),
dup_name AS (
  SELECT village_code, grp, head_name FROM live
  GROUP BY village_code, grp, head_name
  HAVING count(*) > 1 AND count(DISTINCT id_hash) < count(*))
SELECT l.village_code, count(*) FROM live l
WHERE l.id_hash IN (SELECT id_hash FROM dup_id)
   OR (l.village_code, l.grp, l.head_name) IN (SELECT village_code, grp, head_name FROM dup_name)
GROUP BY l.village_code
"""


def duplicate_counts(store, code: str) -> list[tuple[str, int]]:
    """(village_code, households that look like a duplicate of another household).

    Probable duplicates: the same ID-number hash anywhere in the county, or the same head name
    in the same village group unless every one of them has a different ID number."""
    where, args = _filter(code)
    return store.conn.execute(_DUPLICATES.format(live=_LIVE, where=where), args).fetchall()


def duplicate_households(store, code: str, limit: int = 1000) -> list[tuple]:
    """The households behind `duplicate_counts`: (uuid, village_code, group_no, head_name,
    id_masked, status, why) ordered so that members of one group stand together."""
    where, args = _filter(code)
    sql = _DUPLICATES.format(live=_LIVE, where=where).rsplit("SELECT l.village_code", 1)[0]
    return store.conn.execute(
        sql + " SELECT h.uuid, h.village_code, h.group_no, h.head_name, h.id_masked, h.status,"
        " CASE WHEN h.id_hash IN (SELECT id_hash FROM dup_id) THEN 'id' ELSE 'name' END"
        " FROM live l JOIN households h ON h.uuid = l.uuid"
        " WHERE l.id_hash IN (SELECT id_hash FROM dup_id)"
        " OR (l.village_code, l.grp, l.head_name) IN (SELECT village_code, grp, head_name"
        " FROM dup_name)"
        " ORDER BY h.id_hash IS NULL, h.id_hash, h.village_code, h.group_no, h.head_name"
        " LIMIT ?", (*args, limit)).fetchall()


def reconciliation(store, code: str | None = None):
    """Figures (fieldapp.core.reconcile) for an area; default the whole county."""
    from fieldapp.core.reconcile import reconcile

    code = code or store.setting("county_code") or ""
    areas = area_list(store, code)
    if not areas:
        from .errors import NotFound

        raise NotFound(f"没有区划代码为 {code} 的地区")
    return reconcile(areas, status_counts(store, code), duplicate_counts(store, code), root=code)


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

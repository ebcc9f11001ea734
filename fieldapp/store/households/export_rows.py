"""Rows for `fieldapp export households`: one line per household with its id (the key the visits
workbook uses), village, group, head, masked ID number, status, reason and last visit date."""

from __future__ import annotations

from collections.abc import Iterator

from fieldapp.store.reports.reconciliation_counts import _filter

EXPORT_COLUMNS = ("household_id", "village_code", "village_name", "group_no", "head_name",
                  "id_masked", "status", "status_reason", "last_visit_date")


def household_rows(store, code: str | None = None) -> Iterator[tuple]:
    """Stream the households of an area (default the county) in register order."""
    where, args = _filter(code or store.setting("county_code") or "")
    where = where.replace("village_code", "h.village_code")
    yield from store.conn.execute(
        f"""SELECT h.uuid, h.village_code, a.name, h.group_no, h.head_name, h.id_masked,
        h.status, h.status_reason, substr(h.last_visit_at, 1, 10)
        FROM households h JOIN areas a ON a.code = h.village_code
        WHERE h.deleted = 0 AND h.merged_into IS NULL AND {where}
        ORDER BY h.village_code, CAST(h.group_no AS INTEGER), h.group_no, h.head_name, h.uuid""",
        args)


def household_count(store, code: str | None = None) -> int:
    where, args = _filter(code or store.setting("county_code") or "")
    return store.conn.execute(
        f"SELECT count(*) FROM households WHERE deleted = 0 AND merged_into IS NULL AND {where}",
        args).fetchone()[0]

"""Read queries used by the UI, the CLI and reports. Rows come back as plain dicts or tuples."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from fieldapp.core.pinyin import full_pinyin
from fieldapp.core.status import COVERED, MOVED, STATUSES, VACANT

HOUSEHOLD_LIST_COLUMNS = (
    "uuid", "village_code", "group_no", "head_name", "size", "phone", "id_masked",
    "status", "status_reason", "last_visit_at", "lon", "lat", "village_name",
)
# SQL for each list column (the village's name comes from the areas table).
_LIST_SELECT = ", ".join(
    "(SELECT a.name FROM areas a WHERE a.code = households.village_code) AS village_name"
    if c == "village_name" else c for c in HOUSEHOLD_LIST_COLUMNS)


@dataclass
class AreaNode:
    code: str
    name: str
    level: str
    parent_code: str | None
    unit_type: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    children: list["AreaNode"] = field(default_factory=list)

    @property
    def households(self) -> int:
        return sum(self.counts.values())

    @property
    def covered(self) -> int:
        return self.counts.get(COVERED, 0)

    @property
    def counted(self) -> int:
        """Households that count for the rate: vacant houses and moved-out households do not."""
        return self.households - self.counts.get(VACANT, 0) - self.counts.get(MOVED, 0)

    @property
    def coverage(self) -> float | None:
        return None if self.counted <= 0 else self.covered / self.counted


def area_tree(store) -> AreaNode | None:
    """The county with its townships and villages, each with household counts by status."""
    conn = store.conn
    nodes: dict[str, AreaNode] = {}
    root = None
    for code, name, level, parent, unit in conn.execute(
        "SELECT code, name, level, parent_code, unit_type FROM areas WHERE deleted = 0"
        " ORDER BY code"
    ):
        nodes[code] = AreaNode(code, name, level, parent, unit or "")
    for node in nodes.values():
        if node.level == "county":
            root = node
        elif node.parent_code in nodes:
            nodes[node.parent_code].children.append(node)
    # INDEXED BY: without ANALYZE statistics SQLite picks the map's index and sorts the county.
    # Grouped by the index's columns, in its order: no temporary b-tree (twice as fast). One row
    # of JSON, not a row per group: the scan is one step of SQLite, during which other threads
    # run (the app reads this on a thread of its own while its window is being built).
    groups = conn.execute(
        "SELECT json_group_array(json_array(village_code, status, n)) FROM"
        " (SELECT village_code, status, count(*) AS n FROM households"
        "  INDEXED BY households_reconcile WHERE deleted = 0 AND merged_into IS NULL"
        "  GROUP BY village_code, source, status, status_reason)").fetchone()[0]
    for village, status, n in json.loads(groups):
        code = village
        while code in nodes:
            node = nodes[code]
            node.counts[status] = node.counts.get(status, 0) + n
            code = node.parent_code
    return root


def area(store, code: str) -> dict[str, Any] | None:
    cur = store.conn.execute("SELECT * FROM areas WHERE code = ?", (code,))
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row)) if row else None


def area_counts(store) -> dict[str, int]:
    return {
        lvl: n
        for lvl, n in store.conn.execute(
            "SELECT level, count(*) FROM areas WHERE deleted = 0 GROUP BY level")
    }


# The list's own order (village, group as a number, head), as the households_list index (v020)
# holds it: the first page of a township or the county is read from the index, not sorted.
_LIST_ORDER = ("village_code {d}, CAST(group_no AS INTEGER) {d}, group_no {d}, head_name {d},"
               " uuid {d}")
_ORDERS = {
    "group_no": _LIST_ORDER,
    "head_name": "head_name {d}",
    "size": "size {d}",
    "phone": "phone {d}",
    "id_masked": "id_masked {d}",
    "status": "status {d}, status_reason {d}",
    "status_reason": "status_reason {d}",
    "last_visit_at": "last_visit_at {d}",
    "village_code": _LIST_ORDER,
    "village_name": _LIST_ORDER,  # villages in their official (code) order
}


def search_condition(store, search: str) -> tuple[str, list[Any]]:
    """SQL condition (and its parameters) for the household search box.

    Letters match pinyin initials (lqj -> 李强军) or full pinyin (liqiangj); anything else matches
    the head's name, the phone number or masked ID number (so their last digits find them) and the
    door number (address).
    """
    s = search.strip()
    if s.isascii() and s.isalpha():
        s = s.lower()
        store.conn.create_function("fa_pinyin", 1, full_pinyin, deterministic=True)
        # Full pinyin is computed only for heads whose initials start with the same letter.
        return ("(head_initials LIKE ? OR head_name LIKE ?"
                " OR (head_initials LIKE ? AND fa_pinyin(head_name) LIKE ?))",
                [s + "%", "%" + s + "%", s[0] + "%", s + "%"])
    like = "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return ("(head_name LIKE ? ESCAPE '\\' OR phone LIKE ? ESCAPE '\\'"
            " OR id_masked LIKE ? ESCAPE '\\' OR address LIKE ? ESCAPE '\\')", [like] * 4)


def _area_filter(code: str) -> tuple[str, tuple]:
    """SQL condition on households.village_code for a county, township or village code."""
    if code.endswith("000000"):
        return "village_code >= ? AND village_code < ?", (code[:6], code[:6] + "a")
    if code.endswith("000"):
        return "village_code >= ? AND village_code < ?", (code[:9], code[:9] + "a")
    return "village_code = ?", (code,)


def households(
    store,
    area_code: str,
    *,
    status: str | None = None,
    search: str = "",
    limit: int | None = None,
    offset: int = 0,
    order: str = "group_no",
    descending: bool = False,
) -> list[tuple]:
    """Household rows (HOUSEHOLD_LIST_COLUMNS) of an area, ordered by group and name.

    `search` matches the head's name, pinyin initials (zs -> 张三), phone or masked ID.
    """
    where, params = _area_filter(area_code)
    sort = _ORDERS.get(order, _ORDERS["group_no"])
    key = search.strip().lower()
    # In the list's own order (by group, or by village as the window starts): best match first.
    best_first = sort is _LIST_ORDER and key.isascii() and key.isalpha()
    # The list's index (v020) finds the area's households; in the list's own order it also
    # gives them sorted, a page at a time. Named: without ANALYZE statistics SQLite prefers the
    # map's index, reads the whole county and sorts it (0.6 s) even for one township.
    sql = [f"SELECT {_LIST_SELECT} FROM households INDEXED BY households_list"
           f" WHERE deleted = 0 AND merged_into IS NULL AND {where}"]
    args: list[Any] = list(params)
    if status:
        sql.append("AND status = ?")
        args.append(status)
    if search.strip():
        cond, more = search_condition(store, search)
        sql.append("AND " + cond)
        args += more
    sort = sort.replace("{d}", "DESC" if descending else "ASC")
    if "uuid" not in sort:
        sort += ", uuid"
    if best_first:
        # Best match first: whole initials (lqj -> 李强军), then the rest in list order, so Enter
        # in the search box opens the household people mean.
        sort = "head_initials <> ? OR head_initials IS NULL, " + sort
        args.append(key)
    sql.append(f"ORDER BY {sort}")
    if limit is not None:
        sql.append("LIMIT ? OFFSET ?")
        args += [limit, offset]
    return store.conn.execute(" ".join(sql), args).fetchall()


def household_count(store, area_code: str, *, status: str | None = None, search: str = "") -> int:
    where, params = _area_filter(area_code)
    index = "" if search else " INDEXED BY households_reconcile"
    sql = (f"SELECT count(*) FROM households{index} WHERE deleted = 0 AND merged_into IS NULL"
           f" AND {where}")
    args: list[Any] = list(params)
    if status:
        sql += " AND status = ?"
        args.append(status)
    if search.strip():
        cond, more = search_condition(store, search)
        sql += " AND " + cond
        args += more
    return store.conn.execute(sql, args).fetchone()[0]


def household(store, uuid: str) -> dict[str, Any] | None:
    cur = store.conn.execute(
        "SELECT h.*, a.name AS village_name FROM households h"
        " JOIN areas a ON a.code = h.village_code WHERE h.uuid = ?", (uuid,))
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row)) if row else None


def visits_of(store, household_uuid: str) -> list[dict[str, Any]]:
    cur = store.conn.execute(
        "SELECT uuid, form_id, form_version, answers, state, surveyor, device, started_at,"
        " ended_at FROM visits WHERE household_uuid = ? AND deleted = 0"
        " ORDER BY coalesce(ended_at, started_at) DESC, hlc DESC", (household_uuid,))
    names = [d[0] for d in cur.description]
    out = []
    for row in cur:
        d = dict(zip(names, row))
        d["answers"] = json.loads(d["answers"] or "{}")
        out.append(d)
    return out


def history_of(store, record_uuids: list[str]) -> list[dict[str, Any]]:
    """Audit entries (field changes) of the given records, newest first."""
    if not record_uuids:
        return []
    marks = ",".join("?" for _ in record_uuids)
    cur = store.conn.execute(
        f"SELECT tbl, record_uuid, field, old, new, user, device_id, at FROM audit_log"
        f" WHERE record_uuid IN ({marks}) ORDER BY id DESC", record_uuids)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur]


def visit_count(store) -> int:
    """Visits (not deleted): a scan of the whole visits table, about 0.1 s for a county."""
    return store.conn.execute("SELECT count(*) FROM visits WHERE deleted = 0").fetchone()[0]


def info(store) -> dict[str, Any]:
    """The `fieldapp info` summary (keys per DESIGN.md)."""
    conn = store.conn
    levels = area_counts(store)
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    from fieldapp.store.reports.reconciliation_counts import household_counts

    county = store.setting("county_code") or ""
    status = household_counts(store)
    return {
        "role": store.role,
        "schema_version": store.schema_version,
        "county_code": county[:6],
        "device_id": store.device_id,
        "counts": {
            "townships": levels.get("township", 0),
            "villages": levels.get("village", 0),
            "households": status["households"],
            "visits": visit_count(store),
            "located_households": one(
                "SELECT count(*) FROM households WHERE deleted = 0 AND lon IS NOT NULL"),
        },
        "status": status,
        "changes": one("SELECT count(*) FROM changes"),
    }

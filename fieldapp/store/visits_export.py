"""Rows for `fieldapp export answers`: every visit (not deleted) of the live households of an area
with its household, village and raw answers, and the answer keys that occur (to make columns
before the rows stream)."""

from __future__ import annotations

from collections.abc import Iterator

from fieldapp.store.reports.reconciliation_counts import _filter

VISIT_COLUMNS = ("visit_id", "form_id", "form_version", "household_id", "township_name",
                 "village_code", "village_name", "group_no", "head_name", "household_size",
                 "household_source", "household_status", "surveyor", "started_at", "ended_at",
                 "state", "answers")

_FROM = """FROM visits x{each} JOIN households h ON h.uuid = x.household_uuid
  JOIN areas v ON v.code = h.village_code LEFT JOIN areas t ON t.code = v.parent_code
  WHERE x.deleted = 0 AND h.deleted = 0 AND {where}"""


def _area(store, code: str | None) -> tuple[str, tuple]:
    where, args = _filter(code or store.setting("county_code") or "")
    return where.replace("village_code", "h.village_code"), args


def visit_rows(store, code: str | None = None) -> Iterator[tuple]:
    """Stream the visits of an area (default the county) in village, group and time order."""
    where, args = _area(store, code)
    yield from store.conn.execute(
        f"""SELECT x.uuid, x.form_id, x.form_version, h.uuid, t.name, h.village_code, v.name,
        h.group_no, h.head_name, h.size, h.source, h.status, x.surveyor, x.started_at,
        x.ended_at, x.state, x.answers {_FROM.format(each="", where=where)}
        ORDER BY h.village_code, CAST(h.group_no AS INTEGER), h.group_no, h.head_name, h.uuid,
        coalesce(x.ended_at, x.started_at), x.uuid""", args)


def answer_keys(store, code: str | None = None) -> tuple[list[str], dict[str, list[str]]]:
    """The answer keys the visits of an area use, in first-seen order, and for each repeat group
    (an answer that is a list of objects, e.g. a member roster) the keys of its rows."""
    where, args = _area(store, code)
    each = ", json_each(x.answers) j"
    keys = [k for k, _ in store.conn.execute(
        f"SELECT j.key, min(x.rowid) {_FROM.format(each=each, where=where)}"
        " GROUP BY j.key ORDER BY 2, 1", args)]
    repeats: dict[str, list[str]] = {}
    each += ", json_each(j.value) e, json_each(e.value) r"
    for group, key, _ in store.conn.execute(
            f"SELECT j.key, r.key, min(x.rowid) {_FROM.format(each=each, where=where)}"
            " AND j.type = 'array' AND e.type = 'object' GROUP BY j.key, r.key ORDER BY 3, 1",
            args):
        repeats.setdefault(group, []).append(key)
    return keys, repeats


def nested_repeat_keys(store, code: str | None = None) -> dict[str, tuple[str, list[str]]]:
    """Repeats inside repeats (a list of objects inside a repeat row, e.g. each member's jobs):
    inner group -> (its outer group, the keys of its rows). One level of nesting; a deeper one
    stays a JSON cell."""
    where, args = _area(store, code)
    each = (", json_each(x.answers) j, json_each(j.value) e, json_each(e.value) r,"
            " json_each(r.value) f, json_each(f.value) i")
    nested: dict[str, tuple[str, list[str]]] = {}
    for outer, inner, key, _, _ in store.conn.execute(
            f"SELECT j.key, r.key, i.key, min(x.rowid), min(i.id)"
            f" {_FROM.format(each=each, where=where)}"
            " AND j.type = 'array' AND e.type = 'object' AND r.type = 'array'"
            " AND f.type = 'object' GROUP BY j.key, r.key, i.key ORDER BY 4, 5", args):
        nested.setdefault(inner, (outer, []))[1].append(key)
    return nested


def visit_forms(store, code: str | None = None) -> list[str]:
    """The form ids the visits of an area were made with."""
    where, args = _area(store, code)
    return [f for (f,) in store.conn.execute(
        f"SELECT DISTINCT x.form_id {_FROM.format(each='', where=where)} ORDER BY 1", args)]

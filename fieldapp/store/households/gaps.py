"""Gap follow-up (查缺补漏): not-covered households and their operator work orders.

A work order goes open -> done (the operator says so) -> verified (a later visit finds the
household covered). Work orders are synced records: every change goes through store.write().
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from fieldapp.core.errors import FieldappError
from fieldapp.core.messages import ErrorCode, Said
from fieldapp.core.reconcile import (
    ACTIVE_STATES,
    UNKNOWN_OPERATOR,
    WORK_ORDER_KINDS,
    is_overdue,
    work_order_kind,
)
from fieldapp.core.status import OPERATOR_LABELS_ZH, REASONS
from fieldapp.store.reports.reconciliation_counts import _filter
from fieldapp.store.short_ids import resolve_id

_LIVE = "h.deleted = 0 AND h.merged_into IS NULL"

GAP_COLUMNS = ("household_uuid", "village_code", "village_name", "township_name", "group_no",
               "head_name", "phone", "address", "id_masked", "status_reason", "last_visit_at",
               "order_uuid", "kind", "operator", "due_date", "state", "done_at", "notes",
               "reason_detail")
ORDER_COLUMNS = ("uuid", "household_uuid", "village_code", "village_name", "group_no",
                 "head_name", "phone", "kind", "operator", "due_date", "state", "opened_at",
                 "done_at", "verified_at", "notes", "household_status")


class WorkOrderError(FieldappError):
    code = "work_order"


def _area_clause(code: str | None) -> tuple[str, tuple]:
    if not code:
        return "1", ()
    where, args = _filter(code)
    return where.replace("village_code", "h.village_code"), args


def open_gaps(store, code: str | None = None) -> list[dict[str, Any]]:
    """Not-covered households of an area with their active work order (if any);
    `below_standard` when the household has TV but fails the standard (not working, no county
    channel, charged illegally, a spot check not confirmed), `reason_detail` the checklist's own
    reason beside it (why the TV does not work)."""
    where, args = _area_clause(code)
    cur = store.conn.execute(
        f"""SELECT h.uuid, h.village_code, v.name, t.name, h.group_no, h.head_name, h.phone,
        h.address, h.id_masked, h.status_reason, h.last_visit_at,
        o.uuid, o.kind, o.operator, o.due_date, o.state, o.done_at, o.notes,
        (SELECT json_extract(answers, '$.not_covered_reason') FROM visits
         WHERE household_uuid = h.uuid AND state = 'complete' AND deleted = 0
         ORDER BY coalesce(ended_at, started_at) DESC, hlc DESC LIMIT 1)
        FROM households h JOIN areas v ON v.code = h.village_code
        LEFT JOIN areas t ON t.code = v.parent_code
        LEFT JOIN work_orders o ON o.uuid = (
          SELECT uuid FROM work_orders WHERE household_uuid = h.uuid AND deleted = 0
          AND state IN ('open', 'done') ORDER BY opened_at DESC LIMIT 1)
        WHERE {_LIVE} AND h.status = 'not_covered' AND {where}
        ORDER BY h.village_code, CAST(h.group_no AS INTEGER), h.group_no, h.head_name""", args)
    rows = [dict(zip(GAP_COLUMNS, r)) for r in cur]
    for r in rows:
        r["below_standard"] = r["status_reason"] not in REASONS  # not the checklist's reasons
        if r["reason_detail"] == r["status_reason"]:
            r["reason_detail"] = None
    return rows


def work_orders(store, code: str | None = None, *, states: Iterable[str] | None = None,
                overdue_on: dt.date | None = None) -> list[dict[str, Any]]:
    """Work orders of an area (default the active ones); `overdue_on` keeps only those open
    past their due date on that day."""
    where, args = _area_clause(code)
    states = tuple(states or ACTIVE_STATES)
    marks = ",".join("?" for _ in states)
    sql = (f"""SELECT o.uuid, o.household_uuid, h.village_code, v.name, h.group_no, h.head_name,
        h.phone, o.kind, o.operator, o.due_date, o.state, o.opened_at, o.done_at, o.verified_at,
        o.notes, h.status FROM work_orders o JOIN households h ON h.uuid = o.household_uuid
        JOIN areas v ON v.code = h.village_code
        WHERE o.deleted = 0 AND o.state IN ({marks}) AND {where}""")
    params: list[Any] = [*states, *args]
    if overdue_on is not None:
        sql += " AND o.state = 'open' AND o.due_date IS NOT NULL AND o.due_date < ?"
        params.append(overdue_on.isoformat())
    sql += " ORDER BY o.due_date IS NULL, o.due_date, h.village_code, h.head_name"
    rows = [dict(zip(ORDER_COLUMNS, r)) for r in store.conn.execute(sql, params)]
    today = overdue_on or dt.date.today()
    for r in rows:
        r["overdue"] = is_overdue(r["state"], r["due_date"], today)
    return rows


def check_order_request(operator: str, due_date: str | None, kind: str | None = None,
                        today: dt.date | None = None) -> None:
    """Refuse a work order nobody can act on: an unknown kind, no operator, a due date that is
    not a date or has already passed."""
    if kind is not None and kind not in WORK_ORDER_KINDS:
        raise WorkOrderError(ErrorCode.WORK_ORDER_KIND, kinds=", ".join(WORK_ORDER_KINDS))
    if not operator.strip():
        raise WorkOrderError(ErrorCode.WORK_ORDER_OPERATOR)
    if not due_date:
        return
    try:
        due = dt.date.fromisoformat(due_date)
    except ValueError:
        raise WorkOrderError(ErrorCode.WORK_ORDER_DUE_FORMAT, value=due_date) from None
    today = today or dt.date.today()
    if due < today:
        raise WorkOrderError(ErrorCode.WORK_ORDER_DUE_PAST, due=due.isoformat(),
                             today=today.isoformat())


def create_work_orders(store, household_uuids: Iterable[str], *, operator: str,
                       due_date: str | None, kind: str | None = None, notes: str = "",
                       user: str | None = None, today: dt.date | None = None) -> list[str]:
    """Open one work order per household that has no active one; `kind` None picks the usual
    kind from the household's reason. Returns the new orders' uuids."""
    check_order_request(operator, due_date, kind, today)
    records = order_records(store, household_uuids, operator=operator, due_date=due_date,
                            kind=kind, notes=notes, today=today)
    if not records:
        return []
    with store.write(user) as w:
        return w.insert_many("work_orders", records)


def order_records(store, household_uuids: Iterable[str], *, operator: str | None,
                  due_date: str | None, kind: str | None = None, notes: str = "",
                  today: dt.date | None = None) -> list[dict[str, Any]]:
    """The work orders to insert for the households without an active one (checked request);
    `operator` None: the operator the household's latest visit names."""
    wanted = list(dict.fromkeys(household_uuids))
    rows = store.conn.execute(
        """SELECT h.uuid, h.status_reason, (SELECT answers FROM visits WHERE household_uuid = h.uuid
          AND state = 'complete' AND deleted = 0 ORDER BY coalesce(ended_at, started_at) DESC,
          hlc DESC LIMIT 1),
        EXISTS (SELECT 1 FROM work_orders WHERE household_uuid = h.uuid AND deleted = 0
          AND state IN ('open', 'done'))
        FROM households h WHERE h.uuid IN (SELECT value FROM json_each(?))""",
        (json.dumps(wanted),)).fetchall()
    order = {u: i for i, u in enumerate(wanted)}
    rows.sort(key=lambda r: order[r[0]])  # orders come back in the caller's order
    found = {r[0] for r in rows}
    missing = [u for u in wanted if u not in found]
    if missing:
        raise WorkOrderError(ErrorCode.HOUSEHOLD_NOT_FOUND, uuid=missing[0])
    opened = (today or dt.date.today()).isoformat()
    records = []
    for uuid, reason, answers, active in rows:
        if active:
            continue
        a = json.loads(answers) if answers else {}
        unhanded = a.get("paid_cable_subscriber") == "yes" and a.get("handed_over") == "no"
        op = a.get("operator")
        who = operator or (OPERATOR_LABELS_ZH.get(op, "") if op != "none" else "") or UNKNOWN_OPERATOR
        records.append({"household_uuid": uuid, "kind": kind or work_order_kind(reason, unhanded),
                        "operator": who.strip(), "due_date": due_date or None,
                        "state": "open", "opened_at": opened, "notes": notes or None})
    return records


def order_uuid_of(store, text: str) -> str:
    """The work order a user names by its short id (as `workorders list` prints) or uuid."""
    return resolve_id(store, "work_orders", text, error=WorkOrderError,
                      missing=ErrorCode.WORK_ORDER_NOT_FOUND, what="工单", order=text)


def set_state(store, order_uuid: str, state: str, *, on: str | None = None, note: str = "",
              user: str | None = None) -> bool:
    """Operator marks done (or the county cancels / reopens); the order may be named by its
    short id. Returns False if unchanged."""
    order_uuid = order_uuid_of(store, order_uuid)
    row = store.conn.execute("SELECT state FROM work_orders WHERE uuid = ? AND deleted = 0",
                             (order_uuid,)).fetchone()
    allowed = {"open": ("done", "cancelled"), "done": ("open", "cancelled"),
               "cancelled": ("open",), "verified": ()}
    if state == row[0]:
        return False
    if state not in allowed[row[0]]:
        raise WorkOrderError(ErrorCode.WORK_ORDER_STATE, old=row[0], new=state)
    values: dict[str, Any] = {"state": state}
    if state == "done":
        values["done_at"] = on or dt.date.today().isoformat()
    if state == "open":
        values["done_at"] = None
    if note:
        values["notes"] = note
    with store.write(user) as w:
        return w.update("work_orders", order_uuid, values) > 0


def verify_by_revisits(store, user: str | None = None) -> int:
    """Orders done by the operator whose household a later visit found covered become verified.
    Returns how many were verified."""
    rows = store.conn.execute(
        """SELECT o.uuid, h.last_visit_at, (SELECT uuid FROM visits WHERE household_uuid = h.uuid
          AND state = 'complete' AND deleted = 0 ORDER BY coalesce(ended_at, started_at) DESC,
          hlc DESC LIMIT 1)
        FROM work_orders o JOIN households h ON h.uuid = o.household_uuid
        WHERE o.deleted = 0 AND o.state = 'done' AND h.status = 'covered'
          AND h.last_visit_at IS NOT NULL AND substr(h.last_visit_at, 1, 10) >= o.done_at"""
    ).fetchall()
    if not rows:
        return 0
    with store.write(user) as w:
        for uuid, visited_at, visit in rows:
            w.update("work_orders", uuid, {"state": "verified",
                                           "verified_at": str(visited_at)[:10],
                                           "verified_visit_uuid": visit})
    return len(rows)


def mark_done_from_rows(store, rows: Iterable[tuple[int, str, str]], user: str | None = None):
    """Apply an operator's returned sheet: (row number, order uuid, done date) -> done.
    Returns (marked, problems[(row, reason)]). All in one transaction."""
    problems: list[tuple[int, Said]] = []
    todo = []
    for rowno, uuid, done in rows:
        try:
            day = dt.date.fromisoformat(str(done)[:10]).isoformat()
        except ValueError:
            problems.append((rowno, Said(ErrorCode.ORDER_BAD_DONE_DATE, value=done)))
            continue
        state = store.conn.execute("SELECT state FROM work_orders WHERE uuid = ? AND deleted = 0",
                                   (uuid,)).fetchone()
        if state is None:
            problems.append((rowno, Said(ErrorCode.WORK_ORDER_NOT_FOUND, order=uuid)))
        elif state[0] == "open":
            todo.append((uuid, day))
    if todo:
        with store.write(user) as w:
            for uuid, day in todo:
                w.update("work_orders", uuid, {"state": "done", "done_at": day})
    return len(todo), problems


# ----- the gap lists of `fieldapp gaps` (查缺补漏, issue 17 item 6) -------------------------------
HOUSEHOLD_COLUMNS = ("household_uuid", "village_code", "village_name", "township_name",
                     "group_no", "head_name", "phone", "address", "status", "status_reason",
                     "last_visit_at")
# The latest complete visit of each household (as store.households.status picks it).
_LATEST_VISIT = """
latest AS (SELECT household_uuid, answers FROM (
  SELECT household_uuid, answers, row_number() OVER (PARTITION BY household_uuid
         ORDER BY coalesce(ended_at, started_at) DESC, hlc DESC) AS rank
  FROM visits WHERE state = 'complete' AND deleted = 0) WHERE rank = 1)"""
# The latest decided spot check of each household (confirmed or not).
_LATEST_SPOT = """
spot AS (SELECT household_uuid, outcome, checked_at, checker, note FROM (
  SELECT household_uuid, outcome, checked_at, checker, note, row_number() OVER (
         PARTITION BY household_uuid ORDER BY checked_at DESC, hlc DESC) AS rank
  FROM spot_check_items WHERE outcome IN ('confirmed', 'not_confirmed')
    AND checked_at IS NOT NULL AND deleted = 0) WHERE rank = 1)"""
# Which households each list holds, and what more it shows: (condition, {column: expression}).
_ANSWER = "json_extract(l.answers, '$.{}')"
GAP_LISTS: dict[str, tuple[str, dict[str, str]]] = {
    "never_visited": ("h.status = 'not_visited' AND h.status_reason = ''", {}),
    "nobody_home": ("h.status = 'not_visited' AND h.status_reason = 'nobody_home'", {}),
    "not_handed_over": (
        f"{_ANSWER.format('paid_cable_subscriber')} = 'yes'"
        f" AND {_ANSWER.format('handed_over')} = 'no'",
        {"reception_mode": _ANSWER.format("reception_mode"),
         "operator": _ANSWER.format("operator")}),
    "illegal_charge": (
        f"{_ANSWER.format('illegal_charge')} = 'yes'",
        {"charge_amount": _ANSWER.format("charge_amount"),
         "charged_by": _ANSWER.format("charged_by")}),
    "spot_check_not_confirmed": (
        "s.outcome = 'not_confirmed'",
        {"checked_at": "s.checked_at", "checker": "s.checker", "note": "s.note"}),
}


def gap_households(store, kind: str, code: str | None = None) -> list[dict[str, Any]]:
    """The households of one gap list (a key of GAP_LISTS) in an area, in village order."""
    condition, extra = GAP_LISTS[kind]
    where, args = _area_clause(code)
    columns = ", ".join(extra.values())
    cur = store.conn.execute(
        f"""WITH {_LATEST_VISIT}, {_LATEST_SPOT}
        SELECT h.uuid, h.village_code, v.name, t.name, h.group_no, h.head_name, h.phone,
        h.address, h.status, h.status_reason, h.last_visit_at{', ' if extra else ''}{columns}
        FROM households h JOIN areas v ON v.code = h.village_code
        LEFT JOIN areas t ON t.code = v.parent_code
        LEFT JOIN latest l ON l.household_uuid = h.uuid
        LEFT JOIN spot s ON s.household_uuid = h.uuid
        WHERE {_LIVE} AND {where} AND {condition}
        ORDER BY h.village_code, CAST(h.group_no AS INTEGER), h.group_no, h.head_name""", args)
    names = HOUSEHOLD_COLUMNS + tuple(extra)
    return [dict(zip(names, r)) for r in cur]


def gap_lists(store, code: str | None = None,
              revisit_after: int = 2) -> dict[str, list[dict[str, Any]]]:
    """Every gap list of an area: not covered (and not to standard, with the reason and its
    detail) with the active work order, then each list of GAP_LISTS, with after nobody home the
    households nobody was home at `revisit_after` times or more (revisit at another hour)."""
    from fieldapp.store.reports.reconciliation_counts import revisits

    out: dict[str, list[dict[str, Any]]] = {"not_covered": open_gaps(store, code)}
    for kind in GAP_LISTS:
        out[kind] = gap_households(store, kind, code)
        if kind == "nobody_home":
            times = {r["household_id"]: r["nobody_home_visits"]
                     for r in revisits(store, code, revisit_after)}
            out["revisit"] = [dict(g, nobody_home_visits=times[g["household_uuid"]])
                              for g in out[kind] if g["household_uuid"] in times]
    return out

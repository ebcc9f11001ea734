"""Spot checks (常态化监管): the county draws a reproducible random sample of covered households
per village for re-verification; the sample (with its seed) and each outcome are kept as synced
records (spot_checks, spot_check_items) written through store.write()."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from fieldapp.core.errors import FieldappError
from fieldapp.core.messages import ErrorCode
from fieldapp.core.reconcile import SPOT_OUTCOMES, draw_sample
from fieldapp.store.households.gaps import order_records
from fieldapp.store.reports.reconciliation_counts import _filter
from fieldapp.store.short_ids import resolve_id


class SpotCheckError(FieldappError):
    code = "spot_check"


def covered_by_village(store, code: str) -> dict[str, list[str]]:
    where, args = _filter(code)
    out: dict[str, list[str]] = {}
    for village, uuid in store.conn.execute(
        f"SELECT village_code, uuid FROM households WHERE deleted = 0 AND merged_into IS NULL"
        f" AND status = 'covered' AND {where}", args):
        out.setdefault(village, []).append(uuid)
    return out


def draw(store, code: str, *, percent: float | None = None, count: int | None = None,
         seed: int | None = None, user: str | None = None, notes: str = "") -> str:
    """Draw and keep a sample; returns the spot check's uuid."""
    if (percent is None) == (count is None):
        raise SpotCheckError(ErrorCode.SPOT_CHECK_SIZE)
    if percent is not None and not 0 < percent <= 100:
        raise SpotCheckError(ErrorCode.SPOT_CHECK_PERCENT, percent=percent)
    if count is not None and count < 1:
        raise SpotCheckError(ErrorCode.SPOT_CHECK_COUNT, count=count)
    if store.conn.execute("SELECT 1 FROM areas WHERE code = ? AND deleted = 0",
                          (code,)).fetchone() is None:
        raise SpotCheckError(ErrorCode.AREA_NOT_IN_DATABASE, area=code)
    seed = secrets.randbelow(10**9) if seed is None else int(seed)
    population = covered_by_village(store, code)
    sample = draw_sample(population, seed, percent=percent, count=count)
    if not sample:
        raise SpotCheckError(ErrorCode.SPOT_CHECK_NOTHING)
    with store.write(user) as w:
        check = w.insert("spot_checks", {
            "area_code": code, "method": "percent" if percent is not None else "count",
            "amount": percent if percent is not None else count, "seed": seed,
            "population": sum(len(v) for v in population.values()),
            "drawn_at": dt.datetime.now().isoformat(timespec="seconds"),
            "drawn_by": w.user, "notes": notes or None})
        w.insert_many("spot_check_items", [
            {"check_uuid": check, "household_uuid": h, "village_code": v, "outcome": "pending"}
            for v, members in sample.items() for h in members])
    return check


def checks(store) -> list[dict[str, Any]]:
    cur = store.conn.execute(
        """SELECT c.uuid, c.area_code, a.name, c.method, c.amount, c.seed, c.population,
        c.drawn_at, c.drawn_by, count(i.uuid), sum(i.outcome != 'pending'),
        sum(i.outcome = 'confirmed'), sum(i.outcome = 'not_confirmed')
        FROM spot_checks c JOIN areas a ON a.code = c.area_code
        LEFT JOIN spot_check_items i ON i.check_uuid = c.uuid AND i.deleted = 0
        WHERE c.deleted = 0 GROUP BY c.uuid ORDER BY c.drawn_at DESC, c.uuid""")
    names = ("uuid", "area_code", "area_name", "method", "amount", "seed", "population",
             "drawn_at", "drawn_by", "sampled", "checked", "confirmed", "not_confirmed")
    return [dict(zip(names, r)) for r in cur]


ITEM_COLUMNS = ("uuid", "household_uuid", "village_code", "village_name", "group_no",
                "head_name", "phone", "address", "outcome", "checked_at", "checker", "note")


def check_uuid_of(store, text: str) -> str:
    """The spot check a user names by its short id (as `spotcheck draw/list` print) or uuid."""
    return resolve_id(store, "spot_checks", text, error=SpotCheckError,
                      missing=ErrorCode.SPOT_CHECK_NOT_FOUND, what="抽查", check=text)


def items(store, check_uuid: str) -> list[dict[str, Any]]:
    check_uuid = check_uuid_of(store, check_uuid)
    cur = store.conn.execute(
        """SELECT i.uuid, i.household_uuid, i.village_code, a.name, h.group_no, h.head_name,
        h.phone, h.address, i.outcome, i.checked_at, i.checker, i.note
        FROM spot_check_items i JOIN households h ON h.uuid = i.household_uuid
        JOIN areas a ON a.code = i.village_code
        WHERE i.check_uuid = ? AND i.deleted = 0
        ORDER BY i.village_code, CAST(h.group_no AS INTEGER), h.head_name""", (check_uuid,))
    return [dict(zip(ITEM_COLUMNS, r)) for r in cur]


def record(store, item_uuid: str, outcome: str, *, checker: str = "", note: str = "",
           on: str | None = None, user: str | None = None) -> dict[str, Any]:
    """Record one household's outcome; the item may be named by its short id. A household the
    check did not confirm goes back to not covered (store.households.status) and gets a repair
    work order for its operator, in the same transaction. Returns {"changed", "work_order"}."""
    if outcome not in SPOT_OUTCOMES:
        raise SpotCheckError(ErrorCode.SPOT_CHECK_OUTCOME, outcomes=", ".join(SPOT_OUTCOMES))
    item_uuid = resolve_id(store, "spot_check_items", item_uuid, error=SpotCheckError,
                           missing=ErrorCode.SPOT_CHECK_ITEM_NOT_FOUND, what="抽查记录",
                           item=item_uuid)
    values: dict[str, Any] = {"outcome": outcome,
                              "checked_at": None if outcome == "pending"
                              else (on or dt.date.today().isoformat())}
    if checker:
        values["checker"] = checker
    if note:
        values["note"] = note
    household = store.conn.execute("SELECT household_uuid FROM spot_check_items WHERE uuid = ?",
                                   (item_uuid,)).fetchone()[0]
    orders = order_records(store, [household], operator=None, due_date=None, kind="repair",
                           notes="抽查与登记不符" + (f"：{note}" if note else "")
                           ) if outcome == "not_confirmed" else []
    with store.write(user) as w:
        changed = w.update("spot_check_items", item_uuid, values) > 0
        made = w.insert_many("work_orders", orders) if changed and orders else []
    return {"changed": changed, "work_order": made[0] if made else None}


def results(store, check_uuid: str) -> list[dict[str, Any]]:
    """Per village: sampled, each outcome, and the share confirmed among those checked."""
    check_uuid = check_uuid_of(store, check_uuid)
    cur = store.conn.execute(
        """SELECT i.village_code, a.name, count(*), sum(outcome = 'pending'),
        sum(outcome = 'confirmed'), sum(outcome = 'not_confirmed'), sum(outcome = 'unreachable')
        FROM spot_check_items i JOIN areas a ON a.code = i.village_code
        WHERE i.check_uuid = ? AND i.deleted = 0 GROUP BY i.village_code ORDER BY 1""",
        (check_uuid,))
    out = []
    for village, name, n, pending, ok, bad, unreachable in cur:
        checked = ok + bad
        out.append({"village_code": village, "village_name": name, "sampled": n,
                    "pending": pending, "confirmed": ok, "not_confirmed": bad,
                    "unreachable": unreachable,
                    "confirmed_rate": None if not checked else round(ok / checked, 4)})
    return out

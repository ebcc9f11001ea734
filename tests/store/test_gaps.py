"""Gap follow-up: work orders open -> done -> verified by a revisit; overdue; the operator's
returned sheet; every change reaches the change log so it syncs."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from fieldapp.store.households import gaps
from fieldapp.tabular.gaps_export import export_gaps, read_done_dates

TODAY = dt.date(2026, 6, 1)
OPENED = dt.date(2026, 4, 1)  # the day the orders of these tests were opened


def not_covered(store, n=None, code=None):
    rows = gaps.open_gaps(store, code)
    return rows if n is None else rows[:n]


def test_create_orders_once_per_household_with_kind_from_reason(demo_store):
    gap = not_covered(demo_store)
    assert gap and all(g["order_uuid"] is None for g in gap)
    made = gaps.create_work_orders(demo_store, [g["household_uuid"] for g in gap],
                                   operator="电信", due_date="2026-07-01", today=OPENED)
    assert len(made) == len(gap)
    again = gaps.create_work_orders(demo_store, [g["household_uuid"] for g in gap],
                                    operator="联通", due_date="2026-07-01", today=OPENED)
    assert again == []  # no second active order for the same household
    by_household = {g["household_uuid"]: g for g in not_covered(demo_store)}
    for g in gap:
        kind = by_household[g["household_uuid"]]["kind"]
        if g["status_reason"] == "not_working":  # a TV that does not work: repair
            assert kind in ("repair", "handover")
        else:
            assert kind in ("install", "handover")
    n_logged = demo_store.conn.execute(
        "SELECT count(*) FROM changes WHERE tbl = 'work_orders' AND op = 'insert'").fetchone()[0]
    assert n_logged == len(gap)


def test_bad_input_is_refused(demo_store):
    hh = not_covered(demo_store, 1)[0]["household_uuid"]
    with pytest.raises(gaps.WorkOrderError, match="截止日期"):
        gaps.create_work_orders(demo_store, [hh], operator="电信", due_date="7月1日")
    with pytest.raises(gaps.WorkOrderError, match="运营商"):
        gaps.create_work_orders(demo_store, [hh], operator=" ", due_date=None)
    with pytest.raises(gaps.WorkOrderError, match="找不到户"):
        gaps.create_work_orders(demo_store, ["nope"], operator="电信", due_date=None)


def test_overdue_and_state_flow_with_verification_by_revisit(demo_store):
    a, b = (g["household_uuid"] for g in not_covered(demo_store, 2))
    oa, ob = gaps.create_work_orders(demo_store, [a, b], operator="移动", due_date="2026-05-01",
                                     kind="install", today=OPENED)
    overdue = gaps.work_orders(demo_store, overdue_on=TODAY)
    assert {o["uuid"] for o in overdue} == {oa, ob} and all(o["overdue"] for o in overdue)
    assert gaps.set_state(demo_store, oa, "done", on="2026-12-01")
    assert gaps.work_orders(demo_store, overdue_on=TODAY)[0]["uuid"] == ob
    with pytest.raises(gaps.WorkOrderError):
        gaps.set_state(demo_store, oa, "verified")  # only a revisit verifies
    assert gaps.verify_by_revisits(demo_store) == 0  # not revisited yet
    with demo_store.write("村干部") as w:  # the revisit finds the TV working
        w.insert("visits", {"household_uuid": a, "form_id": "f", "form_version": "1",
                            "state": "complete", "ended_at": "2026-12-05T09:00:00",
                            "answers": {"visit_result": "met", "reception_mode": "iptv",
                                        "works_now": "yes", "channels": "cctv county"}})
    assert gaps.verify_by_revisits(demo_store) == 1
    state, verified = demo_store.conn.execute(
        "SELECT state, verified_at FROM work_orders WHERE uuid = ?", (oa,)).fetchone()
    assert (state, verified) == ("verified", "2026-12-05")
    assert a not in {g["household_uuid"] for g in not_covered(demo_store)}
    gaps.set_state(demo_store, ob, "cancelled")
    assert gaps.work_orders(demo_store) == []
    ops = [r[0] for r in demo_store.conn.execute(
        "SELECT op FROM changes WHERE tbl = 'work_orders' AND record_uuid = ? ORDER BY seq",
        (oa,))]
    assert ops == ["insert", "update", "update"]


def test_revisit_before_done_date_does_not_verify(demo_store):
    hh = not_covered(demo_store, 1)[0]["household_uuid"]
    (order,) = gaps.create_work_orders(demo_store, [hh], operator="电信", due_date=None)
    with demo_store.write() as w:
        w.insert("visits", {"household_uuid": hh, "form_id": "f", "form_version": "1",
                            "state": "complete", "ended_at": "2026-03-01T09:00:00",
                            "answers": {"visit_result": "met", "reception_mode": "dbs",
                                        "works_now": "yes"}})
    gaps.set_state(demo_store, order, "done", on="2026-04-01")
    assert gaps.verify_by_revisits(demo_store) == 0


def test_gap_sheet_round_trip_with_the_operator(demo_store, tmp_path):
    code = "140824100000"
    gap = not_covered(demo_store, code=code)
    gaps.create_work_orders(demo_store, [g["household_uuid"] for g in gap], operator="电信",
                            due_date="2026-05-01", today=OPENED)
    out = tmp_path / "gaps.xlsx"
    assert export_gaps(demo_store, out, code, today=TODAY) == len(gap)
    wb = load_workbook(out)
    ws = wb["未覆盖户"]
    header = [c.value for c in ws[1]]
    assert header[0] == "工单编号" and "完成日期" in header
    assert ws.max_row == len(gap) + 1
    assert wb["逾期工单"].max_row == len(gap) + 1  # all overdue on TODAY
    col = header.index("完成日期") + 1
    ws.cell(row=2, column=col, value=dt.datetime(2026, 5, 3))
    ws.cell(row=3, column=col, value="2026-05-04")
    ws.cell(row=4, column=col, value="五月")
    wb.save(out)
    rows = read_done_dates(out)
    assert [r[0] for r in rows] == [2, 3, 4]
    marked, problems = gaps.mark_done_from_rows(demo_store, rows)
    assert marked == 2 and [(row, str(why)) for row, why in problems] == [(4, "完成日期无效: 五月")]
    assert problems[0][1].text("en") == "Not a valid completion date: 五月"
    done = dict(demo_store.conn.execute(
        "SELECT uuid, done_at FROM work_orders WHERE state = 'done'"))
    assert sorted(done.values()) == ["2026-05-03", "2026-05-04"]

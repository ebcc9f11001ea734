"""Visits written on paper: validated by the same form engine as the app, row-numbered rejects,
household keys by id or by village + head + masked ID, and a second import changes nothing."""

import datetime as dt

import pytest
from openpyxl import Workbook

from fieldapp.core.progress import Cancelled as ImportCancelled
from fieldapp.tabular.read import TabularError
from fieldapp.jobs.visits_import import import_visits

TODAY = dt.date(2026, 12, 1)
COLS = ["household_id", "走访日期", "核查人", "visit_result", "reception_mode", "works_now",
        "channels", "tv_sets", "operator", "broadband", "paid_cable_subscriber",
        "illegal_charge", "eb_terminal", "eb_working", "satisfaction", "head_confirmed"]
COVERED = ["met", "iptv", "yes", "cctv provincial county", 2, "telecom", "yes", "no", "no",
           "yes", "yes", "satisfied", "OK"]


def never_visited(store, n):
    return store.conn.execute(
        "SELECT uuid, village_code, head_name, id_masked FROM households"
        " WHERE status = 'not_visited' AND status_reason = '' ORDER BY uuid LIMIT ?",
        (n,)).fetchall()


def workbook(path, rows, cols=COLS):
    wb = Workbook()
    ws = wb.active
    ws.append(["纸质走访记录（2026 年 11 月）"])
    ws.append(cols)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def status(store, uuid):
    return store.conn.execute("SELECT status, status_reason FROM households WHERE uuid = ?",
                              (uuid,)).fetchone()


def count(store, table="visits"):
    return store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_paper_visits_import_validate_and_reimport_changes_nothing(demo_store, tmp_path):
    hh = never_visited(demo_store, 8)
    rows = [
        [hh[0][0], "2026-05-01", "李建华", *COVERED],                  # row 3: covered
        [hh[1][0], "2026/5/2", "李建华", "nobody_home"],               # row 4: nobody home
        [hh[2][0], "2026-05-03", "李建华", "met", "iptv"],             # row 5: incomplete
        [hh[3][0], "2026-05-03", "李建华", "met", "iptv", "maybe"],    # row 6: not a choice
        ["no-such-household", "2026-05-03", "李建华", "vacant"],       # row 7: unknown key
        [hh[4][0], "2026-13-03", "李建华", "vacant"],                  # row 8: bad date
        [hh[5][0], "2027-01-01", "李建华", "vacant"],                  # row 9: future date
        [hh[6][0], "2026-05-03", "", "vacant"],                        # row 10: no surveyor
        [hh[7][0], "2026-05-04", "王海燕", *COVERED[:4], 0, *COVERED[5:]],  # row 11: 0 TVs
        [hh[0][0], "2026-05-01", "李建华", *COVERED],                  # row 12: repeated
        [],                                                            # row 13: blank
        [hh[6][0], "2026-05-05", "王海燕", "vacant"],                  # row 14: vacant
    ]
    path = workbook(tmp_path / "visits.xlsx", rows)
    before = count(demo_store)
    r = import_visits(demo_store, path, today=TODAY)
    got = {p.row: p.reason for p in r.rejected}
    assert sorted(got) == [5, 6, 7, 8, 9, 10, 11, 12]
    assert got[5].startswith("works_now（") and "必填" in got[5]
    assert "maybe" in got[6]
    assert "household_id" in got[7]
    assert "日期" in got[8] and "之后" in got[9] and "核查人" in got[10]
    assert got[11].startswith("tv_sets（电视机台数）") and "至少 1 台" in got[11]
    assert "第 3 行" in got[12]
    assert (r.added, r.updated, r.unchanged) == (3, 0, 0)
    assert count(demo_store) == before + 3
    assert status(demo_store, hh[0][0]) == ("covered", "")
    assert status(demo_store, hh[1][0]) == ("not_visited", "nobody_home")
    assert status(demo_store, hh[6][0])[0] == "vacant"
    changes = count(demo_store, "changes")
    again = import_visits(demo_store, path, today=TODAY)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert count(demo_store, "changes") == changes

    rows[0][COLS.index("tv_sets")] = 3  # corrected on paper: three TV sets
    workbook(path, rows)
    third = import_visits(demo_store, path, today=TODAY)
    assert (third.added, third.updated, third.unchanged) == (0, 1, 2)
    audit = demo_store.conn.execute(
        "SELECT field, old, new FROM audit_log WHERE field = 'answers.tv_sets'").fetchall()
    assert audit == [("answers.tv_sets", "2", "3")]


def test_household_by_village_head_and_masked_id(demo_store, tmp_path):
    uuid, village, name, masked = never_visited(demo_store, 1)[0]
    cols = ["村区划代码", "户主姓名", "身份证号（脱敏）", "visit_date", "surveyor", "visit_result"]
    path = workbook(tmp_path / "v.xlsx", [[village, name, masked, "2026-06-01", "张志强",
                                           "refused"],
                                          [village, name, "140824********0000", "2026-06-01",
                                           "张志强", "refused"]], cols)
    r = import_visits(demo_store, path, today=TODAY)
    assert r.added == 1 and [p.row for p in r.rejected] == [4]
    assert status(demo_store, uuid)[0] == "refused"


def test_unknown_columns_and_missing_keys_are_file_errors(demo_store, tmp_path):
    path = workbook(tmp_path / "a.xlsx", [], COLS[:3] + ["visit_result", "电视好不好"])
    with pytest.raises(TabularError, match="电视好不好"):
        import_visits(demo_store, path)
    path = workbook(tmp_path / "b.xlsx", [], ["走访日期", "核查人", "visit_result"])
    with pytest.raises(TabularError, match="household_id"):
        import_visits(demo_store, path)


def test_cancel_leaves_database_unchanged(demo_store, tmp_path):
    hh = never_visited(demo_store, 3)
    path = workbook(tmp_path / "v.xlsx", [[h[0], "2026-05-01", "李建华", "vacant"] for h in hh])
    before = (count(demo_store), count(demo_store, "changes"))
    with pytest.raises(ImportCancelled):
        import_visits(demo_store, path, progress=lambda d, t: False, today=TODAY)
    assert (count(demo_store), count(demo_store, "changes")) == before

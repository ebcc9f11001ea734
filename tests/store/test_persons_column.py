"""不落一人: the people a household's latest complete visit lists on its member roster as living
there are kept on the household (households.persons, v019), so every count reads one column:
a visit saved, a later visit, an upgrade of an older database, and `fieldapp check`."""

from __future__ import annotations

import sqlite3

from fieldapp.store import Store
from fieldapp.store import visits as V
from fieldapp.store.check import check_database
from fieldapp.store.reports.reconciliation_counts import household_counts
from fieldapp.store.setup import new_county_database

MET = {"visit_result": "met", "reception_mode": "dtmb", "works_now": "yes",
       "channels": "cctv provincial county"}


def roster(*lives_here):
    return [{"name": f"成员{i}", "relation": "head" if i == 0 else "child", "lives_here": lh}
            for i, lh in enumerate(lives_here)]


def visit(store, household, answers):
    vid = V.start_visit(store, "t", household, "huhutong_household", "1", answers)
    V.complete_visit(store, "t", vid, {})


def persons_of(store, household):
    return store.conn.execute("SELECT persons FROM households WHERE uuid = ?",
                              (household,)).fetchone()[0]


def county(path):
    s = new_county_database(path, "140824")
    village = s.conn.execute(  # a village of the county's gazetteer
        "SELECT min(code) FROM areas WHERE level = 'village'").fetchone()[0]
    with s.write("t") as w:
        a = w.insert("households", {"village_code": village, "head_name": "张三", "source": "register"})
        b = w.insert("households", {"village_code": village, "head_name": "李四", "source": "register"})
    return s, a, b


def test_persons_follow_the_latest_visit_and_count_by_status(tmp_path):
    path = tmp_path / "c.fieldapp"
    s, a, b = county(path)
    with s:
        visit(s, a, {**MET, "members": roster("yes", "yes", "no")})  # one lives away
        visit(s, b, {"visit_result": "met", "reception_mode": "none",
                     "members": roster("yes", "yes", "yes", "yes")})
        assert (persons_of(s, a), persons_of(s, b)) == (2, 4)
        counts = household_counts(s)
        assert (counts["persons"], counts["persons_covered"]) == (6, 2)
        visit(s, a, {**MET, "members": roster("yes")})  # a later visit's roster decides
        visit(s, b, {"visit_result": "nobody_home"})  # no roster at the latest visit: none
        assert (persons_of(s, a), persons_of(s, b)) == (1, 0)
        counts = household_counts(s)
        assert (counts["persons"], counts["persons_covered"]) == (1, 1)
    status = lambda: next(f for f in check_database(path).findings if f.check == "status")
    assert status().ok
    conn = sqlite3.connect(path)  # a derived count gone wrong is what `fieldapp check` reports
    conn.execute("UPDATE households SET persons = 9 WHERE uuid = ?", (a,))
    conn.commit()
    conn.close()
    assert status().count == 1


def test_an_older_database_gets_its_persons_on_upgrade(tmp_path, monkeypatch):
    path = tmp_path / "v18.fieldapp"
    s, a, _ = county(path)
    visit(s, a, {**MET, "members": roster("yes", "yes", "yes")})
    s.close()
    # the same file as schema 18 left it: no persons column (today's writer writes today's
    # columns, so the older file is made by taking the column away)
    raw = sqlite3.connect(path)
    raw.execute("DROP INDEX households_reconcile")
    raw.execute("ALTER TABLE households DROP COLUMN persons")
    raw.execute("PRAGMA user_version = 18")
    raw.commit()
    raw.close()
    with Store.open(path) as s:
        assert persons_of(s, a) == 3
        assert household_counts(s)["persons_covered"] == 3

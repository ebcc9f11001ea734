"""Two real township databases edited independently merge at the county with exact counts,
field-level conflicts, idempotence and order independence."""

from __future__ import annotations

import shutil

from sync_helpers import snapshot, unvisited_households

from fieldapp.store import Store
from fieldapp.sync import conflicts


def _visit_of(path):
    with Store.open(path, readonly=True) as s:
        return s.conn.execute(
            "SELECT uuid, household_uuid FROM visits ORDER BY uuid LIMIT 1").fetchone()


def _edit_two_laptops(f):
    a, b = f.laptop("A"), f.laptop("B")
    hh, village = unvisited_households(a, 4)
    with Store.open(a, readonly=True) as s:
        base_phone = s.conn.execute("SELECT phone FROM households WHERE uuid = ?",
                                    (hh[0],)).fetchone()[0]
    visit, _ = _visit_of(a)
    with Store.open(a) as s, s.write("甲") as w:
        w.update("households", hh[0], {"phone": "13900000001"})
        w.update("households", hh[1], {"head_name": "张三丰"})
        w.insert("households", {"village_code": village, "group_no": "9", "head_name": "新户甲"})
        w.insert("visits", {"household_uuid": hh[3], "form_id": "huhutong_household",
                            "form_version": "2026112501", "state": "complete",
                            "answers": {"visit_result": "vacant"},
                            "ended_at": "2026-06-01T10:00:00"})
        w.update("visits", visit, {"answers": {"notes": "甲的备注"}})
    with Store.open(b) as s, s.write("乙") as w:
        w.update("households", hh[0], {"phone": "13900000002"})
        w.update("households", hh[2], {"size": 9})
        w.update("households", hh[1], {"notes": "乙的备注"})
        w.insert("households", {"village_code": village, "group_no": "8", "head_name": "新户乙"})
        w.update("visits", visit, {"answers": {"tv_sets": 3}})
    return a, b, hh, base_phone, visit


def test_two_laptops_merge_with_exact_counts_and_one_conflict(field_setup):
    f = field_setup
    a, b, hh, base_phone, visit = _edit_two_laptops(f)
    fa, fb = f.export(a, "a.fab"), f.export(b, "b.fab")
    county_before = shutil.copy(f.county_path, f.tmp / "county-before.sqlite")

    ra = f.merge(fa).as_json()
    assert ra["rejected"] == []
    assert ra["records"] == {"new": 2, "updated": 3, "unchanged": 0, "conflicts": 0}
    assert ra["applied"] == 5 and ra["conflicts"] == 0
    rb = f.merge(fb).as_json()
    assert rb["records"] == {"new": 1, "updated": 3, "unchanged": 0, "conflicts": 1}
    assert rb["applied"] == 5 and rb["conflicts"] == 1

    with f.county() as s:
        rows = conflicts.list_conflicts(s)
        h1 = s.conn.execute("SELECT head_name, notes, size FROM households WHERE uuid = ?",
                            (hh[1],)).fetchone()
        answers = s.conn.execute("SELECT answers FROM visits WHERE uuid = ?",
                                 (visit,)).fetchone()[0]
        status = s.conn.execute("SELECT status FROM households WHERE uuid = ?",
                                (hh[3],)).fetchone()[0]
    assert len(rows) == 1
    c = rows[0]
    assert (c["record"], c["field"], c["base"]) == (hh[0], "phone", base_phone)
    assert {c["ours"], c["theirs"]} == {"13900000001", "13900000002"}
    assert set(c["devices"].values()) == {_device(a), _device(b)}
    assert c["status"] == "open"
    assert h1 == ("张三丰", "乙的备注", h1[2])  # different fields of one record merge cleanly
    assert '"notes":"甲的备注"' in answers and '"tv_sets":3' in answers
    assert status == "vacant"  # derived status refreshed after merge

    # Merging again is a no-op.
    before = snapshot(f.county_path)
    again = f.merge(fa, fb).as_json()
    assert again["applied"] == 0 and again["conflicts"] == 0
    assert snapshot(f.county_path) == before

    # Another order gives the same data and the same conflicts.
    f2 = f.tmp / "county-other-order.sqlite"
    shutil.copy(county_before, f2)
    f.merge(fb, db=f2)
    f.merge(fa, db=f2)
    assert snapshot(f2) == before


def test_re_exported_bundle_with_new_uuid_is_still_a_no_op(field_setup):
    f = field_setup
    a, _b, *_ = _edit_two_laptops(f)
    f.merge(f.export(a, "a1.fab"))
    before = snapshot(f.county_path)
    res = f.merge(f.export(a, "a2.fab", full=True)).as_json()
    assert res["applied"] == 0 and res["unchanged"] == 5
    assert snapshot(f.county_path) == before


def test_identical_changes_are_not_conflicts(field_setup):
    f = field_setup
    a, b = f.laptop("A"), f.laptop("B")
    with Store.open(a, readonly=True) as s:
        h = s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 1").fetchone()[0]
    for lap in (a, b):
        with Store.open(lap) as s, s.write("x") as w:
            w.update("households", h, {"phone": "13812345678"})
    res = f.merge(f.export(a, "a.fab"), f.export(b, "b.fab")).as_json()
    assert res["conflicts"] == 0
    with f.county() as s:
        assert s.conn.execute("SELECT phone FROM households WHERE uuid = ?",
                              (h,)).fetchone()[0] == "13812345678"


def test_resolution_is_audited_logged_and_travels_back_to_laptops(field_setup):
    f = field_setup
    a, b, hh, _base, _ = _edit_two_laptops(f)
    f.merge(f.export(a, "a.fab"), f.export(b, "b.fab"))
    with f.county() as s:
        c = conflicts.list_conflicts(s)[0]
        conflicts.resolve(s, c["id"], "value", value="13700000000", user="县管理员")
        assert conflicts.list_conflicts(s) == []
        done = conflicts.list_conflicts(s, status="resolved")[0]
        assert done["resolution"] == "value" and done["resolved_by"] == "县管理员"
        audit = s.conn.execute("SELECT field, new, user FROM audit_log WHERE record_uuid = ?"
                               " ORDER BY id", (hh[0],)).fetchall()
        assert ("conflict:phone", "13700000000", "县管理员") in audit
        assert ("phone", "13700000000", "县管理员") in audit
        logged = s.conn.execute(
            "SELECT count(*) FROM changes WHERE device_id = ? AND record_uuid = ?"
            " AND op = 'update'", (s.device_id, hh[0])).fetchone()[0]
        assert logged == 1
    ref2 = f.make_reference("ref2.fab")
    for lap in (a, b):
        f.merge_reference(lap, ref2)
        with Store.open(lap, readonly=True) as s:
            assert s.conn.execute("SELECT phone FROM households WHERE uuid = ?",
                                  (hh[0],)).fetchone()[0] == "13700000000"
            assert s.conn.execute("SELECT count(*) FROM sync_conflicts WHERE status = 'open'"
                                  ).fetchone()[0] == 0
            # the county acknowledged this laptop's bundle: nothing left to export
            assert int(s.setting("sync_acked_counter")) > 0
    res = f.merge(f.export(a, "a-next.fab")).as_json()
    assert res["applied"] == 0


def test_keep_ours_is_logged_so_laptops_converge(field_setup):
    f = field_setup
    a, b, hh, *_ = _edit_two_laptops(f)
    f.merge(f.export(a, "a.fab"), f.export(b, "b.fab"))
    with f.county() as s:
        c = conflicts.list_conflicts(s)[0]
        res = conflicts.resolve(s, c["id"], "ours")
        kept = s.conn.execute("SELECT phone FROM households WHERE uuid = ?",
                              (hh[0],)).fetchone()[0]
    assert res["value"] == kept == c["ours"]
    ref2 = f.make_reference("ref2.fab")
    for lap in (a, b):
        f.merge_reference(lap, ref2)
        with Store.open(lap, readonly=True) as s:
            assert s.conn.execute("SELECT phone FROM households WHERE uuid = ?",
                                  (hh[0],)).fetchone()[0] == kept


def _device(path):
    with Store.open(path, readonly=True) as s:
        return s.device_id


def test_agreeing_then_moving_on_is_the_same_in_both_orders(field_setup):
    """A sets 甲; B also sets 甲, then 乙. Whatever the order, A's 甲 and B's 乙 are the two
    heads: one conflict, the later edit (乙) holds the field."""
    f = field_setup
    a, b = f.laptop("A"), f.laptop("B")
    with Store.open(a, readonly=True) as s:
        h = s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 1").fetchone()[0]
    with Store.open(a) as s, s.write("甲") as w:
        w.update("households", h, {"notes": "甲"})
    with Store.open(b) as s, s.write("乙") as w:
        w.update("households", h, {"notes": "甲"})
    with Store.open(b) as s, s.write("乙") as w:
        w.update("households", h, {"notes": "乙"})
    fa, fb = f.export(a, "a.fab"), f.export(b, "b.fab")
    other = f.tmp / "other.sqlite"
    shutil.copy(f.county_path, other)
    f.merge(fa, fb)
    f.merge(fb, fa, db=other)
    assert snapshot(f.county_path) == snapshot(other)
    with f.county() as s:
        rows = conflicts.list_conflicts(s)
        assert s.conn.execute("SELECT notes FROM households WHERE uuid = ?",
                              (h,)).fetchone()[0] == "乙"
    assert [(r["ours"], r["theirs"]) for r in rows] == [("乙", "甲")]


def test_a_conflict_stays_open_until_the_county_resolves_it(field_setup):
    """A laptop that got the conflict in a reference bundle edits the field again: the newest
    edit holds the field, the losing side is still an open conflict (only a resolution at the
    county closes it: nothing is silently dropped)."""
    f = field_setup
    a, b, hh, *_ = _edit_two_laptops(f)
    f.merge(f.export(a, "a.fab"), f.export(b, "b.fab"))
    ref2 = f.make_reference("ref2.fab")
    f.merge_reference(b, ref2)
    with Store.open(b) as s:
        assert s.conn.execute("SELECT count(*) FROM sync_conflicts WHERE status = 'open'"
                              ).fetchone()[0] == 1  # the laptop sees the same conflict
        with s.write("乙") as w:
            w.update("households", hh[0], {"phone": "13911111111"})
    res = f.merge(f.export(b, "b2.fab")).as_json()
    assert res["rejected"] == [] and res["applied"] == 1
    with f.county() as s:
        rows = conflicts.list_conflicts(s)
        assert len(rows) == 1 and rows[0]["ours"] == "13911111111"
        assert rows[0]["theirs"] in ("13900000001", "13900000002")
        assert s.conn.execute("SELECT phone FROM households WHERE uuid = ?",
                              (hh[0],)).fetchone()[0] == "13911111111"
        conflicts.resolve(s, rows[0]["id"], "ours")
        assert conflicts.list_conflicts(s) == []


def test_conflicts_name_the_laptops_not_raw_device_ids(field_setup):
    f = field_setup
    a, b, *_ = _edit_two_laptops(f)
    f.merge(f.export(a, "a.fab"), f.export(b, "b.fab"))
    with f.county() as s:
        rows = conflicts.list_conflicts(s)
    assert rows
    for c in rows:
        names = set(c["device_names"].values())
        assert names <= {"A", "B"} or all(n[:1] in "AB" for n in names), names
        assert not names & set(c["devices"].values())  # not the raw ids

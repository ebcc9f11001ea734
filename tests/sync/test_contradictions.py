"""Contradictions become conflicts (issue 17 item 4): two laptops' visits of one household that
disagree are ONE conflict the county resolves (both visits kept); a revisit made knowing the other
visit is not; a moved position is one conflict (lat and lon together); probable duplicate
households are listed by `conflicts --duplicates` — all read through the real command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from fieldapp.store import Store

COVERED = {"visit_result": "met", "reception_mode": "iptv", "works_now": "yes",
           "channels": "cctv provincial county", "illegal_charge": "no"}
NOT_WORKING = {"visit_result": "met", "reception_mode": "dbs", "works_now": "no",
               "not_covered_reason": "signal"}


def run(*args):
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)],
                          check=False, capture_output=True, text=True, timeout=300)


def conflicts(db, *more):
    r = run("conflicts", db, "--json", *more)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _unvisited(laptop):
    with Store.open(laptop, readonly=True) as s:
        return s.conn.execute("SELECT uuid FROM households WHERE uuid NOT IN (SELECT"
                              " household_uuid FROM visits) ORDER BY uuid LIMIT 1").fetchone()[0]


def _visit(laptop, hh, answers, day, who):
    with Store.open(laptop) as s, s.write(who) as w:
        return w.insert("visits", {"household_uuid": hh, "form_id": "huhutong_household",
                                   "form_version": "2026112501", "state": "complete",
                                   "answers": answers, "ended_at": f"{day}T10:00:00",
                                   "surveyor": who})


def _status(db, hh):
    with Store.open(db, readonly=True) as s:
        return s.conn.execute("SELECT status, status_reason FROM households WHERE uuid = ?",
                              (hh,)).fetchone()


def test_two_laptops_disagreeing_on_a_household_make_one_conflict(field_setup):
    f = field_setup
    a, b = f.laptop("A"), f.laptop("B")
    hh = _unvisited(a)
    va = _visit(a, hh, COVERED, "2026-06-01", "甲")
    vb = _visit(b, hh, NOT_WORKING, "2026-06-02", "乙")
    fa, fb = f.export(a, "a.fab"), f.export(b, "b.fab")
    other = shutil.copy(f.county_path, f.tmp / "other-order.sqlite")

    assert f.merge(fa).as_json()["conflicts"] == 0
    assert f.merge(fb).as_json()["conflicts"] == 1
    (c,) = conflicts(f.county_path)
    assert (c["record"], c["field"]) == (hh, "verdict")
    assert (c["ours"]["visit"], c["ours"]["status"]) == (va, "covered")
    assert (c["theirs"]["visit"], c["theirs"]["status"], c["theirs"]["reason"]) == (
        vb, "not_covered", "not_working")
    assert c["ours"]["surveyor"] == "甲" and c["theirs"]["surveyor"] == "乙"
    with Store.open(f.county_path, readonly=True) as s:  # both visits are kept
        assert {r[0] for r in s.conn.execute("SELECT uuid FROM visits WHERE household_uuid = ?",
                                             (hh,))} == {va, vb}
    assert _status(f.county_path, hh) == ("not_covered", "not_working")  # the later, for now
    assert f.merge(fa, fb).as_json()["conflicts"] == 0  # merged again: nothing new

    r = run("conflicts", f.county_path, "--resolve", c["id"], "--keep", "ours")
    assert r.returncode == 0, r.stderr
    assert _status(f.county_path, hh) == ("covered", "")  # the county's choice decides
    assert conflicts(f.county_path) == []
    assert run("check", f.county_path).returncode == 0

    assert f.merge(fb, db=other).as_json()["conflicts"] == 0  # the other order: same conflict
    assert f.merge(fa, db=other).as_json()["conflicts"] == 1
    (c2,) = conflicts(other)
    assert {c2["ours"]["visit"], c2["theirs"]["visit"]} == {va, vb}


def test_a_revisit_made_knowing_the_other_visit_is_no_conflict(field_setup):
    f = field_setup
    a, b = f.laptop("A"), f.laptop("B")
    hh = _unvisited(a)
    _visit(a, hh, COVERED, "2026-06-01", "甲")
    assert f.merge(f.export(a, "a.fab")).as_json()["conflicts"] == 0
    f.merge_reference(b, f.make_reference("ref-b.fab"))  # B now has A's visit
    _visit(b, hh, NOT_WORKING, "2026-07-01", "乙")  # and goes back: the TV broke
    assert f.merge(f.export(b, "b.fab")).as_json()["conflicts"] == 0
    assert conflicts(f.county_path) == []
    assert _status(f.county_path, hh) == ("not_covered", "not_working")


def test_a_moved_household_is_one_conflict_with_its_position(field_setup):
    f = field_setup
    a, b = f.laptop("A"), f.laptop("B")
    hh = _unvisited(a)
    for laptop, (lat, lon) in ((a, (35.61, 110.97)), (b, (35.62, 110.99))):
        with Store.open(laptop) as s, s.write("x") as w:
            w.update("households", hh, {"lat": lat, "lon": lon})
    assert f.merge(f.export(a, "a.fab")).as_json()["conflicts"] == 0
    assert f.merge(f.export(b, "b.fab")).as_json()["conflicts"] == 1
    (c,) = conflicts(f.county_path)
    assert c["field"] == "location" and sorted(c["fields"]) == ["lat", "lon"]
    assert {c["ours"]["lat"], c["theirs"]["lat"]} == {35.61, 35.62}
    theirs = c["theirs"]
    r = run("conflicts", f.county_path, "--resolve", c["id"], "--keep", "theirs")
    assert r.returncode == 0, r.stderr
    with Store.open(f.county_path, readonly=True) as s:
        assert s.conn.execute("SELECT lat, lon FROM households WHERE uuid = ?",
                              (hh,)).fetchone() == (theirs["lat"], theirs["lon"])
    assert conflicts(f.county_path) == []


def test_probable_duplicates_are_listed_dismissed_and_merged(field_setup):
    f = field_setup
    with Store.open(f.county_path) as s:
        village, group, head, idh, first = s.conn.execute(
            "SELECT village_code, group_no, head_name, id_hash, uuid FROM households"
            " WHERE id_hash IS NOT NULL ORDER BY uuid LIMIT 1").fetchone()
        with s.write("县") as w:  # the register had the same head twice; another had the ID
            same_name = w.insert("households", {"village_code": village, "group_no": group,
                                                "head_name": head})
            same_id = w.insert("households", {"village_code": village, "group_no": "9",
                                              "head_name": "别名", "id_hash": idh})
    assert conflicts(f.county_path) == []  # a duplicate is not a field conflict
    pairs = conflicts(f.county_path, "--duplicates")
    assert {(d["household_a"], d["household_b"], d["reason"]) for d in pairs} >= {
        (min(first, same_name), max(first, same_name), "head_group"),
        (min(first, same_id), max(first, same_id), "id_hash")}
    text = run("conflicts", f.county_path, "--duplicates").stdout
    assert head in text and "别名" in text
    assert run("conflicts", f.county_path, "--dismiss", first, same_name).returncode == 0
    assert run("conflicts", f.county_path, "--merge-households", first, same_id).returncode == 0
    left = {(d["household_a"], d["household_b"]) for d in conflicts(f.county_path,
                                                                     "--duplicates")}
    assert not left & {(min(first, same_name), max(first, same_name)),
                       (min(first, same_id), max(first, same_id))}
    every = conflicts(f.county_path, "--duplicates", "--all")
    assert {d["status"] for d in every if first in (d["household_a"], d["household_b"])} == {
        "dismissed", "merged"}

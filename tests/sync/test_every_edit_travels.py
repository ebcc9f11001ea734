"""Whatever changes a laptop's data reaches the county: forms (visits, answers, photos, deletes),
map edits, and the register import command; the databases stay consistent (`check`)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

from sync_helpers import snapshot

from fieldapp.demo.sample_register import make_register
from fieldapp.store import Store, visits
from fieldapp.store.check import check_database
from fieldapp.store.schema import SYNCED_FIELDS


_ID_HASH = 1 + SYNCED_FIELDS["households"].index("id_hash")  # in snapshot() rows


def _id_hashes(snap) -> dict:
    return {r[0]: r[_ID_HASH] for r in snap["households"]}


def _without_id_hash(rows) -> list:
    return [r[:_ID_HASH] + r[_ID_HASH + 1:] for r in rows]


def test_edits_of_every_kind_travel_and_both_sides_check_clean(field_setup, tmp_path):
    f = field_setup
    lap = f.laptop("A")
    photo = b"\xff\xd8\xff" + bytes(range(256)) * 40  # a small "JPEG"
    sha = hashlib.sha256(photo).hexdigest()
    with Store.open(lap) as s:
        hh, _village = s.conn.execute("SELECT uuid, village_code FROM households ORDER BY uuid"
                                     " LIMIT 1").fetchone()
        old_visit = s.conn.execute("SELECT uuid FROM visits ORDER BY uuid LIMIT 1").fetchone()[0]
        gone = s.conn.execute("SELECT uuid FROM visits ORDER BY uuid DESC LIMIT 1").fetchone()[0]
        assert visits.put_attachment(s, "甲", photo, "image/jpeg") == sha
        with s.write("甲") as w:
            new_visit = w.insert("visits", {
                "household_uuid": hh, "form_id": "huhutong_household",
                "form_version": "2026112501", "state": "complete",
                "answers": {"visit_result": "met", "tv_mode": "dtmb", "works_now": "yes",
                            "photo": sha}, "ended_at": "2026-08-01T10:00:00"})
            w.update("visits", old_visit, {"answers": {"satisfaction": "satisfied"}})
            w.delete("visits", gone)
            w.update("households", hh, {"lon": 110.97, "lat": 35.6,  # placed on the map,
                                        "outside_confirmed_m": 412.5})  # confirmed outside
        vs = [tuple(r) for r in s.conn.execute(
            "SELECT code, name FROM areas WHERE level = 'village' ORDER BY code LIMIT 2")]
    reg = make_register(tmp_path / "reg.xlsx", vs, 30, seed=3, messy=False)
    r = subprocess.run([sys.executable, "-m", "fieldapp", "import-register", str(lap),
                        reg.path, "--json"], capture_output=True, text=True, check=False,
                       timeout=300)
    assert r.returncode == 0, r.stderr

    bundle = f.export(lap, "a.fab")
    res = f.merge(bundle).as_json()
    assert res["rejected"] == [] and res["applied"] > 30
    with f.county() as s:
        assert s.conn.execute("SELECT content FROM attachments WHERE sha256 = ?",
                              (sha,)).fetchone()[0] == photo
        assert s.conn.execute("SELECT deleted FROM visits WHERE uuid = ?",
                              (gone,)).fetchone()[0] == 1
        assert '"satisfaction":"satisfied"' in s.conn.execute(
            "SELECT answers FROM visits WHERE uuid = ?", (old_visit,)).fetchone()[0]
        assert s.conn.execute("SELECT lon, lat, status FROM households WHERE uuid = ?",
                              (hh,)).fetchone() == (110.97, 35.6, "covered")
        assert s.conn.execute("SELECT outside_confirmed_m FROM households WHERE uuid = ?",
                              (hh,)).fetchone()[0] == 412.5
        assert s.conn.execute("SELECT count(*) FROM visits WHERE uuid = ?",
                              (new_visit,)).fetchone()[0] == 1
    # every record the laptop has is at the county, identical (values and clocks) but for the
    # ID hash: the laptop keeps the numbers it imported sealed to the county key, the county
    # the keyed hash it made of them on merge
    lap_snap, county_snap = snapshot(lap), snapshot(f.county_path)
    lap_ids = _id_hashes(lap_snap)
    assert all(h.startswith(("enc1:", "k1:")) for h in lap_ids.values() if h)
    assert any(h.startswith("enc1:") for h in lap_ids.values() if h)
    county_ids = _id_hashes(county_snap)
    assert all(county_ids[u].startswith("k1:") for u, h in lap_ids.items() if h)
    lap_snap["households"] = _without_id_hash(lap_snap["households"])
    county_snap["households"] = _without_id_hash(county_snap["households"])
    for tbl in ("households", "visits", "attachments"):
        assert set(lap_snap[tbl]) <= set(county_snap[tbl]), tbl
    report = check_database(f.county_path)
    assert report.ok, [x.message for x in report.errors]

    # ... and a new laptop made from the next reference bundle has them too, photo included
    f.make_reference("ref2.fab")
    lap2 = f.laptop("C")
    with Store.open(lap2, readonly=True) as s:
        assert s.conn.execute("SELECT count(*) FROM attachments WHERE sha256 = ?",
                              (sha,)).fetchone()[0] == 1
    assert _without_id_hash(snapshot(lap2)["households"]) == lap_snap["households"]
    report = check_database(lap2)
    assert report.ok, [x.message for x in report.errors]


def test_same_household_from_two_laptops_is_flagged_and_merged_keeping_visits(field_setup):
    from fieldapp.core.idcard import hash_id
    from fieldapp.sync import duplicates

    f = field_setup
    a, b = f.laptop("A"), f.laptop("B")
    uuids = {}
    for lap, name in ((a, "甲"), (b, "乙")):
        with Store.open(lap) as s:
            village = s.conn.execute("SELECT code FROM areas WHERE level = 'village'"
                                     " ORDER BY code LIMIT 1").fetchone()[0]
            idh = hash_id("140824199001011234", s.setting("id_salt"))
            with s.write(name) as w:
                u = w.insert("households", {"village_code": village, "group_no": "2",
                                            "head_name": "刘新户", "id_hash": idh})
                w.insert("households", {"village_code": village, "group_no": "5",
                                        "head_name": f"同组{name}"})
                w.insert("visits", {"household_uuid": u, "form_id": "huhutong_household",
                                    "form_version": "2026112501", "state": "complete",
                                    "answers": {"visit_result": "met"},
                                    "ended_at": f"2026-05-0{1 if name == '甲' else 2}T09:00"})
            uuids[name] = u
    res = f.merge(f.export(a, "a.fab"), f.export(b, "b.fab")).as_json()
    assert res["duplicates"] == 1
    with f.county() as s:
        flags = duplicates.list_duplicates(s)
        assert len(flags) == 1 and flags[0]["reason"] == "id_hash"
        assert {flags[0]["household_a"], flags[0]["household_b"]} == set(uuids.values())
        moved = duplicates.merge_households(s, uuids["甲"], uuids["乙"], user="县")
        assert moved == 1
        assert s.conn.execute("SELECT count(*) FROM visits WHERE household_uuid = ?",
                              (uuids["甲"],)).fetchone()[0] == 2
        assert s.conn.execute("SELECT merged_into FROM households WHERE uuid = ?",
                              (uuids["乙"],)).fetchone()[0] == uuids["甲"]
        assert duplicates.list_duplicates(s) == []


def test_new_household_status_follows_its_latest_visit_as_edited(field_setup):
    f = field_setup
    lap = f.laptop("A")
    with Store.open(lap) as s:
        village = s.conn.execute("SELECT code FROM areas WHERE level = 'village' LIMIT 1"
                                 ).fetchone()[0]
        with s.write("甲") as w:
            h = w.insert("households", {"village_code": village, "head_name": "新户"})
            first = {"household_uuid": h, "form_id": "huhutong_household",
                     "form_version": "2026112501", "state": "complete",
                     "answers": {"visit_result": "met", "reception_mode": "iptv",
                                 "works_now": "yes"}, "ended_at": "2026-05-01T09:00:00"}
            w.insert("visits", first)
            later = w.insert("visits", dict(first, ended_at="2026-06-01T09:00:00"))
            w.update("visits", later, {"answers": {"visit_result": "vacant"}})
        local = s.conn.execute("SELECT status FROM households WHERE uuid = ?",
                               (h,)).fetchone()[0]
    f.merge(f.export(lap, "a.fab"))
    with f.county() as s:
        status, last = s.conn.execute("SELECT status, last_visit_at FROM households"
                                      " WHERE uuid = ?", (h,)).fetchone()
    assert status == local == "vacant" and last == "2026-06-01T09:00:00"
    assert check_database(f.county_path).ok


def test_an_undone_import_is_undone_at_the_county_too(field_setup, tmp_path):
    """A township imports the wrong register, the county merges it, the township undoes it:
    after the next bundle the county has the households deleted and their ID numbers cleared."""
    from fieldapp.store.register_imports.import_log import undo_import
    from fieldapp.jobs.register_import import import_register

    f = field_setup
    lap = f.laptop("A")
    with Store.open(lap) as s:
        vs = [tuple(r) for r in s.conn.execute(
            "SELECT code, name FROM areas WHERE level = 'village' ORDER BY code LIMIT 2")]
        reg = make_register(tmp_path / "wrong.xlsx", vs, 25, seed=8, messy=False,
                            region="140802")
        result = import_register(s, reg.path)
        added = [u for u, in s.conn.execute(
            "SELECT record_uuid FROM changes WHERE op = 'insert' AND tbl = 'households'"
            " AND device_id = ? ORDER BY counter DESC LIMIT ?", (s.device_id, result.added))]
    assert f.merge(f.export(lap, "1.fab")).as_json()["rejected"] == []
    with f.county() as s:
        live = s.conn.execute("SELECT count(*) FROM households WHERE deleted = 0 AND uuid IN"
                              " (SELECT value FROM json_each(?))", (json.dumps(added),))
        assert live.fetchone()[0] == result.added
    with Store.open(lap) as s:
        undo_import(s, result.import_id, "A")
    assert f.merge(f.export(lap, "2.fab")).as_json()["rejected"] == []
    with f.county() as s:
        rows = s.conn.execute("SELECT deleted, id_hash FROM households WHERE uuid IN"
                              " (SELECT value FROM json_each(?))", (json.dumps(added),)).fetchall()
    assert len(rows) == result.added and set(rows) == {(1, None)}
    assert check_database(f.county_path).ok and check_database(lap).ok

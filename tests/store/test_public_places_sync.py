"""Public places travel: the county's places reach a township laptop with its reference bundle,
and a place added, answered and deleted on the laptop reaches the county with its export."""

from __future__ import annotations

from fieldapp.jobs.demo_build import build_demo
from fieldapp.store import Store
from fieldapp.store import public_places as P
from fieldapp.sync import identity, merge, setup
from fieldapp.jobs import bundle_export as export
from fieldapp.jobs import devices

COUNTY_PW = "县里的口令 county"
LAPTOP_PW = "laptop pass 乡镇"
TOWN = "140824100000"


def test_places_go_out_with_the_reference_and_come_back_in_the_export(tmp_path):
    county = tmp_path / "county.sqlite"
    build_demo(county, "140824", households=300, seed=5)
    setup.init_county(county, "140824", COUNTY_PW)
    ref = tmp_path / "ref.fab"
    laptop = tmp_path / "laptop.sqlite"
    devices.request(laptop, tmp_path / "req.json", LAPTOP_PW, name="A")
    with Store.open(county) as s:
        devices.enrol(s, str(tmp_path / "req.json"), TOWN, COUNTY_PW, out=ref)
        county_places = {p["uuid"]: p["name"] for p in P.list_places(s, TOWN)}
    setup.init_township(laptop, ref, LAPTOP_PW, device_name="A", surveyor="王海燕")
    with Store.open(laptop) as s:
        assert {p["uuid"]: p["name"] for p in P.list_places(s)} == county_places
        village = s.conn.execute("SELECT code FROM areas WHERE parent_code = ? ORDER BY code"
                                 " LIMIT 1", (TOWN,)).fetchone()[0]
        new = P.create_place(s, "王海燕", village, "2026112501",
                             {"place_type": "school", "place_name": "稷峰镇第二小学"})
        P.save_answers(s, "王海燕", new, {"cable_opened": "yes", "contact_name": "薛明"})
        P.complete_place(s, "王海燕", new)
        gone = next(iter(county_places))
        P.delete_place(s, "王海燕", gone)
        bundle = tmp_path / "a.fab"
        export.export_bundle(s, bundle, LAPTOP_PW)
    with Store.open(county) as s:
        report = merge.merge_files(s, [bundle], identity.unlock(s, COUNTY_PW)).as_json()
        assert report["rejected"] == []
        place = P.get_place(s, new)
        assert place["name"] == "稷峰镇第二小学" and place["state"] == "complete"
        assert place["answers"]["cable_opened"] == "yes" and place["surveyor"] == "王海燕"
        assert P.get_place(s, gone) is None
        again = merge.merge_files(s, [bundle], identity.unlock(s, COUNTY_PW)).as_json()
        assert again["applied"] == 0

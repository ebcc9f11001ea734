"""Service points and public-area terminals (seed 2): imported once, re-imported without
duplicates, listed by area, townships without a station and villages without an agency point
listed as gaps, and the records travel to a township laptop and back like public places."""

from __future__ import annotations

import pytest

from fieldapp.core.facilities import FacilityError
from fieldapp.jobs import bundle_export as export
from fieldapp.jobs import devices
from fieldapp.jobs.demo_build import build_demo
from fieldapp.jobs.facilities_import import import_facilities
from fieldapp.store import Store
from fieldapp.store.facilities import list_facilities, save_facilities, service_gaps
from fieldapp.sync import identity, merge, setup

TOWN = "140824100000"  # 稷峰镇
REGISTER = """类型,乡镇,村,名称,地址,联系人,电话,经度,纬度
服务站,稷峰镇,,稷峰镇广电服务站,稷峰镇政府院内,王明,13800000001,110.97,35.60
代办点,稷峰镇,东街村,东街村代办点,村委会,,,,
"""


def _csv(tmp_path, text, name="points.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_adds_once_and_a_corrected_register_updates(store, tmp_path):
    done = import_facilities(store, _csv(tmp_path, REGISTER), ("station", "agency"))
    assert (done.rows, done.added, done.updated) == (2, 2, 0)
    again = import_facilities(store, _csv(tmp_path, REGISTER), ("station", "agency"))
    assert (again.added, again.updated) == (0, 0)
    fixed = import_facilities(store, _csv(tmp_path, REGISTER.replace("王明", "李强")),
                              ("station", "agency"))
    assert (fixed.added, fixed.updated) == (0, 1)
    rows = list_facilities(store, ("station", "agency"), TOWN)
    station = next(r for r in rows if r["kind"] == "station")
    assert station["contact"] == "李强" and station["lat"] == pytest.approx(35.60)
    agency = next(r for r in rows if r["kind"] == "agency")
    assert agency["village_name"] == "东街村委会" and agency["township_code"] == TOWN


@pytest.mark.parametrize("text, words", [
    (REGISTER.replace("东街村,东街村代办点", "城南村,城南村代办点"), ("第 3 行", "村", "城南村")),
    (REGISTER.replace("代办点,稷峰镇", "服务队,稷峰镇"), ("第 3 行", "类型", "服务队")),
    (REGISTER.replace("110.97", "210.97"), ("第 2 行", "经度", "210.97")),
    (REGISTER.replace("类型,", "种类,"), ("第 1 行", "类型")),
])
def test_a_bad_cell_names_file_row_and_column_and_nothing_is_written(store, tmp_path, text,
                                                                     words):
    path = _csv(tmp_path, text)
    with pytest.raises(FacilityError) as err:
        import_facilities(store, path, ("station", "agency"))
    message = str(err.value)
    assert str(path) in message and all(w in message for w in words), message
    assert list_facilities(store) == []


def test_terminal_register_needs_no_kind_column_and_reads_the_state(store, tmp_path):
    text = "乡镇,村,安装位置,状态\n西社镇,,西社镇广场,故障\n稷峰镇,东街村,村口,正常\n"
    import_facilities(store, _csv(tmp_path, text), ("terminal",))
    rows = list_facilities(store, ("terminal",))
    assert {(r["name"], r["status"]) for r in rows} == {("西社镇广场", "broken"),
                                                         ("村口", "working")}
    assert list_facilities(store, ("station", "agency")) == []


def test_gaps_list_townships_without_a_station_and_villages_without_an_agency(store, tmp_path):
    before = service_gaps(store)
    towns = {g["code"] for g in before["no_service_station"]}
    assert TOWN in towns and len(before["no_agency_point"]) > 100
    import_facilities(store, _csv(tmp_path, REGISTER), ("station", "agency"))
    after = service_gaps(store)
    assert {g["code"] for g in after["no_service_station"]} == towns - {TOWN}
    assert len(after["no_agency_point"]) == len(before["no_agency_point"]) - 1
    assert "东街村委会" not in {g["name"] for g in after["no_agency_point"]}
    village = store.conn.execute("SELECT code FROM areas WHERE parent_code = ? AND name ="
                                 " '西街村委会'", (TOWN,)).fetchone()[0]
    assert service_gaps(store, village) == {"no_service_station": [], "no_agency_point": [
        {"code": village, "name": "西街村委会", "township_code": TOWN, "township_name": "稷峰镇",
         "village_code": village}]}
    only = service_gaps(store, TOWN)
    assert only["no_service_station"] == []
    assert all(g["code"].startswith(TOWN[:9]) for g in only["no_agency_point"])


def test_service_points_travel_to_the_laptop_and_back(tmp_path):
    county = tmp_path / "county.sqlite"
    build_demo(county, "140824", households=300, seed=5)
    setup.init_county(county, "140824", "县里的口令 county")
    laptop = tmp_path / "laptop.sqlite"
    devices.request(laptop, tmp_path / "req.json", "laptop pass 乡镇", name="A")
    ref = tmp_path / "ref.fab"
    with Store.open(county) as s:
        devices.enrol(s, str(tmp_path / "req.json"), TOWN, "县里的口令 county", out=ref)
        held = {r["uuid"]: r["name"] for r in list_facilities(s, area_code=TOWN)}
    assert held
    setup.init_township(laptop, ref, "laptop pass 乡镇", device_name="A", surveyor="王海燕")
    with Store.open(laptop) as s:
        assert {r["uuid"]: r["name"] for r in list_facilities(s)} == held
        terminal = next(r for r in list_facilities(s, ("terminal",)) if r["status"] == "working")
        save_facilities(s, "王海燕", [{**terminal, "status": "broken"}])
        (new,), _ = save_facilities(s, "王海燕", [{
            "kind": "terminal", "township_code": TOWN, "village_code": None,
            "name": "稷峰镇新广场", "status": "working"}])
        bundle = tmp_path / "a.fab"
        export.export_bundle(s, bundle, "laptop pass 乡镇")
    with Store.open(county) as s:
        report = merge.merge_files(s, [bundle], identity.unlock(s, "县里的口令 county")).as_json()
        assert report["rejected"] == []
        rows = {r["uuid"]: r for r in list_facilities(s, ("terminal",), TOWN)}
        assert rows[new]["name"] == "稷峰镇新广场"
        assert rows[terminal["uuid"]]["status"] == "broken"


def test_a_database_from_before_the_registers_gets_them_on_opening(store):
    path = store.path
    store.conn.execute("DROP TABLE facilities")
    store.conn.execute("PRAGMA user_version = 15")
    store.close()
    with Store.open(path) as s:
        assert s.schema_version >= 18
        assert list_facilities(s) == []
        assert len(service_gaps(s)["no_service_station"]) == 9

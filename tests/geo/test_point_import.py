import pytest

from fieldapp.core.idcard import mask_id
from fieldapp.core.progress import Cancelled
from fieldapp.geo.crs import from_wgs84, parse_crs
from fieldapp.geo.errors import BadGeoFile, UnknownCrs
from fieldapp.geo.gcj02 import wgs84_to_gcj02
from fieldapp.geo.point_import import apply_point_import, parse_coordinate, plan_point_import
from fieldapp.store.geo import queries as geo_queries


def _some(store, n=3):
    return store.conn.execute(
        "SELECT uuid, village_code, head_name, id_masked FROM households WHERE deleted = 0"
        " ORDER BY uuid LIMIT ?", (n,)).fetchall()


def test_csv_with_title_row_in_gbk_by_household_id(store, tmp_path):
    hh = _some(store)
    lines = ["户坐标采集表,,", "household_id,经度,纬度"]
    lines += [f"{u},{111.01 + i / 1000},35.61" for i, (u, *_r) in enumerate(hh)]
    lines += ["not-a-known-id,111,35.6", f"{hh[0][0]},abc,35.6", ",,"]
    path = tmp_path / "p.csv"
    path.write_bytes("\n".join(lines).encode("gbk"))
    plan = plan_point_import(store, path)
    assert [p[0] for p in plan.positions] == [u for u, *_r in hh]
    assert plan.crs_source == "assumed"
    assert [r["row"] for r in plan.rejected] == [6, 7]
    assert "找不到户 ID" in plan.rejected[0]["reason"] and "不是数字" in plan.rejected[1]["reason"]
    result = apply_point_import(store, plan, user="张三")
    assert result["updated"] == 3
    assert geo_queries.household_position(store, hh[1][0]) == (111.011, 35.61)
    audit = store.conn.execute("SELECT field, user FROM audit_log WHERE record_uuid = ?"
                               " ORDER BY field", (hh[0][0],)).fetchall()
    assert audit == [("lat", "张三"), ("lon", "张三")]


def test_csv_by_village_and_head_with_dms_and_duplicates(store, tmp_path):
    (u, village, head, _m), *_ = _some(store, 1)
    path = tmp_path / "p.csv"
    path.write_text("村代码,户主姓名,经度,纬度\n"
                    f"{village[:12]},{head},111°0'36\"E,35°36'N\n"
                    f"{village},{head},111.2,35.7\n"
                    f"{village},无此人,111.2,35.7\n", encoding="utf-8")
    plan = plan_point_import(store, path)
    assert plan.positions == [(u, 111.01, 35.6)]
    assert "同一户" in plan.rejected[0]["reason"] and "没有户主" in plan.rejected[1]["reason"]


def test_two_heads_with_one_name_need_the_id_number(store, tmp_path):
    (u, village, head, masked), (u2, *_r) = _some(store, 2)
    with store.write("t") as w:
        w.update("households", u2, {"village_code": village, "head_name": head})
    path = tmp_path / "p.csv"
    path.write_text(f"village_code,head_name,lon,lat\n{village},{head},111.2,35.7\n", encoding="utf-8")
    plan = plan_point_import(store, path)
    assert plan.positions == [] and "有 2 户" in plan.rejected[0]["reason"]
    path.write_text(f"village_code,head_name,id_masked,lon,lat\n{village},{head},{masked},111.2,35.7\n",
                    encoding="utf-8")
    assert plan_point_import(store, path).positions == [(u, 111.2, 35.7)]


def test_gcj02_and_projected_csv_with_crs_option(store, tmp_path):
    (u, *_r), = _some(store, 1)
    glon, glat = wgs84_to_gcj02(111.0, 35.6)
    path = tmp_path / "g.csv"
    path.write_text(f"household_id,lng,lat\n{u},{glon:.9f},{glat:.9f}\n", encoding="utf-8")
    (_u, lon, lat), = plan_point_import(store, path, crs="gcj02").positions
    assert lon == pytest.approx(111.0, abs=1e-7) and lat == pytest.approx(35.6, abs=1e-7)
    x, y = from_wgs84([111.0], [35.6], parse_crs("EPSG:4546"))
    path.write_text(f"household_id,x,y\n{u},{x[0]:.3f},{y[0]:.3f}\n", encoding="utf-8")
    with pytest.raises(UnknownCrs, match="--crs"):
        plan_point_import(store, path)
    (_u, lon, lat), = plan_point_import(store, path, crs="EPSG:4546").positions
    assert lon == pytest.approx(111.0, abs=1e-7) and lat == pytest.approx(35.6, abs=1e-7)


def test_gpx_waypoints_by_id_or_by_head_and_village(store, tmp_path):
    (u1, *_a), (u2, v2, h2, _m) = _some(store, 2)
    path = tmp_path / "w.gpx"
    path.write_text(
        '<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">'
        f'<wpt lat="35.61" lon="111.01"><name>{u1}</name></wpt>'
        f'<wpt lat="35.62" lon="111.02"><name>{h2}</name><desc>{v2}</desc></wpt>'
        '<wpt lat="35.63" lon="111.03"><name>路口</name></wpt>'
        '<trk><trkseg><trkpt lat="35" lon="111"/></trkseg></trk></gpx>', encoding="utf-8")
    plan = plan_point_import(store, path)
    assert plan.crs_source == "file"
    assert plan.positions == [(u1, 111.01, 35.61), (u2, 111.02, 35.62)]
    assert plan.rejected[0]["row"].startswith("第 3 个航点")


@pytest.mark.parametrize("name, content, message", [
    ("a.csv", "姓名,电话\n张三,1\n", "找不到表头"),
    ("b.csv", "lon,lat\n111,35\n", "缺少户 ID"),
    ("c.gpx", "<gpx><wpt", "格式错误"),
    ("d.gpx", "<kml/>", "不是 GPX"),
    ("e.txt", "x", ".csv 或 .gpx"),
])
def test_broken_point_files(store, snapshot, tmp_path, name, content, message):
    before = snapshot(store)
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(BadGeoFile, match=message):
        plan_point_import(store, tmp_path / name)
    assert snapshot(store) == before


def test_cancelled_point_import_changes_nothing(store, snapshot, tmp_path):
    rows = store.conn.execute("SELECT uuid FROM households LIMIT 450").fetchall()
    path = tmp_path / "p.csv"
    path.write_text("household_id,lon,lat\n" + "".join(f"{u},111.3,35.5\n" for u, in rows))
    plan = plan_point_import(store, path)
    before = snapshot(store)
    with pytest.raises(Cancelled):
        apply_point_import(store, plan, progress=lambda d, t: d < 400)
    assert snapshot(store) == before


@pytest.mark.parametrize("text, value", [
    ("111.5", 111.5), ("１１１.５", 111.5), ("111°30'", 111.5), ("35度36分", 35.6),
    ("111°30'36\"W", -111.51), ("", None), ("abc", None),
])
def test_parse_coordinate(text, value):
    got = parse_coordinate(text)
    assert got == (None if value is None else pytest.approx(value))


def test_mask_used_for_full_id_numbers():
    assert "*" in mask_id("140824199001011234")


def test_csv_written_by_export_households_takes_coordinates(store, tmp_path):
    import csv

    from fieldapp.tabular.households_export import export_households

    out = tmp_path / "hh.csv"
    export_households(store, out, "140824000000")
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    header_at = next(i for i, r in enumerate(rows) if "household_id" in r)
    rows[header_at] += ["经度", "纬度"]
    for r in rows[header_at + 1:header_at + 4]:
        r += ["111.1", "35.5"]
    with open(tmp_path / "with_xy.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows[:header_at + 4])
    plan = plan_point_import(store, tmp_path / "with_xy.csv")
    assert len(plan.positions) == 3 and plan.rejected == []

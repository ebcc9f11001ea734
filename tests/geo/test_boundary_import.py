import json
import zipfile

import numpy as np
import pytest
import shapely
from pyogrio import raw

from fieldapp.core.progress import Cancelled
from fieldapp.geo.boundary_import import apply_boundary_import, plan_boundary_import
from fieldapp.geo.crs import from_wgs84, metric_crs_for, parse_crs, to_metric
from fieldapp.geo.errors import BadGeoFile, UnknownCrs
from fieldapp.store.geo import queries as geo_queries


def _villages(store, n=5):
    rows = geo_queries.boundaries(store, level="village")[:n]
    return [(code, name, shapely.from_geojson(text)) for code, name, _l, _p, text in rows]


def _shift(geom, dx=0.001):
    return shapely.transform(geom, lambda c: c + [dx, 0.0])


def _write(path, geoms, fields, crs=None, driver=None, encoding=None):
    names = list(fields)
    arrays = [np.array(v, dtype=object) for v in fields.values()]
    raw.write(str(path), np.array([shapely.to_wkb(g) for g in geoms], dtype=object), arrays,
              names, crs=crs, driver=driver, encoding=encoding, geometry_type="MultiPolygon",
              promote_to_multi=True)


def _gap_m(a, b):
    m = metric_crs_for([111.0])
    f = lambda g: shapely.transform(g, lambda c: np.column_stack(to_metric(c[:, 0], c[:, 1], m)))
    return shapely.hausdorff_distance(f(a), f(b))


def test_gcj02_county_boundary_is_stored_as_wgs84(store, geo_data):
    plan = plan_boundary_import(store, geo_data / "boundary_140824.geojson")
    assert plan.crs.is_gcj02 and plan.crs_source == "file"
    result = apply_boundary_import(store, plan, user="测试")
    assert result["updated"] == 1 and result["areas"][0]["code"] == "140824000000"
    stored = shapely.from_geojson(geo_queries.boundary(store, "140824000000"))
    wgs = shapely.from_geojson(json.dumps(json.loads(
        (geo_data / "boundary_140824.wgs84.geojson").read_text())["features"][0]["geometry"]))
    assert _gap_m(stored, wgs) < 1.0
    # change-logged and audited, so it syncs
    assert store.conn.execute("SELECT count(*) FROM changes WHERE tbl = 'areas' AND op = 'update'"
                              " AND record_uuid = (SELECT uuid FROM areas WHERE code = ?)",
                              ("140824000000",)).fetchone()[0] == 1
    assert store.conn.execute("SELECT user FROM audit_log WHERE field = 'boundary'").fetchone()[0] == "测试"
    again = apply_boundary_import(store, plan_boundary_import(store, geo_data / "boundary_140824.geojson"))
    assert again["updated"] == 0 and again["unchanged"] == 1


def test_the_other_county_matches_nothing_here(store, geo_data):
    plan = plan_boundary_import(store, geo_data / "boundary_330411.geojson")
    assert plan.matches == [] and "找不到" in plan.rejected[0]["reason"]


def test_zipped_gbk_shapefile_without_cpg_matches_villages_by_name(store, tmp_path):
    villages = _villages(store)
    folder = tmp_path / "shp"
    folder.mkdir()
    names = [name.removesuffix("村委会").removesuffix("居委会") + "村" for _c, name, _g in villages]
    _write(folder / "cun.shp", [_shift(g) for _c, _n, g in villages], {"CUNMC": names},
           crs="EPSG:4490", encoding="GBK")
    (folder / "cun.cpg").unlink(missing_ok=True)
    archive = tmp_path / "villages.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in folder.iterdir():
            z.write(f, f"data/{f.name}")
    plan = plan_boundary_import(store, archive, level="village")
    assert plan.crs.epsg == 4490 and plan.crs_source == "file"
    assert [m.code for m in plan.matches] == [c for c, _n, _g in villages]
    assert {m.how for m in plan.matches} == {"name"}
    assert any("GBK" in str(w) for w in plan.warnings)
    result = apply_boundary_import(store, plan)
    assert result["updated"] == len(villages)
    code, _n, old = villages[0]
    new = shapely.from_geojson(geo_queries.boundary(store, code))
    assert new.centroid.x == pytest.approx(old.centroid.x + 0.001, abs=1e-6)


def test_geopackage_in_a_gauss_kruger_zone_matches_by_code(store, tmp_path):
    villages = _villages(store, 3)
    zone = parse_crs("EPSG:4546")
    projected = [shapely.transform(g, lambda c: np.column_stack(from_wgs84(c[:, 0], c[:, 1], zone)))
                 for _c, _n, g in villages]
    path = tmp_path / "v.gpkg"
    _write(path, projected, {"XZQDM": [c for c, _n, _g in villages], "note": ["x"] * 3},
           crs="EPSG:4546")
    plan = plan_boundary_import(store, path)
    assert plan.crs.epsg == 4546
    assert [m.how for m in plan.matches] == ["code"] * 3
    for m, (_c, _n, g) in zip(plan.matches, villages):
        assert _gap_m(m.geometry, g) < 0.01


def test_kml_is_wgs84_and_named_placemarks_match(store, tmp_path):
    code, name, geom = _villages(store, 1)[0]
    ring = " ".join(f"{x},{y}" for x, y in shapely.get_coordinates(geom.geoms[0].exterior
                                                                  if geom.geom_type == "MultiPolygon"
                                                                  else geom.exterior))
    (tmp_path / "v.kml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2">'
        f"<Document><Placemark><name>{name}</name><Polygon><outerBoundaryIs><LinearRing>"
        f"<coordinates>{ring}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>"
        "</Document></kml>", encoding="utf-8")
    plan = plan_boundary_import(store, tmp_path / "v.kml")
    assert [m.code for m in plan.matches] == [code] and plan.crs.epsg == 4326


def test_projected_file_without_crs_is_refused_with_a_hint(store, tmp_path):
    _c, _n, geom = _villages(store, 1)[0]
    zone = parse_crs("EPSG:4525")  # 3-degree zone 37 (CM 111E), eastings prefixed with 37
    proj = shapely.transform(geom, lambda c: np.column_stack(from_wgs84(c[:, 0], c[:, 1], zone)))
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": _c}, "geometry": json.loads(shapely.to_geojson(proj))}]}
    path = tmp_path / "p.geojson"
    path.write_text(json.dumps(fc))
    with pytest.raises(UnknownCrs, match="EPSG:4525"):
        plan_boundary_import(store, path)
    plan = plan_boundary_import(store, path, crs="EPSG:4525")
    assert _gap_m(plan.matches[0].geometry, geom) < 0.01


def test_crs_option_contradicting_the_file_is_an_error_but_gcj02_may_override_wgs84(store, tmp_path):
    _c, _n, geom = _villages(store, 1)[0]
    path = tmp_path / "v.gpkg"
    _write(path, [geom], {"code": [_c]}, crs="EPSG:4326")
    with pytest.raises(UnknownCrs, match="不一致"):
        plan_boundary_import(store, path, crs="EPSG:4546")
    plan = plan_boundary_import(store, path, crs="gcj02")
    assert plan.crs.is_gcj02 and plan.crs_source == "option"


def test_unlabelled_lonlat_geojson_is_assumed_wgs84_with_a_warning(store, tmp_path):
    code, _n, geom = _villages(store, 1)[0]
    path = tmp_path / "v.json"
    path.write_text(json.dumps({"type": "Feature", "properties": {"adcode": int(code)},
                                "geometry": json.loads(shapely.to_geojson(geom))}))
    plan = plan_boundary_import(store, path)
    assert plan.crs_source == "assumed" and "gcj02" in str(plan.warnings[0])
    assert plan.matches[0].code == code


def test_level_option_and_ambiguous_or_unknown_features(store, tmp_path):
    code, _n, geom = _villages(store, 1)[0]
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": code}, "geometry": json.loads(shapely.to_geojson(geom))},
        {"type": "Feature", "properties": {"name": "不存在村"}, "geometry": json.loads(shapely.to_geojson(geom))},
        {"type": "Feature", "properties": {"code": code}, "geometry": {"type": "Point", "coordinates": [111, 35.6]}},
        {"type": "Feature", "properties": {"code": code}, "geometry": None},
    ]}
    path = tmp_path / "v.geojson"
    path.write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")
    plan = plan_boundary_import(store, path, level="township")
    assert plan.matches == []
    reasons = [r["reason"] for r in plan.rejected]
    assert "不是 township 级" in reasons[0] and "找不到" in reasons[1]
    assert "不是面" in reasons[2] and "没有几何" in reasons[3]
    assert [r["row"] for r in plan.rejected] == [f"第 {n} 个要素" for n in (1, 2, 3, 4)]
    assert [r["row_en"] for r in plan.rejected] == [f"feature {n}" for n in (1, 2, 3, 4)]
    plan = plan_boundary_import(store, path, level="village")
    assert [m.code for m in plan.matches] == [code]


def test_village_far_outside_the_county_warns_about_the_crs(store, geo_data, tmp_path):
    apply_boundary_import(store, plan_boundary_import(store, geo_data / "boundary_140824.wgs84.geojson"))
    code, _n, geom = _villages(store, 1)[0]
    path = tmp_path / "v.geojson"
    path.write_text(json.dumps({"type": "Feature", "properties": {"code": code},
                                "geometry": json.loads(shapely.to_geojson(_shift(geom, 2.0)))}))
    plan = plan_boundary_import(store, path)
    assert any("不在县界内" in str(w) for w in plan.warnings)


@pytest.mark.parametrize("name, content, message", [
    ("bad.geojson", b"{not json", "JSON"),
    ("list.geojson", b"[1, 2]", "GeoJSON"),
    ("geom.geojson", b'{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": "x"}}', "几何无效"),
    ("empty.zip", b"PK\x05\x06" + b"\x00" * 18, "没有 .shp"),
    ("broken.zip", b"not a zip", "zip"),
    ("broken.gpkg", b"SQLite format 3\x00" + b"\x00" * 200, "无法读取"),
    ("v.txt", b"abc", "不支持"),
])
def test_broken_files_are_clear_errors_and_change_nothing(store, snapshot, tmp_path, name, content, message):
    before = snapshot(store)
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BadGeoFile, match=message):
        plan_boundary_import(store, path)
    assert snapshot(store) == before


def test_missing_file_and_shapefile_without_dbf(store, tmp_path):
    with pytest.raises(BadGeoFile, match="不存在"):
        plan_boundary_import(store, tmp_path / "nope.geojson")
    _c, _n, geom = _villages(store, 1)[0]
    _write(tmp_path / "a.shp", [geom], {"code": [_c]}, crs="EPSG:4326")
    (tmp_path / "a.dbf").unlink()
    with pytest.raises(BadGeoFile, match=".dbf"):
        plan_boundary_import(store, tmp_path / "a.shp")


def test_cancel_leaves_the_database_as_it_was(store, snapshot, tmp_path):
    villages = _villages(store, 4)
    path = tmp_path / "v.gpkg"
    _write(path, [_shift(g) for _c, _n, g in villages], {"code": [c for c, _n, _g in villages]},
           crs="EPSG:4326")
    plan = plan_boundary_import(store, path)
    before = snapshot(store)
    with pytest.raises(Cancelled):
        apply_boundary_import(store, plan, progress=lambda done, total: done < 3)
    assert snapshot(store) == before

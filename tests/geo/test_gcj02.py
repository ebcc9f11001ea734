import json
from pathlib import Path

import numpy as np
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import shape

from fieldapp.geo.crs import metric_crs_for, to_metric
from fieldapp.geo.gcj02 import gcj02_to_wgs84, in_china, wgs84_to_gcj02

DATA = Path(__file__).parent / "data"


def _geom(name):
    return shape(json.loads((DATA / name).read_text(encoding="utf-8"))["features"][0]["geometry"])


def _metres(geom, metric):
    return shapely.transform(geom, lambda c: np.column_stack(to_metric(c[:, 0], c[:, 1], metric)))


@settings(max_examples=200, deadline=None)
@given(st.floats(73.0, 135.0), st.floats(18.0, 53.0))
def test_inverse_undoes_forward_to_a_tenth_of_a_millimetre(lon, lat):
    glon, glat = wgs84_to_gcj02(lon, lat)
    wlon, wlat = gcj02_to_wgs84(glon, glat)
    assert abs(wlon - lon) < 1e-9 and abs(wlat - lat) < 1e-9


def test_offset_is_hundreds_of_metres_in_jishan_and_zero_outside_china():
    glon, _glat = wgs84_to_gcj02(110.973, 35.6)
    assert 0.004 < glon - 110.973 < 0.008  # about 520 m east (SOURCES.md)
    assert wgs84_to_gcj02(2.35, 48.85) == (2.35, 48.85)  # Paris is not offset
    assert not in_china(2.35, 48.85) and in_china(120.7, 30.7)


def test_vectorised_over_arrays():
    lon = np.array([110.9, 120.7, 2.35])
    lat = np.array([35.6, 30.7, 48.85])
    g = wgs84_to_gcj02(lon, lat)
    w = gcj02_to_wgs84(*g)
    assert np.allclose(w[0], lon, atol=1e-9) and np.allclose(w[1], lat, atol=1e-9)


def test_real_gcj02_boundaries_line_up_with_the_wgs84_versions():
    for county, lon in (("140824", 111.0), ("330411", 120.7)):
        gcj = _geom(f"boundary_{county}.geojson")
        wgs = _geom(f"boundary_{county}.wgs84.geojson")
        converted = shapely.transform(gcj, lambda c: np.column_stack(gcj02_to_wgs84(c[:, 0], c[:, 1])))
        metric = metric_crs_for([lon])
        gap = shapely.hausdorff_distance(_metres(converted, metric), _metres(wgs, metric))
        raw_gap = shapely.hausdorff_distance(_metres(gcj, metric), _metres(wgs, metric))
        assert gap < 1.0, (county, gap)  # the files are rounded to 6 decimals (~0.1 m)
        assert raw_gap > 400, (county, raw_gap)  # unconverted, they are ~500 m apart


def test_simplified_datav_boundary_converts_close_to_the_full_one():
    datav = _geom("boundary_140824.datav.geojson")
    wgs = _geom("boundary_140824.wgs84.geojson")
    converted = shapely.transform(datav, lambda c: np.column_stack(gcj02_to_wgs84(c[:, 0], c[:, 1])))
    metric = metric_crs_for([111.0])
    assert shapely.hausdorff_distance(_metres(converted, metric), _metres(wgs, metric)) < 50

import numpy as np
import pytest

from fieldapp.geo import crs
from fieldapp.geo.errors import BadGeoFile, UnknownCrs


@pytest.mark.parametrize("lon, epsg, cm", [
    (75.0, 4534, 75), (76.4, 4534, 75), (111.0, 4546, 111), (110.6, 4546, 111),
    (120.7, 4549, 120), (121.6, 4550, 123), (135.0, 4554, 135),
])
def test_three_degree_gauss_kruger_zone_from_longitude(lon, epsg, cm):
    assert crs.gk_central_meridian(lon) == cm
    assert crs.gk_zone_epsg(lon) == epsg == 4534 + (cm - 75) // 3


def test_zone_epsg_codes_really_are_those_zones():
    import pyproj

    for lon in (75, 111, 120.7, 135):
        c = pyproj.CRS.from_epsg(crs.gk_zone_epsg(lon))
        assert f"CM {crs.gk_central_meridian(lon)}E" in c.name


@pytest.mark.parametrize("text, name", [
    ("gcj02", "gcj02"), ("GCJ-02", "gcj02"), ("wgs84", "EPSG:4326"), ("EPSG:4490", "EPSG:4490"),
    ("4546", "EPSG:4546"), ("epsg:4549", "EPSG:4549"), ("cgcs2000", "EPSG:4490"),
])
def test_parse_crs_option(text, name):
    assert crs.parse_crs(text).name == name


@pytest.mark.parametrize("text", ["", "utm", "EPSG:99999999", "EPSG:1"])
def test_unknown_crs_is_a_clear_error(text):
    with pytest.raises(UnknownCrs):
        crs.parse_crs(text)


def test_gauss_kruger_to_wgs84_takes_easting_first():
    zone = crs.parse_crs("EPSG:4546")
    x, y = crs.from_wgs84([111.0, 111.2], [35.6, 35.7], zone)
    assert x[0] == pytest.approx(500000.0, abs=0.01)  # on the central meridian
    assert 3.9e6 < y[0] < 4.0e6
    lon, lat = crs.to_wgs84(x, y, zone)
    assert np.allclose(lon, [111.0, 111.2], atol=1e-9) and np.allclose(lat, [35.6, 35.7], atol=1e-9)


def test_cgcs2000_geographic_is_taken_as_wgs84():
    lon, lat = crs.to_wgs84([111.0], [35.6], crs.CGCS2000)
    assert lon[0] == 111.0 and lat[0] == 35.6


def test_wrong_crs_giving_impossible_coordinates_is_refused():
    with pytest.raises(BadGeoFile):
        crs.to_wgs84([500000.0], [3941160.0], crs.WGS84)


def test_guess_projected_reads_the_zone_prefix():
    x, y = crs.from_wgs84([114.2], [35.6], crs.parse_crs("EPSG:4526"))  # 3-degree zone 38
    assert 38e6 < x[0] < 39e6
    assert crs.guess_projected(x, y) == "EPSG:4526"
    assert crs.guess_projected([111.0], [35.6]) is None
    assert str(crs.guess_projected([500000.0], [3941160.0])).startswith("EPSG:45xx")


def test_metric_crs_for_a_county_uses_the_median_longitude():
    assert crs.metric_crs_for([110.6, 111.0, 111.2]).epsg == 4546
    assert crs.metric_crs_for([120.5, 120.8]).epsg == 4549

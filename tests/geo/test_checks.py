import pytest
import shapely

from fieldapp.core.progress import Cancelled
from fieldapp.geo.checks import NEAR_DUPLICATE, NO_BOUNDARY, OUTSIDE, UNLOCATED, run_checks
from fieldapp.geo.crs import from_wgs84, metric_crs_for, to_wgs84
from fieldapp.store.geo import queries as geo_queries


def _two_villages(store):
    big = {v for v, in store.conn.execute(
        "SELECT village_code FROM households GROUP BY village_code HAVING count(*) >= 3")}
    rows = [r for r in geo_queries.boundaries(store, level="village") if r[0] in big]
    return [(c, shapely.from_geojson(t)) for c, _n, _l, _p, t in rows[:2]]


def _household_in(store, village):
    return store.conn.execute("SELECT uuid, lon, lat FROM households WHERE village_code = ?"
                              " AND deleted = 0 ORDER BY uuid", (village,)).fetchall()


def test_clean_demo_has_no_outside_or_unlocated_households(store):
    report = run_checks(store)
    counts = report.counts()
    assert counts[OUTSIDE] == 0 and counts[UNLOCATED] == 0 and counts[NO_BOUNDARY] == 0
    assert report.crs == "CGCS2000 3度带 CM111E (EPSG:4546)" and report.located == 600
    assert report.to_json()["crs_en"] == "CGCS2000 3-degree zone CM111E (EPSG:4546)"


def test_seeded_errors_are_found(store):
    (v1, _poly1), (v2, poly2) = _two_villages(store)
    h1 = _household_in(store, v1)
    h2 = _household_in(store, v2)
    metric = metric_crs_for([111.0])
    inside2 = poly2.representative_point()
    # 1) a household of village 1 placed inside village 2 (far outside its own polygon)
    # 2) two households of village 2 placed 0.4 m apart
    # 3) one household of village 1 unlocated
    x, y = from_wgs84([h2[0][1]], [h2[0][2]], metric)
    lon2, lat2 = to_wgs84(x + 0.4, y, metric)
    with store.write("t") as w:
        w.update("households", h1[0][0], {"lon": inside2.x, "lat": inside2.y})
        w.update("households", h2[1][0], {"lon": float(lon2[0]), "lat": float(lat2[0])})
        w.update("households", h1[1][0], {"lon": None, "lat": None})
    report = run_checks(store, threshold_m=1.0)
    outside = [f for f in report.findings if f.kind == OUTSIDE]
    assert [f.households for f in outside] == [[h1[0][0]]]
    assert outside[0].village_code == v1 and outside[0].distance_m > 1
    dups = [f for f in report.findings if f.kind == NEAR_DUPLICATE
            and h2[0][0] in f.households]
    assert len(dups) == 1 and set(dups[0].households) == {h2[0][0], h2[1][0]}
    assert dups[0].distance_m == pytest.approx(0.4, abs=0.01)
    unloc = [f for f in report.findings if f.kind == UNLOCATED]
    assert [(f.village_code, f.count) for f in unloc] == [(v1, 1)]
    assert {h1[0][0], h2[0][0], h2[1][0]} <= report.flagged_households()
    # threshold in metres: 0.3 m no longer counts them as duplicates
    tight = run_checks(store, threshold_m=0.3)
    assert not [f for f in tight.findings if f.kind == NEAR_DUPLICATE and h2[0][0] in f.households]
    # limited to one village
    only = run_checks(store, area_code=v2)
    assert {f.village_code for f in only.findings} <= {v2}


def test_household_just_outside_by_gps_noise_is_not_flagged(store):
    (v1, poly1), _ = _two_villages(store)
    (u, *_r), *_ = _household_in(store, v1)
    edge = poly1.exterior.coords[0] if poly1.geom_type == "Polygon" else poly1.geoms[0].exterior.coords[0]
    with store.write("t") as w:
        w.update("households", u, {"lon": edge[0], "lat": edge[1]})
    assert not [f for f in run_checks(store).findings if f.kind == OUTSIDE]


def test_villages_without_boundary_are_reported(store):
    (v1, _p), _ = _two_villages(store)
    with store.write("t") as w:
        w.update("areas", v1, {"boundary": None})
    found = [f for f in run_checks(store).findings if f.kind == NO_BOUNDARY]
    assert [f.village_code for f in found] == [v1]


def test_checks_can_be_cancelled(store):
    with pytest.raises(Cancelled):
        run_checks(store, progress=lambda d, t: False)


def test_a_confirmed_placement_outside_is_told_from_an_unexplained_one(store):
    from fieldapp.geo.positions import outside_own_village, set_household_position

    (v1, _p1), (_v2, poly2) = _two_villages(store)
    confirmed, unexplained = _household_in(store, v1)[:2]
    spot = poly2.representative_point()
    distance = outside_own_village(store, confirmed[0], spot.x, spot.y)
    set_household_position(store, confirmed[0], spot.x, spot.y, user="t", outside_m=distance)
    set_household_position(store, unexplained[0], spot.x + 1e-4, spot.y, user="t")
    found = {f.households[0]: f for f in run_checks(store).findings if f.kind == OUTSIDE}
    assert found[confirmed[0]].confirmed and "已确认" in found[confirmed[0]].detail
    assert not found[unexplained[0]].confirmed and "已确认" not in found[unexplained[0]].detail
    assert found[confirmed[0]].detail_en.endswith(" m outside the village boundary (confirmed "
                                                 "when placed)")
    # moved back home, the old confirmation does not linger
    set_household_position(store, confirmed[0], confirmed[1], confirmed[2], user="t")
    assert geo_queries.household_placement(store, confirmed[0])[2] is None

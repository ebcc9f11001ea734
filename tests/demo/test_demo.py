"""The demo county: real codes and names, synthetic households inside their village polygons."""

import json

import pytest
import shapely
from shapely.geometry import shape

from fieldapp.jobs.demo_build import build_demo
from fieldapp.store import Store
from fieldapp.store.households import queries


def _content(path):
    s = Store.open(path, readonly=True)
    rows = s.conn.execute(
        "SELECT uuid, village_code, group_no, head_name, size, phone, id_hash, id_masked, lon, lat,"
        " status, status_reason FROM households ORDER BY uuid").fetchall()
    visits = s.conn.execute(
        "SELECT uuid, household_uuid, answers, state, started_at FROM visits ORDER BY uuid"
    ).fetchall()
    areas = s.conn.execute("SELECT code, name, boundary FROM areas ORDER BY code").fetchall()
    s.close()
    return rows, visits, areas


def test_same_seed_same_database(tmp_path):
    a, b, c = (tmp_path / n for n in ("a.sqlite", "b.sqlite", "c.sqlite"))
    build_demo(a, "140824", households=800, seed=3)
    build_demo(b, "140824", households=800, seed=3)
    build_demo(c, "140824", households=800, seed=4)
    assert _content(a) == _content(b)
    assert _content(a)[0] != _content(c)[0]


@pytest.mark.parametrize("county,townships,villages", [("140824", 9, 151), ("330411", 9, 170)])
def test_real_division_counts(tmp_path, county, townships, villages):
    p = tmp_path / "d.sqlite"
    build_demo(p, county, households=1500, seed=1)
    s = Store.open(p)
    info = queries.info(s)
    assert info["county_code"] == county
    assert info["counts"]["townships"] == townships
    assert info["counts"]["villages"] == villages
    assert info["counts"]["households"] == 1500
    s.close()


def test_households_inside_their_village_and_villages_tile_county(demo_store):
    conn = demo_store.conn
    polys = {code: shape(json.loads(b)) for code, b in conn.execute(
        "SELECT code, boundary FROM areas WHERE level = 'village'")}
    county = shape(json.loads(conn.execute(
        "SELECT boundary FROM areas WHERE level = 'county'").fetchone()[0]))
    outside = 0
    for code, poly in polys.items():
        pts = conn.execute("SELECT lon, lat FROM households WHERE village_code = ?",
                           (code,)).fetchall()
        if pts:
            xs, ys = zip(*pts)
            outside += int((~shapely.contains_xy(poly, xs, ys)).sum())
    assert outside == 0
    union = shapely.union_all(list(polys.values()))
    # Villages tile the county: no gaps bigger than rounding, no overlaps.
    assert abs(union.area - county.area) / county.area < 0.02
    assert sum(p.area for p in polys.values()) == pytest.approx(union.area, rel=1e-6)


def test_statuses_spread_and_derived_from_visits(demo_store):
    status = queries.info(demo_store)["status"]
    total = status["households"]
    assert all(status[k] > 0 for k in ("covered", "not_covered", "never_visited", "nobody_home",
                                       "vacant"))
    assert 0.6 < status["covered"] / total < 0.95
    # Status is derived, not typed in: households with no complete visit are not visited.
    never = demo_store.conn.execute(
        "SELECT count(*) FROM households h WHERE NOT EXISTS"
        " (SELECT 1 FROM visits v WHERE v.household_uuid = h.uuid AND v.state = 'complete')"
    ).fetchone()[0]
    assert never == status["never_visited"]
    assert demo_store.conn.execute(
        "SELECT count(*) FROM households h WHERE status != 'not_visited' AND NOT EXISTS"
        " (SELECT 1 FROM visits v WHERE v.household_uuid = h.uuid)").fetchone()[0] == 0


def test_personal_data_minimised_by_default(demo_store):
    assert demo_store.setting("store_full_id") == "0"
    full, masked = demo_store.conn.execute(
        "SELECT count(id_full), count(id_masked) FROM households").fetchone()
    assert full == 0 and masked > 0
    sample = demo_store.conn.execute("SELECT id_masked, id_hash FROM households LIMIT 50")
    for m, h in sample:
        assert len(m) == 18 and m[6:14] == "********" and h.startswith("k1:") and len(h) == 67


def test_demo_writes_go_through_the_change_log(demo_store):
    n_records = sum(demo_store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ("areas", "households", "visits", "public_places", "facilities"))
    assert demo_store.conn.execute("SELECT count(*) FROM changes").fetchone()[0] == n_records

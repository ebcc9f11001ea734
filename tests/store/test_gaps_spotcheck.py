"""Spot checks: a reproducible sample per village (seed kept), outcomes recorded and reported."""

import pytest

from fieldapp.core.reconcile import draw_sample, sample_size
from fieldapp.store import spotcheck

TOWN = "140824100000"


def test_sample_size_rules():
    assert sample_size(0, percent=10) == 0
    assert sample_size(7, percent=10) == 1  # rounded up, at least one
    assert sample_size(100, percent=5) == 5
    assert sample_size(3, count=5) == 3
    assert sample_size(50, count=4) == 4


def test_draw_is_reproducible_and_per_village():
    pop = {"v1": [f"a{i}" for i in range(40)], "v2": [f"b{i}" for i in range(9)]}
    one = draw_sample(pop, 42, percent=10)
    assert {k: len(v) for k, v in one.items()} == {"v1": 4, "v2": 1}
    assert draw_sample(dict(reversed(pop.items())), 42, percent=10) == one
    assert draw_sample(pop, 43, percent=10) != one
    # adding a village does not change the draw of the others
    assert draw_sample({**pop, "v3": ["c1"]}, 42, percent=10)["v1"] == one["v1"]


def test_draw_keeps_sample_and_seed_then_records_outcomes(demo_store):
    check = spotcheck.draw(demo_store, TOWN, percent=5, seed=2026, user="县融媒体中心")
    info = spotcheck.checks(demo_store)[0]
    assert (info["uuid"], info["seed"], info["method"], info["amount"]) == (check, 2026,
                                                                            "percent", 5)
    population = spotcheck.covered_by_village(demo_store, TOWN)
    assert info["population"] == sum(len(v) for v in population.values())
    items = spotcheck.items(demo_store, check)
    expected = draw_sample(population, 2026, percent=5)
    assert sorted(i["household_uuid"] for i in items) == sorted(
        h for v in expected.values() for h in v)
    again = spotcheck.draw(demo_store, TOWN, percent=5, seed=2026)
    assert sorted(i["household_uuid"] for i in spotcheck.items(demo_store, again)) == sorted(
        i["household_uuid"] for i in items)

    first, second, third = items[:3]
    spotcheck.record(demo_store, first["uuid"], "confirmed", checker="王海燕", on="2026-06-02")
    spotcheck.record(demo_store, second["uuid"], "not_confirmed", note="电视坏了")
    spotcheck.record(demo_store, third["uuid"], "unreachable")
    by_village = {}
    for r in spotcheck.results(demo_store, check):
        by_village[r["village_code"]] = r
    total = {k: sum(r[k] for r in by_village.values())
             for k in ("sampled", "confirmed", "not_confirmed", "unreachable", "pending")}
    assert total == {"sampled": len(items), "confirmed": 1, "not_confirmed": 1,
                     "unreachable": 1, "pending": len(items) - 3}
    logged = demo_store.conn.execute(
        "SELECT tbl, op, count(*) FROM changes WHERE tbl LIKE 'spot_check%' GROUP BY 1, 2"
    ).fetchall()
    assert ("spot_check_items", "update", 3) in logged and ("spot_checks", "insert", 2) in logged


def test_bad_requests(demo_store):
    with pytest.raises(spotcheck.SpotCheckError):
        spotcheck.draw(demo_store, TOWN)
    with pytest.raises(spotcheck.SpotCheckError):
        spotcheck.draw(demo_store, TOWN, percent=150)
    with pytest.raises(spotcheck.SpotCheckError, match="没有区划代码"):
        spotcheck.draw(demo_store, "140824999000", count=2)
    with pytest.raises(spotcheck.SpotCheckError):
        spotcheck.record(demo_store, "nope", "confirmed")

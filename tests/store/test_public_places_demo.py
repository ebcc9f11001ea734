"""The demo county's public places: a handful per township, inside a village of that township,
answers that pass the public-place checklist, the same for the same seed."""

from __future__ import annotations

import json

import shapely
from shapely.geometry import shape

from fieldapp.jobs.demo_build import build_demo
from fieldapp.store import Store
from fieldapp.store import public_places as P
from fieldapp.survey.registry import bundled_form
from fieldapp.survey.runtime import FormState


def _places(path):
    with Store.open(path, readonly=True) as s:
        return [(p["uuid"], p["township_code"], p["village_code"], p["place_type"], p["name"],
                 p["answers"], p["state"], p["lon"], p["lat"]) for p in P.list_places(s)]


def test_every_township_has_a_few_places_with_its_government(demo_store):
    places = P.list_places(demo_store)
    towns = [c for (c,) in demo_store.conn.execute(
        "SELECT code FROM areas WHERE level = 'township' ORDER BY code")]
    for town in towns:
        mine = [p for p in places if p["township_code"] == town]
        assert 6 <= len(mine) <= 9, town
        assert any(p["place_type"] == "party_gov" and p["name"].endswith(
            ("人民政府", "办事处", "管理委员会")) for p in mine)
        assert all(p["village_code"][:9] == town[:9] for p in mine)
    assert {p["place_type"] for p in places} >= {"party_gov", "school", "hospital", "enterprise"}
    assert {p["state"] for p in places} == {"complete", "draft"}


def test_complete_places_pass_the_checklist_and_lie_in_their_village(demo_store):
    form = bundled_form("public_place")
    polys = {code: shape(json.loads(b)) for code, b in demo_store.conn.execute(
        "SELECT code, boundary FROM areas WHERE level = 'village'")}
    for p in P.list_places(demo_store):
        a = p["answers"]
        assert (a["place_type"], a["place_name"]) == (p["place_type"], p["name"])
        if p["state"] == "complete":
            state = FormState(form, a)
            assert state.is_complete(), (p["name"], state.problems())
            assert not state.irrelevant_answers()
        assert shapely.contains_xy(polys[p["village_code"]], p["lon"], p["lat"])


def test_same_seed_same_places(tmp_path):
    a, b, c = (tmp_path / n for n in ("a.sqlite", "b.sqlite", "c.sqlite"))
    build_demo(a, "330411", households=600, seed=3)
    build_demo(b, "330411", households=600, seed=3)
    build_demo(c, "330411", households=600, seed=4)
    assert _places(a) == _places(b)
    assert _places(a) != _places(c)
    office = [p[4] for p in _places(a) if p[4].endswith("办事处")]
    assert office  # 街道 have an office, not a township government

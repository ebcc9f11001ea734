"""Property: bundles from laptops edited concurrently give the same county data and the same
conflicts in any merge order (hypothesis draws the edits and the orders; real files)."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import LAPTOP_PW, snapshot

from fieldapp.store import Store

LAPTOPS = ("A", "B", "C")
FIELDS = {"phone": ["13900000001", "13900000002", None], "notes": ["甲", "乙"],
          "size": [1, 2, 3]}

edit = st.one_of(
    st.tuples(st.just("hh"), st.integers(0, 2), st.sampled_from(sorted(FIELDS)),
              st.integers(0, 2)),
    st.tuples(st.just("answer"), st.integers(0, 1), st.sampled_from(["notes", "tv_sets"]),
              st.integers(0, 1)),
    st.tuples(st.just("delete"), st.integers(0, 1), st.just(""), st.just(0)),
    st.tuples(st.just("new"), st.integers(0, 1), st.just(""), st.just(0)),
)
script = st.lists(edit, max_size=6)


@pytest.fixture(scope="module")
def base(county_template, tmp_path_factory):
    from sync_helpers import Field

    d = tmp_path_factory.mktemp("order")
    shutil.copy(county_template, d / "county.sqlite")
    f = Field(d, d / "county.sqlite")
    laptops = {n: f.laptop(n) for n in LAPTOPS}
    with Store.open(laptops["A"], readonly=True) as s:
        hh = [r[0] for r in s.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 3")]
        vs = [r[0] for r in s.conn.execute("SELECT uuid FROM visits ORDER BY uuid LIMIT 2")]
        village = s.conn.execute("SELECT village_code FROM households LIMIT 1").fetchone()[0]
    return f, laptops, hh, vs, village


def _apply(path, name, edits, hh, vs, village):
    with Store.open(path) as s, s.write(name) as w:
        for kind, i, fld, v in edits:
            if kind == "hh":
                w.update("households", hh[i], {fld: FIELDS[fld][v % len(FIELDS[fld])]})
            elif kind == "answer":
                w.update("visits", vs[i], {"answers": {fld: ["是", "否"][v]}})
            elif kind == "delete":
                w.delete("visits", vs[i])
            else:
                w.insert("households", {"village_code": village, "group_no": str(i),
                                        "head_name": f"{name}新户"})


def _order(rng_perm, bundles):
    return [bundles[i] for i in rng_perm]


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(scripts=st.tuples(script, script, script), perms=st.lists(st.permutations(range(3)),
                                                                 min_size=2, max_size=2),
       second=st.tuples(st.integers(0, 2), script))
def test_any_merge_order_gives_the_same_data_and_conflicts(base, tmp_path_factory, scripts,
                                                           perms, second):
    f0, laptops, hh, vs, village = base
    d = tmp_path_factory.mktemp("ex")
    county = d / "county.sqlite"
    shutil.copy(f0.county_path, county)
    f = type(f0)(d, county, _keys=f0._keys)
    laps = {}
    for n, edits in zip(LAPTOPS, scripts):
        laps[n] = d / f"{n}.sqlite"
        shutil.copy(laptops[n], laps[n])
        _apply(laps[n], n, edits, hh, vs, village)
    bundles = [f.export(laps[n], f"{n}.fab") for n in LAPTOPS]

    # round two: one laptop takes the county's reference (after every round-one bundle),
    # edits again on top of what the county decided, and sends a second bundle
    first = d / "first.sqlite"
    shutil.copy(county, first)
    f.merge(*bundles, db=first)
    k, edits2 = LAPTOPS[second[0]], second[1]
    with Store.open(first) as s:
        from fieldapp.jobs import reference_bundle as reference
        res = reference.reference_bundle(s, f.township, d / "ref2.fab", "县里的口令 county")
    from fieldapp.sync import identity, merge
    with Store.open(laps[k]) as s:
        merge.merge_file(s, d / "ref2.fab", identity.unlock(s, LAPTOP_PW))
    assert res.recipients == len(LAPTOPS)  # encrypted to every enrolled laptop, no code
    _apply(laps[k], k, edits2, hh, vs, village)
    later = f.export(laps[k], f"{k}-2.fab")

    results = []
    for i, perm in enumerate(perms):
        db = d / f"order{i}.sqlite"
        shutil.copy(county, db)
        out = f.merge(*_order(perm, bundles), later, db=db).as_json()
        assert out["rejected"] == []
        results.append(snapshot(db))
    assert results[0] == results[1]


@pytest.mark.soak
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(scripts=st.tuples(script, script, script), perms=st.lists(st.permutations(range(3)),
                                                                 min_size=2, max_size=2),
       second=st.tuples(st.integers(0, 2), script))
def test_any_merge_order_many_examples(base, tmp_path_factory, scripts, perms, second):
    test_any_merge_order_gives_the_same_data_and_conflicts.hypothesis.inner_test(
        base, tmp_path_factory, scripts, perms, second)

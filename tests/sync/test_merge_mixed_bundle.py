"""A bundle that mixes records new to the county (inserted in bulk) with edits of records the
county and another laptop changed too (planned field by field) leaves the county exactly as
merging the same laptop's work step by step, in small bundles, does — in either order with the
other laptop's bundle: same records, clocks, statuses, change log and conflicts."""

from __future__ import annotations

import shutil

from sync_helpers import snapshot, unvisited_households

from fieldapp.store import Store


def _complete_visit(w, household: str, result: str, ended: str) -> None:
    w.insert("visits", {"household_uuid": household, "form_id": "huhutong_household",
                        "form_version": "2026112501", "state": "complete",
                        "answers": {"visit_result": result}, "ended_at": ended})


def _laptop_steps(path, hh, village):
    """Three sittings on laptop A; after each the caller exports a bundle."""
    with Store.open(path) as s, s.write("甲") as w:
        w.update("households", hh[0], {"phone": "13900000001"})
        new = w.insert("households", {"village_code": village, "group_no": "9",
                                      "head_name": "新户甲"})
    yield
    with Store.open(path) as s, s.write("甲") as w:
        w.update("households", new, {"head_name": "新户甲改"})
        _complete_visit(w, new, "vacant", "2026-06-01T10:00:00")
        w.update("households", hh[1], {"notes": "甲的备注"})
    yield
    with Store.open(path) as s, s.write("甲") as w:
        w.update("households", hh[0], {"phone": "13900000003"})
        w.insert("households", {"village_code": village, "group_no": "7", "head_name": "新户丙"})
        _complete_visit(w, hh[2], "refused", "2026-06-02T10:00:00")
    yield


def test_mixed_bundle_merges_as_its_steps_do(field_setup):
    f = field_setup
    a, b = f.laptop("A"), f.laptop("B")
    hh, village = unvisited_households(a, 3)
    steps = []
    for i, _ in enumerate(_laptop_steps(a, hh, village)):
        steps.append(f.export(a, f"a{i}.fab"))
    whole = f.export(a, "a-all.fab", full=True)
    with Store.open(b) as s, s.write("乙") as w:
        w.update("households", hh[0], {"phone": "13900000002"})
        w.update("households", hh[1], {"notes": "乙的备注"})
    fb = f.export(b, "b.fab")
    with f.county() as s, s.write("县") as w:  # the county's own edit of the same record
        w.update("households", hh[1], {"notes": "县里的备注"})

    results = {}
    for name, files in {"whole": [whole, fb], "steps": [*steps, fb],
                        "b-whole": [fb, whole], "b-steps": [fb, *steps]}.items():
        db = f.tmp / f"{name}.sqlite"
        shutil.copy(f.county_path, db)
        out = f.merge(*files, db=db).as_json()
        assert out["rejected"] == [] and out["refused_changes"] == []
        results[name] = snapshot(db)

    whole_state = results["whole"]
    assert whole_state["conflicts"], "the laptops' and the county's edits of hh[0]/hh[1] conflict"
    heads = {r[3] for r in whole_state["households"]}
    assert {"新户甲改", "新户丙"} <= heads
    for name in ("steps", "b-whole", "b-steps"):
        assert results[name] == whole_state, name

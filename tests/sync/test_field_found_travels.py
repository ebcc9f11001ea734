"""Households found in the field travel from the laptop to the county like any record; the same
new household entered on two laptops becomes one duplicate pair for the county to resolve."""

from __future__ import annotations

import json
import subprocess
import sys

from sync_helpers import TOWNSHIP

from fieldapp.core.field_household import NewHousehold
from fieldapp.store import Store
from fieldapp.store import conflicts as sync_conflicts
from fieldapp.store.household_add import add_field_household


def _reconcile(path):
    r = subprocess.run([sys.executable, "-m", "fieldapp", "reconcile", str(path), "--json"],
                       check=True, capture_output=True, text=True, timeout=300)
    return json.loads(r.stdout)


def test_same_found_household_on_two_laptops_reaches_county_as_a_duplicate_pair(field_setup):
    f = field_setup
    lap_a, lap_b = f.laptop("A"), f.laptop("B")
    with Store.open(lap_a, readonly=True) as s:
        village = s.conn.execute("SELECT code FROM areas WHERE level = 'village' AND code"
                                 " LIKE ? ORDER BY code LIMIT 1", (TOWNSHIP[:9] + "%",)).fetchone()[0]
    new = NewHousehold(village, "赵新户", group_no="5", door="7号", lat=35.6, lon=110.98)
    uuids = []
    for lap in (lap_a, lap_b):
        with Store.open(lap) as s:
            uuids.append(add_field_household(s, new, user="甲"))
    before = _reconcile(f.county_path)["field_found"]
    res = f.merge(f.export(lap_a, "a.fab"), f.export(lap_b, "b.fab"))
    assert not res.rejected
    assert _reconcile(f.county_path)["field_found"] == before + 2
    with f.county() as s:
        got = s.conn.execute("SELECT source, head_name, address FROM households WHERE uuid IN"
                             " (?, ?)", uuids).fetchall()
        assert sorted(tuple(r) for r in got) == [("field", "赵新户", "7号")] * 2
        pairs = {(d["household_a"], d["household_b"])
                 for d in sync_conflicts.duplicates(s)}
    assert (min(uuids), max(uuids)) in pairs


def test_laptops_follow_the_county_coverage_rule(field_setup, tmp_path):
    from fieldapp.core.coverage_rule import CoverageRule
    from fieldapp.store.coverage_rule import rule_of
    from fieldapp.store.households.status import set_rule

    f = field_setup
    lap = f.laptop("A")
    with Store.open(lap, readonly=True) as s:
        assert rule_of(s).version == "140824-2026.1"  # shipped default
    lenient = CoverageRule.from_json('{"version": "140824-lenient", "county": "140824",'
                                     ' "requires": []}')
    f.merge(f.export(lap, "a.fab"))  # the county now knows this laptop's key
    with f.county() as s:
        set_rule(s, lenient)
        covered = s.conn.execute("SELECT count(*) FROM households WHERE status = 'covered'"
                                 " AND village_code LIKE ?", (TOWNSHIP[:9] + "%",)).fetchone()[0]
    f.merge_reference(lap, f.make_reference("ref2.fab"))
    with Store.open(lap, readonly=True) as s:
        assert rule_of(s).version == "140824-lenient"
        assert s.conn.execute("SELECT count(*) FROM households WHERE status = 'covered'"
                              ).fetchone()[0] == covered  # recomputed on the laptop too

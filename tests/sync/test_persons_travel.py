"""不落一人 across the merge: the persons a laptop's visits list reach the county's counts — for a
household found in the field (new to the county) and for a register household visited again."""

from __future__ import annotations

import json
import subprocess
import sys

from sync_helpers import TOWNSHIP

from fieldapp.core.field_household import NewHousehold
from fieldapp.store import Store
from fieldapp.store import visits as V
from fieldapp.store.household_add import add_field_household

MET = {"visit_result": "met", "reception_mode": "dtmb", "works_now": "yes",
       "channels": "cctv provincial county", "illegal_charge": "no"}


def _persons(path):
    r = subprocess.run([sys.executable, "-m", "fieldapp", "reconcile", str(path), "--json"],
                       check=True, capture_output=True, text=True, timeout=300)
    out = json.loads(r.stdout)
    return out["persons"], out["persons_covered"]


def members(n, away=0):
    return [{"member_name": f"人{i}", "relation": "other", "lives_here": "no" if i < away else "yes"}
            for i in range(n)]


def test_persons_of_a_laptops_visits_reach_the_county(field_setup):
    f = field_setup
    lap = f.laptop("A")
    with Store.open(lap) as s:
        village = s.conn.execute("SELECT code FROM areas WHERE level = 'village' AND code"
                                 " LIKE ? ORDER BY code LIMIT 1", (TOWNSHIP[:9] + "%",)).fetchone()[0]
        known = s.conn.execute("SELECT uuid FROM households WHERE village_code = ? AND source ="
                               " 'register' ORDER BY uuid LIMIT 1", (village,)).fetchone()[0]
        found = add_field_household(s, NewHousehold(village, "钱新户", group_no="3"), user="甲")
        for household, roster in ((found, members(5, away=1)), (known, members(3))):
            vid = V.start_visit(s, "甲", household, "huhutong_household", "1",
                                {**MET, "members": roster})
            V.complete_visit(s, "甲", vid, {})
    with f.county() as s:
        before_known = s.conn.execute("SELECT persons, status FROM households WHERE uuid = ?",
                                      (known,)).fetchone()
    persons, covered = _persons(f.county_path)
    res = f.merge(f.export(lap, "a.fab"))
    assert not res.rejected
    with f.county() as s:
        got = dict(s.conn.execute("SELECT uuid, persons FROM households WHERE uuid IN (?, ?)",
                                  (found, known)))
    assert got == {found: 4, known: 3}
    was_covered = before_known[1] == "covered"
    assert _persons(f.county_path) == (
        persons + 4 + 3 - before_known[0],
        covered + 4 + 3 - (before_known[0] if was_covered else 0))

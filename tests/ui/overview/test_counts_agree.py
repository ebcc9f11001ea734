"""One definition per count (issue 17 item 5): `info --json` (under status), `reconcile --json`,
the dashboard, the map legend, the village sheets and the report give the same numbers under the
same keys on a demo county with households found in the field and households nobody was home at,
and those numbers are what the households table says; persons (不落一人) are what the member
rosters of the latest visits say."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from latest_visits import latest_answers

from fieldapp.core.reconcile import COUNT_KEYS, STATUS_COUNT_KEYS
from fieldapp.jobs.demo_build import build_demo
from fieldapp.store import Store

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def run(*args) -> dict:
    r = subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)],
                       check=False, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    path = tmp_path_factory.mktemp("counts") / "county.fieldapp"
    build_demo(path, "140824", households=2000, seed=11)
    with Store.open(path, readonly=True) as s:
        villages = [r[0] for r in s.conn.execute(
            "SELECT code FROM areas WHERE level = 'village' AND deleted = 0 ORDER BY code")]
    for i, village in enumerate(villages[:3]):  # households found in the field (新发现户)
        run("household", "add", path, "--village", village, "--name", f"新户{i}", "--json")
    return path


def truth(path) -> dict[str, int]:
    """The counts straight from the households table, written out here independently."""
    with Store.open(path, readonly=True) as s:
        q = lambda where: s.conn.execute(
            "SELECT count(*) FROM households WHERE deleted = 0 AND merged_into IS NULL"
            f" AND {where}").fetchone()[0]
        return {
            "households": q("1"), "covered": q("status = 'covered'"),
            "not_covered": q("status = 'not_covered'"),
            "never_visited": q("status = 'not_visited' AND coalesce(status_reason, '') = ''"),
            "nobody_home": q("status = 'not_visited' AND status_reason = 'nobody_home'"),
            "vacant": q("status = 'vacant'"), "refused": q("status = 'refused'"),
            "moved": q("status = 'moved'"), "field_found": q("source = 'field'"),
            **persons_truth(path, s),
        }


def persons_truth(path, store) -> dict[str, int]:
    """People the latest visit's roster lists as living in the household (lives_here not "no"),
    counted from the visits themselves, all and in covered households."""
    status = dict(store.conn.execute("SELECT uuid, status FROM households"))
    people = {h: sum(1 for m in a.get("members") or () if m.get("lives_here") != "no")
              for h, a in latest_answers(path).items()}
    return {"persons": sum(people.values()),
            "persons_covered": sum(n for h, n in people.items() if status[h] == "covered")}


def pick(d, keys=COUNT_KEYS) -> dict[str, int]:
    return {k: d[k] if isinstance(d, dict) else getattr(d, k) for k in keys}


def test_every_surface_gives_the_same_counts(county, qtbot):
    from PySide6.QtCore import QCoreApplication, Qt

    from fieldapp.geo.mapdata import MapData
    from fieldapp.reports.report_data import build_report
    from fieldapp.reports.village_sheet import load_village_sheet
    from fieldapp.ui.overview.dashboard import Dashboard
    from fieldapp.ui.overview.dashboard_chart import chart_parts
    from fieldapp.ui.map.map_overlay import legend_persons, legend_rows

    expected = truth(county)
    # The demo county has every kind, so conflating two of them would show.
    assert all(expected[k] > 0 for k in ("covered", "not_covered", "never_visited",
                                         "nobody_home", "field_found", "persons")), expected
    assert expected["persons"] > expected["persons_covered"] > 0
    assert sum(expected[k] for k in STATUS_COUNT_KEYS) == expected["households"]

    surfaces: dict[str, dict[str, int]] = {}
    info = run("info", county, "--json")
    surfaces["info"] = pick(info["status"])
    assert info["counts"]["households"] == expected["households"]
    surfaces["reconcile"] = pick(run("reconcile", county, "--json"))

    with Store.open(county, readonly=True) as store:
        dash = Dashboard()
        qtbot.addWidget(dash)
        dash.set_store(store)
        surfaces["dashboard"] = pick(dash.county.counts())
        model = dash.towns  # the county's row first, as the table shows it
        cells = {model.headerData(c, Qt.Horizontal): model.data(model.index(0, c))
                 for c in range(model.columnCount())}
        tr = lambda text: QCoreApplication.translate("Dashboard", text)
        shown = {k: int(str(cells[tr(h)]).replace(",", "")) for k, h in (
            ("households", "Households"), ("covered", "Covered"),
            ("not_covered", "Not covered"), ("never_visited", "Never visited"),
            ("nobody_home", "Nobody home"), ("field_found", "Not in register"),
            ("persons", "Persons"), ("persons_covered", "Persons covered"))}
        assert shown == {k: expected[k] for k in shown}
        bars = dict(chart_parts(dash.county))
        assert bars["nobody_home"] == expected["nobody_home"]
        assert bars["never_visited"] == expected["never_visited"]
        assert bars["other"] == expected["vacant"] + expected["refused"] + expected["moved"]

        legend = {key: n for key, _color, n in legend_rows(MapData.load(store).counts)}
        surfaces["map legend"] = {**pick(legend, STATUS_COUNT_KEYS),
                                  **legend_persons(MapData.load(store).counts)}

        sheets = dict.fromkeys(COUNT_KEYS, 0)
        for (village,) in store.conn.execute(
                "SELECT code FROM areas WHERE level = 'village' AND deleted = 0").fetchall():
            sheet = load_village_sheet(store, village)
            for k, v in sheet.summary.counts.items():
                sheets[k] += v
            assert sheet.summary.counts["field_found"] == sheet.field_found
            assert dict(sheet.summary.status_items())["家中无人"] == sheet.summary.nobody_home
        surfaces["village sheets"] = sheets

        surfaces["report"] = pick(build_report(store).total)

    for name, got in surfaces.items():
        assert got == {k: expected[k] for k in got}, name


def test_households_nobody_home_twice_are_listed_for_a_revisit(county, qtbot):
    from fieldapp.store import visits as V
    from fieldapp.ui.overview.dashboard import Dashboard

    def visit(store, hh, answers):
        vid = V.start_visit(store, "t", hh, "huhutong_household", "1", answers)
        V.complete_visit(store, "t", vid, {})

    with Store.open(county) as s:
        twice, once, found = [r[0] for r in s.conn.execute(
            "SELECT uuid FROM households WHERE status = 'not_visited'"
            " AND coalesce(status_reason, '') = '' ORDER BY uuid LIMIT 3")]
        for hh, n in ((twice, 2), (once, 1), (found, 2)):
            for _ in range(n):
                visit(s, hh, {"visit_result": "nobody_home"})
        visit(s, found, {"visit_result": "met", "reception_mode": "dtmb", "works_now": "yes",
                         "county_channel": "yes"})
        status = dict(s.conn.execute("SELECT uuid, status FROM households WHERE uuid IN (?, ?, ?)",
                                     (twice, once, found)))
    assert status[twice] == status[once] == "not_visited" and status[found] != "not_visited"
    rec = run("reconcile", county, "--json")
    listed = {h["household_id"]: h["nobody_home_visits"] for h in rec["revisit"]}
    assert rec["revisit_after"] == 2
    assert listed.get(twice) == 2 and once not in listed and found not in listed
    listed1 = {h["household_id"] for h in run("reconcile", county, "--json",
                                              "--revisit-after", "1")["revisit"]}
    assert {twice, once} <= listed1 and found not in listed1
    # The same list in `gaps` (its own list, also a sheet of the operator's workbook) and on the
    # dashboard's Revisit tab.
    in_gaps = {g["household_uuid"]: g["nobody_home_visits"]
               for g in run("gaps", county, "--json") if g["gap"] == "revisit"}
    assert in_gaps == listed
    with Store.open(county, readonly=True) as store:
        dash = Dashboard()
        qtbot.addWidget(dash)
        dash.set_store(store)
        assert {r["household_uuid"]: r["nobody_home_visits"]
                for r in dash.revisit_model.rows} == listed
        assert str(len(listed)) in dash.tabs.tabText(dash.tabs.indexOf(dash.revisit_view))
    # The counts still agree with the table after the new visits.
    assert pick(rec) == truth(county)

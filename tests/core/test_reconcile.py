"""Reconciliation figures against hand counts, for a village, a township and the county."""

import datetime as dt

import pytest

from fieldapp.core.idcard import hash_id
from fieldapp.core.reconcile import Schedule, reconcile
from fieldapp.store.reports.reconciliation_counts import reconciliation, schedule

V1, V2 = "140824100200", "140824100201"  # two villages of 稷峰镇
V3 = "140824101200"  # a village of the next township
T1, T2, COUNTY = "140824100000", "140824101000", "140824000000"

MET_COVERED = {"visit_result": "met", "reception_mode": "iptv", "works_now": "yes",
               "channels": "cctv provincial county"}


def not_covered(reason):
    return {"visit_result": "met", "reception_mode": "none", "works_now": "no",
            "not_covered_reason": reason}


@pytest.fixture
def county(store):
    salt = store.setting("id_salt")
    plan = [  # village, group, name, id, source, visit answers (None: never visited)
        (V1, "1", "张三", "A", "register", MET_COVERED),
        (V1, "1", "李四", "B", "register", MET_COVERED),
        (V1, "1", "王五", None, "register", not_covered("signal")),
        (V1, "2", "赵六", None, "register", {"visit_result": "nobody_home"}),
        (V1, "2", "钱七", None, "register", None),
        (V1, "2", "孙八", None, "field", MET_COVERED),  # found in the field
        (V1, "2", "钱七", None, "register", None),  # same name, same group: probable duplicate
        (V2, "1", "周九", "C", "register", {"visit_result": "vacant"}),
        (V2, "1", "吴十", "D", "register", {"visit_result": "refused"}),
        (V2, "1", "郑一", "E", "register", not_covered("no_tv")),
        (V2, "1", "郑一", "F", "register", MET_COVERED),  # same name, different IDs: two people
        (V3, "3", "冯二", "A", "register", {"visit_result": "moved_out"}),  # same ID as 张三
        (V3, "3", "陈三", None, "register", not_covered("signal")),
    ]
    with store.write("test") as w:
        for village, group, name, idno, source, answers in plan:
            uid = w.insert("households", {
                "village_code": village, "group_no": group, "head_name": name,
                "id_hash": hash_id(idno, salt) if idno else None, "source": source})
            if answers is not None:
                w.insert("visits", {"household_uuid": uid, "form_id": "f", "form_version": "1",
                                    "answers": answers, "state": "complete",
                                    "ended_at": "2026-05-01T10:00:00"})
        # a draft visit does not make a household visited
        w.insert("visits", {"household_uuid": uid, "form_id": "f", "form_version": "1",
                            "answers": MET_COVERED, "state": "draft"})
    return store


def test_village_figures_match_hand_counts(county):
    v1 = reconciliation(county, V1)
    assert (v1.register, v1.field_found, v1.households) == (6, 1, 7)
    assert (v1.visited, v1.never_visited) == (5, 2)
    assert (v1.covered, v1.not_covered) == (3, 1)
    assert v1.not_covered_by_reason == {"signal": 1}
    assert v1.duplicates == 3  # 张三 (same ID as 冯二 in V3) and the two 钱七
    assert v1.coverage_rate == pytest.approx(3 / 7)


def test_township_and_county_roll_up(county):
    t1 = reconciliation(county, T1)
    assert t1.level == "township" and t1.households == 11
    v2 = next(c for c in t1.children if c.code == V2)
    assert (v2.households, v2.covered, v2.duplicates) == (4, 1, 0)
    assert v2.counted == 3 and v2.coverage_rate == pytest.approx(1 / 3)  # vacant does not count
    assert t1.covered == 4 and t1.not_covered_by_reason == {"signal": 1, "no_tv": 1}
    c = reconciliation(county, COUNTY)
    assert c.households == 13 and c.register == 12 and c.field_found == 1
    assert c.visited == 11 and c.never_visited == 2  # only the two 钱七 were never visited
    assert c.by_status["moved"] == 1 and c.by_status["vacant"] == 1
    assert c.by_status["refused"] == 1
    assert c.counted == 11 and c.coverage_rate == pytest.approx(4 / 11)
    assert c.not_covered_by_reason == {"signal": 2, "no_tv": 1}
    assert c.duplicates == 4  # 张三, 冯二, 钱七 ×2
    assert c.open_gaps == 7
    assert sum(t.households for t in c.children) == c.households
    assert reconciliation(county, T2).households == 2


def test_progress_against_target_date():
    s = Schedule.for_year(2026, today=dt.date(2026, 7, 2))
    assert s.target == dt.date(2026, 12, 31) and s.days_left == 182
    assert s.elapsed == pytest.approx(182 / 364)
    from fieldapp.core.divisions import Area

    f = reconcile([Area(V1, "村", "village", None)],
                  [(V1, 1, "covered", "", 60), (V1, 1, "not_visited", "", 40)])
    p = f.progress(s)
    assert p["on_track"] is True and p["visits_per_day_needed"] == 1  # ceil(40 / 182)
    late = f.progress(Schedule.for_year(2026, today=dt.date(2026, 12, 1)))
    assert late["on_track"] is False and late["visits_per_day_needed"] == 2  # ceil(40 / 30)


def test_schedule_from_settings(store):
    store.set_settings({"programme_year": "2025"})
    s = schedule(store, today=dt.date(2025, 3, 1))
    assert (s.start, s.target) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    store.set_settings({"target_date": "2025-10-31"})
    assert schedule(store, today=dt.date(2025, 3, 1)).target == dt.date(2025, 10, 31)


def test_empty_area_has_no_rate(store):
    f = reconciliation(store, V1)
    assert f.households == 0 and f.coverage_rate is None and f.to_json()["coverage_rate"] is None

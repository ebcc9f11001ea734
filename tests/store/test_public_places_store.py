"""Public places: created in a township or village, answers saved one by one (logged, audited),
the type/name/location columns kept in step, completed, listed per area, deleted as tombstones
and restored by undo."""

from __future__ import annotations

import json

import pytest

from fieldapp.store import public_places as P
from fieldapp.store.errors import NotFound, StoreError

TOWN = "140824100000"
VERSION = "2026112501"


@pytest.fixture
def village(store):
    return store.conn.execute(
        "SELECT code FROM areas WHERE parent_code = ? AND level = 'village' ORDER BY code"
        " LIMIT 1", (TOWN,)).fetchone()[0]


def _audit(store, uuid):
    return [tuple(r) for r in store.conn.execute(
        "SELECT field, old, new, user FROM audit_log WHERE record_uuid = ? ORDER BY id",
        (uuid,))]


def test_create_sets_columns_from_answers_and_audits_them(store, village):
    uuid = P.create_place(store, "王海燕", village, VERSION,
                          {"place_type": "school", "place_name": " 稷峰镇中心小学 ",
                           "notes": None})
    place = P.get_place(store, uuid)
    assert place["township_code"] == TOWN and place["village_code"] == village
    assert place["place_type"] == "school" and place["name"] == "稷峰镇中心小学"
    assert place["answers"] == {"place_type": "school", "place_name": " 稷峰镇中心小学 "}
    assert place["state"] == "draft" and place["surveyor"] == "王海燕"
    assert place["form_id"] == "public_place" and place["form_version"] == VERSION
    assert place["township_name"] and place["village_name"]
    audited = _audit(store, uuid)
    assert ("answers.place_name", None, " 稷峰镇中心小学 ", "王海燕") in audited
    assert ("name", "", "稷峰镇中心小学", "王海燕") in audited


def test_each_answer_change_is_logged_and_columns_follow(store):
    uuid = P.create_place(store, "甲", "140824100", VERSION)  # a township, 9-digit code
    assert P.get_place(store, uuid)["village_code"] is None
    assert P.save_answers(store, "乙", uuid, {"place_name": "稷山宾馆"}) == 2  # answer + name
    assert P.save_answers(store, "乙", uuid, {"place_name": "稷山宾馆"}) == 0
    P.save_answers(store, "乙", uuid, {"place_type": "hotel", "cable_opened": "yes",
                                      "location": "35.6012345 110.9876543"})
    place = P.get_place(store, uuid)
    assert (place["place_type"], place["name"]) == ("hotel", "稷山宾馆")
    assert (place["lat"], place["lon"]) == (35.6012345, 110.9876543)
    P.save_answers(store, "乙", uuid, {"location": None, "place_name": "稷山大酒店"})
    place = P.get_place(store, uuid)
    assert place["lat"] is None and place["lon"] is None and place["name"] == "稷山大酒店"
    assert "location" not in place["answers"]
    ops = [r[0] for r in store.conn.execute(
        "SELECT op FROM changes WHERE tbl = 'public_places' AND record_uuid = ? ORDER BY seq",
        (uuid,))]
    assert ops == ["insert", "update", "update", "update"]
    last = store.conn.execute(
        "SELECT data, old FROM changes WHERE record_uuid = ? ORDER BY seq DESC LIMIT 1",
        (uuid,)).fetchone()
    assert json.loads(last[0])["answers.place_name"] == "稷山大酒店"
    assert json.loads(last[1])["answers.place_name"] == "稷山宾馆"


def test_complete_reopen_and_drop_answers_that_no_longer_apply(store, village):
    uuid = P.create_place(store, "甲", village, VERSION, {"cable_opened": "no",
                                                        "not_opened_reason": "待施工"})
    P.complete_place(store, "丙", uuid, {"not_opened_reason": None, "cable_opened": "yes",
                                         "channels": "cctv county"})
    place = P.get_place(store, uuid)
    assert place["state"] == "complete" and place["surveyor"] == "丙"
    assert place["answers"] == {"cable_opened": "yes", "channels": "cctv county"}
    P.reopen_place(store, "丙", uuid)
    assert P.get_place(store, uuid)["state"] == "draft"


def test_lists_per_village_township_and_county(store, village):
    other_town = "140824101000"
    a = P.create_place(store, "甲", village, VERSION, {"place_name": "甲"})
    b = P.create_place(store, "甲", TOWN, VERSION, {"place_name": "乙"})
    c = P.create_place(store, "甲", other_town, VERSION, {"place_name": "丙"})

    def uuids(code):
        return [p["uuid"] for p in P.list_places(store, code)]

    assert uuids(village) == [a]
    assert set(uuids(TOWN)) == {a, b}
    assert set(uuids("140824")) == {a, b, c}
    assert set(uuids(None)) == {a, b, c}
    assert uuids("330411") == []


def test_delete_is_a_tombstone_and_undo_restores_a_copy(store, village):
    uuid = P.create_place(store, "甲", village, VERSION, {"place_type": "hospital",
                                                        "place_name": "稷峰镇卫生院"})
    P.complete_place(store, "甲", uuid)
    gone = P.delete_place(store, "乙", uuid)
    assert P.get_place(store, uuid) is None and P.list_places(store, village) == []
    row = store.conn.execute("SELECT deleted FROM public_places WHERE uuid = ?",
                             (uuid,)).fetchone()
    assert row == (1,)
    assert store.conn.execute("SELECT op FROM changes WHERE record_uuid = ? ORDER BY seq DESC"
                              " LIMIT 1", (uuid,)).fetchone() == ("delete",)
    again = P.restore_place(store, "乙", gone)
    assert again != uuid
    restored = P.get_place(store, again)
    for key in ("place_type", "name", "answers", "state", "village_code", "township_code"):
        assert restored[key] == gone[key]
    with pytest.raises(NotFound):
        P.save_answers(store, "乙", uuid, {"notes": "x"})


@pytest.mark.parametrize("code,message", [
    ("140824", "不能直接登记在区县下"),
    ("140824100999", "没有这个区划代码"),
    ("1408241", "区划代码应为"),
])
def test_bad_area_is_refused_and_nothing_is_written(store, code, message):
    before = store.conn.execute("SELECT count(*) FROM changes").fetchone()[0]
    with pytest.raises(StoreError, match=message):
        P.create_place(store, "甲", code, VERSION, {"place_name": "x"})
    assert store.conn.execute("SELECT count(*) FROM changes").fetchone()[0] == before
    assert P.list_places(store) == []


def test_missing_place_is_a_clear_error(store):
    with pytest.raises(NotFound, match="找不到这个公共场所"):
        P.complete_place(store, "甲", "no-such-uuid")
    with pytest.raises(NotFound):
        P.delete_place(store, "甲", "no-such-uuid")


def test_report_counts_only_finished_checks_as_opened(store, village):
    """开通率 in the report: a draft that says "opened" is not yet a finding; an unchecked place
    stays in the denominator (nobody has shown it is opened)."""
    from fieldapp.store.reports.answer_counts import place_counts

    done = {"place_type": "school", "cable_opened": "yes", "channels": "cctv county",
            "tv_points": 3}
    finished = P.create_place(store, "甲", village, VERSION, done)
    P.complete_place(store, "甲", finished)
    P.create_place(store, "甲", village, VERSION, dict(done, tv_points=5))  # draft
    closed = P.create_place(store, "甲", village, VERSION,
                            {"place_type": "school", "cable_opened": "no"})
    P.complete_place(store, "甲", closed)

    [(town, kind, counts)] = place_counts(store, TOWN)
    assert (town, kind) == (TOWN, "school")
    assert counts == {"places": 3, "checked": 2, "cable_opened": 1, "county_channel": 1,
                      "tv_points": 3}

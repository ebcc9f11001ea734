"""Every synced change is stamped and logged in the same transaction as the change itself."""

import json

import pytest

from fieldapp.store.households import queries

VILLAGE = "140824100200"


def _household(store, **extra):
    with store.write("tester") as w:
        return w.insert("households", dict(village_code=VILLAGE, head_name="张三", group_no="3",
                                           **extra))


def test_insert_stamps_record_and_logs_change(store):
    before = store.conn.execute("SELECT max(counter) FROM changes").fetchone()[0]
    uid = _household(store)
    row = store.conn.execute(
        "SELECT device_id, counter, hlc, clock FROM households WHERE uuid = ?", (uid,)).fetchone()
    assert row[0] == store.device_id
    assert row[1] == before + 1
    assert json.loads(row[3]) == {"*": f"{store.device_id}:{before + 1}"}
    change = store.conn.execute(
        "SELECT device_id, counter, hlc, op, data FROM changes WHERE record_uuid = ?", (uid,)
    ).fetchall()
    assert change == [(store.device_id, before + 1, row[2], "insert", change[0][4])]
    assert json.loads(change[0][4]) == {}  # the record itself is the payload of an insert


def test_failed_action_leaves_neither_record_nor_change(store):
    n_changes = store.conn.execute("SELECT count(*) FROM changes").fetchone()[0]
    counter = store.conn.execute("SELECT last_counter FROM devices WHERE device_id = ?",
                                 (store.device_id,)).fetchone()[0]
    with pytest.raises(RuntimeError):
        with store.write("tester") as w:
            w.insert("households", dict(village_code=VILLAGE, head_name="李四"))
            raise RuntimeError("power cut")
    assert store.conn.execute("SELECT count(*) FROM households").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM changes").fetchone()[0] == n_changes
    assert store.conn.execute("SELECT last_counter FROM devices WHERE device_id = ?",
                              (store.device_id,)).fetchone()[0] == counter


def test_counter_strictly_increases_across_actions(store):
    for name in ("甲", "乙", "丙"):
        _household(store, notes=name)
    counters = [r[0] for r in store.conn.execute(
        "SELECT counter FROM changes WHERE device_id = ? ORDER BY seq", (store.device_id,))]
    assert counters == sorted(set(counters))
    hlcs = [r[0] for r in store.conn.execute("SELECT hlc FROM changes ORDER BY seq")]
    assert hlcs == sorted(hlcs)


def test_update_logs_only_changed_fields_with_base_versions_and_audit(store):
    uid = _household(store, phone="13800000000")
    insert_version = json.loads(store.conn.execute(
        "SELECT clock FROM households WHERE uuid = ?", (uid,)).fetchone()[0])["*"]
    with store.write("王会计") as w:
        assert w.update("households", uid, {"phone": "13900000000", "head_name": "张三"}) == 1
    data, old, base, user = store.conn.execute(
        "SELECT data, old, base, user FROM changes WHERE record_uuid = ? AND op = 'update'",
        (uid,)).fetchone()
    assert json.loads(data) == {"phone": "13900000000"}
    assert json.loads(old) == {"phone": "13800000000"}
    assert json.loads(base) == {"phone": insert_version}
    assert user == "王会计"
    hist = queries.history_of(store, [uid])
    assert [(h["field"], h["old"], h["new"], h["user"]) for h in hist] == [
        ("phone", "13800000000", "13900000000", "王会计")]


def test_noop_update_writes_nothing(store):
    uid = _household(store, phone="13800000000")
    n = store.conn.execute("SELECT count(*) FROM changes").fetchone()[0]
    with store.write() as w:
        assert w.update("households", uid, {"phone": "13800000000"}) == 0
    assert store.conn.execute("SELECT count(*) FROM changes").fetchone()[0] == n


def test_answers_are_versioned_per_key_and_status_follows(store):
    uid = _household(store)
    with store.write("s") as w:
        vid = w.insert("visits", dict(household_uuid=uid, form_id="huhutong_household",
                                      form_version="1", state="complete",
                                      answers={"visit_result": "met", "reception_mode": "iptv",
                                               "works_now": "yes", "channels": "county"}))
    assert queries.household(store, uid)["status"] == "covered"
    with store.write("s") as w:
        w.update("visits", vid, {"answers": {"works_now": "no", "not_covered_reason": "signal"}})
    hh = queries.household(store, uid)
    assert (hh["status"], hh["status_reason"]) == ("not_covered", "not_working")
    clock = json.loads(store.conn.execute("SELECT clock FROM visits WHERE uuid = ?",
                                          (vid,)).fetchone()[0])
    assert set(clock) == {"*", "answers.works_now", "answers.not_covered_reason"}
    answers = queries.visits_of(store, uid)[0]["answers"]
    assert answers["reception_mode"] == "iptv" and answers["works_now"] == "no"


def test_delete_is_a_tombstone_that_is_logged(store):
    uid = _household(store)
    with store.write() as w:
        w.delete("households", uid)
    assert store.conn.execute("SELECT deleted FROM households WHERE uuid = ?",
                              (uid,)).fetchone()[0] == 1
    ops = [r[0] for r in store.conn.execute(
        "SELECT op FROM changes WHERE record_uuid = ? ORDER BY seq", (uid,))]
    assert ops == ["insert", "delete"]
    assert queries.households(store, VILLAGE) == []

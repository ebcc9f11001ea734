"""insert_many of records given as value tuples (ValueRows, a register import's households)
writes what the same records given as dicts write."""

from fieldapp.store.schema import SYNCED_FIELDS
from fieldapp.store.sync_log.change_inserts import ValueRows

VILLAGE = "140824100200"
STAMPS = {"uuid", "counter", "hlc", "clock"}


def _stored(store, uuids):
    cur = store.conn.execute("SELECT * FROM households WHERE uuid IN (?, ?) ORDER BY counter",
                             uuids)
    names = [d[0] for d in cur.description]
    rows = [{k: v for k, v in zip(names, r) if k not in STAMPS} for r in cur]
    log = store.conn.execute("SELECT tbl, op, data, old, base FROM changes WHERE record_uuid IN"
                             " (?, ?) ORDER BY counter", uuids).fetchall()
    return rows, log


def _record(**given):
    record = dict.fromkeys(SYNCED_FIELDS["households"])
    record.update({"village_code": VILLAGE, "group_no": "3", "head_name": "张三", "size": 4,
                   "id_masked": "140824********1234", "source": "register", **given})
    return record


def test_value_rows_store_and_log_what_dicts_do(store):
    fields = SYNCED_FIELDS["households"]
    with store.write("tester") as w:
        by_dict = w.insert_many("households", [_record(uuid="a" * 8), _record(uuid="b" * 8)])
    with store.write("tester") as w:
        by_tuple = w.insert_many("households", ValueRows(fields, [
            (*_record().values(), "c" * 8), (*_record().values(), "d" * 8)]))
    assert by_tuple == ["c" * 8, "d" * 8]
    assert _stored(store, by_tuple) == _stored(store, by_dict)
    assert _stored(store, by_tuple)[0][0]["head_initials"] == "zs"


def test_value_rows_in_another_order_or_missing_a_default_go_through_dicts(store):
    fields = tuple(reversed(SYNCED_FIELDS["households"]))
    with store.write("tester") as w:
        by_dict = w.insert_many("households", [_record(uuid="a" * 8), _record(uuid="b" * 8)])
    with store.write("tester") as w:
        by_tuple = w.insert_many("households", ValueRows(fields, [
            (*reversed(_record().values()), "c" * 8),
            (*reversed(_record(source=None).values()), "d" * 8)]))  # source: its default
    assert _stored(store, by_tuple) == _stored(store, by_dict)

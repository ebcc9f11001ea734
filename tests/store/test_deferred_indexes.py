"""A big insert into a small table builds the table's indexes after its rows: the same indexes,
with the same content, and never a schema left without them."""

import pytest

from fieldapp.store.deferred_indexes import deferred_indexes

VILLAGE = "140824100200"


def _indexes(conn, table):
    return conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                        " AND tbl_name = ? ORDER BY name", (table,)).fetchall()


def _records(n, start=0):
    return [{"village_code": VILLAGE, "head_name": "张三", "group_no": str(i % 7),
             "id_hash": f"{i + start:064x}"} for i in range(n)]


def test_indexes_come_back_identical_and_complete(store):
    before = _indexes(store.conn, "households")
    assert len(before) >= 5
    with store.write("tester") as w, deferred_indexes(w.store, {"households": 3000}) as tables:
        assert tables == ["households"]
        assert [n for n, sql in _indexes(w.conn, "households") if sql] == []  # deferred
        w.insert_many("households", _records(3000))
    assert _indexes(store.conn, "households") == before
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # the rebuilt indexes answer the queries they exist for
    hit = store.conn.execute(
        "SELECT count(*) FROM households INDEXED BY households_dup_id WHERE id_hash = ?"
        " AND deleted = 0 AND merged_into IS NULL",
        (f"{1234:064x}",)).fetchone()[0]
    assert hit == 1


def test_error_inside_rolls_back_rows_and_keeps_indexes(store):
    before = _indexes(store.conn, "households")
    with pytest.raises(OSError), store.write("tester") as w, \
            deferred_indexes(w.store, {"households": 3000}):
        w.insert_many("households", _records(3000))
        raise OSError("disk gone")
    assert _indexes(store.conn, "households") == before
    assert store.conn.execute("SELECT count(*) FROM households").fetchone()[0] == 0


def test_small_or_outnumbered_inserts_keep_indexes_in_place(store):
    with store.write("tester") as w:
        w.insert_many("households", _records(2000))
    with store.write("tester") as w, deferred_indexes(w.store, {"households": 1500}) as tables:
        assert tables == []  # 1,500 new rows into 2,000: index upkeep is cheaper
        assert _indexes(w.conn, "households")
    with store.write("tester") as w, deferred_indexes(w.store, {"changes": 10}) as tables:
        assert tables == []  # too few rows to be worth a rebuild


def test_refuses_without_a_transaction(store):
    with pytest.raises(RuntimeError), deferred_indexes(store, {"households": 5000}):
        pass

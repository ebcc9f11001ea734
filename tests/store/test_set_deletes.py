"""delete_many writes, set-based, exactly what deleting record by record writes: the same
tombstones, change-log and audit rows, counters and order — for records as inserted (the fast
path) and for records changed since or holding text JSON escapes (the record-by-record path)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from fieldapp.core.clock import valid_hlc
from fieldapp.store.db import Store

_CLEAR = {"id_hash": None, "id_masked": None, "id_full": None}


def _twin(store, tmp_path):
    conn = sqlite3.connect(tmp_path / "twin.sqlite")
    store.conn.backup(conn)
    conn.close()
    return Store.open(tmp_path / "twin.sqlite")


def _state(store):
    out = {}
    for table in ("households", "visits", "changes", "audit_log", "devices"):
        cur = store.conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
        names = [d[0] for d in cur.description]
        out[table] = [{n: v for n, v in zip(names, row) if n not in ("hlc", "at", "last_seen")}
                      for row in cur]
    return out


def _stamps_in_order(store):
    """Every change stamp well formed, and in the order of the change counters."""
    stamps = [h for h, in store.conn.execute("SELECT hlc FROM changes ORDER BY counter")]
    assert all(map(valid_hlc, stamps)) and stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)


def _households(store, village, specials=()):
    records = [{"village_code": village, "head_name": f"户主{i}", "group_no": "1",
                "id_hash": f"k1:{i:064x}" if i % 3 else None,
                "id_masked": f"140824********{i:04d}" if i % 3 else None,
                "id_full": f"14082419900101{i:04d}" if i % 5 == 0 else None}
               for i in range(30)]
    records += list(specials)
    with store.write("录入员") as w:
        return w.insert_many("households", records)


@pytest.mark.parametrize("odd", ["none", "edited", "escaped"])
def test_clear_and_delete_matches_record_by_record(store, tmp_path, odd):
    village = store.conn.execute("SELECT code FROM areas WHERE level = 'village' LIMIT 1"
                                 ).fetchone()[0]
    specials = [{"village_code": village, "head_name": "特殊", "id_masked": 'a"b\\c\n'}] \
        if odd == "escaped" else []
    uuids = _households(store, village, specials)
    if odd == "edited":
        with store.write("乡镇干部") as w:
            w.update("households", uuids[4], {"phone": "13700137000"})
    twin = _twin(store, tmp_path)
    try:
        keys = uuids[::-1]  # not in table order
        with store.write("王科长") as w:
            w.delete_many("households", keys, clear=_CLEAR)
        with twin.write("王科长") as w:
            for u in keys:
                w.update("households", u, _CLEAR)
                w.delete("households", u)
        assert _state(store) == _state(twin)
        _stamps_in_order(store)
        assert store.conn.execute("SELECT count(*) FROM households WHERE deleted = 0"
                                  ).fetchone()[0] == 0
    finally:
        twin.close()


def test_visits_deleted_set_based_refresh_their_households(store, tmp_path):
    village = store.conn.execute("SELECT code FROM areas WHERE level = 'village' LIMIT 1"
                                 ).fetchone()[0]
    uuids = _households(store, village)
    with store.write("走访员") as w:
        visits = w.insert_many("visits", [
            {"household_uuid": u, "form_id": "household_visit", "form_version": "1",
             "state": "complete", "answers": {}, "started_at": "2026-11-20T00:00:00"}
            for u in uuids[:5]])
    twin = _twin(store, tmp_path)
    try:
        with store.write("王科长") as w:
            w.delete_many("visits", visits)
        with twin.write("王科长") as w:
            for v in visits:
                w.delete("visits", v)
        assert _state(store) == _state(twin)
        _stamps_in_order(store)
        assert {s for s, in store.conn.execute(
            "SELECT status FROM households WHERE uuid IN (?, ?)", uuids[:2])} == {"not_visited"}
    finally:
        twin.close()


def test_sqlite_json_quote_flags_every_character_the_log_encoder_escapes(store):
    """The set-based path writes a value unquoted-by-hand only when SQLite's json_quote leaves it
    as it is; that must never let through a character the change log's encoder would escape."""
    escaped = json.encoder.encode_basestring
    chars = [chr(cp) for cp in [*range(1, 0x800), 0x2028, 0x2029, 0xFEFF, 0x1F600]]
    plain = store.conn.execute(
        "SELECT json_group_array(json_quote(value) = '\"' || value || '\"')"
        " FROM json_each(?)", (json.dumps(chars),)).fetchone()[0]
    for ch, sql_plain in zip(chars, json.loads(plain)):
        if sql_plain:
            assert escaped(ch) == f'"{ch}"', hex(ord(ch))

"""Undoing an import: what it added is deleted (and may come again from a corrected file), what
it changed gets its old values back, and what others changed since, or households already
visited, stay — all as logged changes that sync."""

import datetime as dt
import sqlite3

import pytest

from fieldapp.cli import main
from fieldapp.demo.sample_register import make_register
from fieldapp.store import errors as E
from fieldapp.store.register_imports.import_log import import_history, plan_undo, undo_import
from fieldapp.jobs.register_import import import_register


def _villages(store, n=3):
    return [tuple(r) for r in store.conn.execute(
        "SELECT code, name FROM areas WHERE level = 'village' ORDER BY code LIMIT ?", (n,))]


def _live(store):
    return store.conn.execute("SELECT count(*) FROM households WHERE deleted = 0").fetchone()[0]


def _phone(store, uuid):
    return store.conn.execute("SELECT phone FROM households WHERE uuid = ?", (uuid,)).fetchone()[0]


def test_undo_deletes_what_was_added_and_the_file_can_come_again(store, tmp_path):
    sample = make_register(tmp_path / "reg.xlsx", _villages(store), 300, seed=5)
    first = import_register(store, sample.path)
    assert first.import_id and _live(store) == first.added
    assert plan_undo(store, first.import_id).counts() == {
        "deleted": first.added, "reverted": 0, "kept": 0}
    before = store.conn.execute("SELECT count(*) FROM changes").fetchone()[0]
    with_id = store.conn.execute("SELECT count(*) FROM households WHERE id_hash IS NOT NULL"
                                 ).fetchone()[0]
    assert 0 < with_id < first.added  # the sample has households without an ID number too
    done = undo_import(store, first.import_id, "王科长")
    assert len(done.deletes) == first.added and _live(store) == 0
    # as logged changes (they sync): the ID number cleared, then the delete, per household
    ops = dict(store.conn.execute(
        "SELECT op, count(*) FROM changes WHERE seq > ? GROUP BY op", (before,)))
    assert ops == {"update": with_id, "delete": first.added}
    assert store.conn.execute("SELECT count(*) FROM households WHERE id_hash IS NOT NULL"
                              ).fetchone()[0] == 0
    assert import_history(store)[0].undone_at
    # the same file (or a corrected one) imports again: nothing is refused as "deleted"
    again = import_register(store, sample.path)
    assert again.added == first.added and len(again.rejected) == len(first.rejected)
    with pytest.raises(E.StoreError, match="已于"):
        undo_import(store, first.import_id)


def test_undo_of_a_corrected_file_restores_old_values(store, tmp_path):
    (_code, name), = _villages(store, 1)
    p = tmp_path / "r.csv"
    p.write_text(f"村,组,户主,电话\n{name},1,张三,13800138000\n{name},1,李四,13900139000\n",
                 encoding="utf-8")
    import_register(store, p)
    p.write_text(f"村,组,户主,电话\n{name},1,张三,13800138111\n{name},1,李四,13900139000\n"
                 f"{name},2,王五,\n", encoding="utf-8")
    corrected = import_register(store, p)
    assert (corrected.added, corrected.updated) == (1, 1)
    zhang = store.conn.execute("SELECT uuid FROM households WHERE head_name = '张三'").fetchone()[0]
    done = undo_import(store, corrected.import_id)
    assert (len(done.deletes), len(done.reverts), done.kept) == (1, 1, [])
    assert _phone(store, zhang) == "13800138000"
    assert _live(store) == 2


def test_changes_made_since_and_visited_households_stay(demo_store, tmp_path):
    store = demo_store
    (_code, name), = _villages(store, 1)
    p = tmp_path / "r.csv"
    p.write_text("村,组,户主,电话\n" + "".join(f"{name},9,新户{chr(0x4e00 + i)},\n"
                                            for i in range(5)), encoding="utf-8")
    result = import_register(store, p)
    new = [u for u, in store.conn.execute(
        "SELECT uuid FROM households WHERE group_no = '9' ORDER BY head_name")]
    assert len(new) == 5
    with store.write("乡镇干部") as w:
        w.update("households", new[0], {"phone": "13700137000"})  # corrected by hand since
        w.insert("visits", {"household_uuid": new[1], "form_id": "household_visit",
                            "form_version": "1", "state": "complete",
                            "answers": {"visit_result": "vacant"},
                            "started_at": dt.datetime(2026, 11, 20).isoformat()})
    plan = plan_undo(store, result.import_id)
    assert {u for _t, u, _r in plan.kept} == {new[0], new[1]}
    reasons = {u: r for _t, u, r in plan.kept}
    assert "修改" in str(reasons[new[0]]) and "走访" in str(reasons[new[1]])
    assert reasons[new[1]].text("en") == "has visits; kept"
    undo_import(store, result.import_id)
    live = {u for u, in store.conn.execute(
        "SELECT uuid FROM households WHERE group_no = '9' AND deleted = 0")}
    assert live == {new[0], new[1]}
    assert _phone(store, new[0]) == "13700137000"


def test_a_field_changed_again_keeps_its_later_value(store, tmp_path):
    (_code, name), = _villages(store, 1)
    p = tmp_path / "r.csv"
    p.write_text(f"村,组,户主,电话,住址\n{name},1,张三,13800138000,东街1号\n", encoding="utf-8")
    import_register(store, p)
    p.write_text(f"村,组,户主,电话,住址\n{name},1,张三,13800138111,东街2号\n", encoding="utf-8")
    corrected = import_register(store, p)
    uuid = store.conn.execute("SELECT uuid FROM households").fetchone()[0]
    with store.write("乡镇干部") as w:
        w.update("households", uuid, {"phone": "13800138222"})
    done = undo_import(store, corrected.import_id)
    assert done.reverts == [("households", uuid, {"address": "东街1号"})]
    assert [str(r) for _t, _u, r in done.kept] == ["部分字段导入后又被修改，保留修改后的值"]
    row = store.conn.execute("SELECT phone, address FROM households").fetchone()
    assert row == ("13800138222", "东街1号")


def test_undo_of_paper_visits_brings_status_back(demo_store, tmp_path):
    from openpyxl import Workbook

    from fieldapp.jobs.visits_import import import_visits

    store = demo_store
    uuid = store.conn.execute("SELECT uuid FROM households WHERE status = 'not_visited'"
                              " AND status_reason = '' LIMIT 1").fetchone()[0]
    wb = Workbook()
    ws = wb.active
    ws.append(["household_id", "走访日期", "核查人", "visit_result"])
    ws.append([uuid, "2026-05-01", "李建华", "vacant"])
    wb.save(tmp_path / "v.xlsx")
    result = import_visits(store, tmp_path / "v.xlsx", today=dt.date(2026, 12, 1))
    assert result.added == 1
    assert store.conn.execute("SELECT status FROM households WHERE uuid = ?",
                              (uuid,)).fetchone()[0] != "not_visited"
    record = import_history(store)[0]
    assert record.kind == "visits" and record.undoable
    undo_import(store, record.id)
    assert store.conn.execute("SELECT status, status_reason FROM households WHERE uuid = ?",
                              (uuid,)).fetchone() == ("not_visited", "")


def test_cli_lists_and_undoes(store, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "home"))
    sample = make_register(tmp_path / "reg.xlsx", _villages(store), 60, seed=2, messy=False)
    result = import_register(store, sample.path)
    path = str(store.path)
    assert main(["imports", path]) == 0
    out = capsys.readouterr().out
    assert "reg.xlsx" in out and "可撤销" in out
    assert main(["imports", path, "--undo", str(result.import_id), "--dry-run"]) == 0
    assert f"将撤销第 {result.import_id} 次导入：删除 {result.added} 条" in capsys.readouterr().out
    assert _live(store) == result.added
    assert main(["imports", path, "--undo", str(result.import_id)]) == 0
    assert "已撤销" in capsys.readouterr().out
    assert _live(store) == 0
    assert main(["imports", path, "--undo", "999"]) == 1
    assert "没有编号为 999 的导入记录" in capsys.readouterr().err


def test_a_cancelled_undo_changes_nothing(store, tmp_path):
    from fieldapp.core.progress import Cancelled as UndoCancelled

    sample = make_register(tmp_path / "reg.csv", _villages(store), 1200, seed=4, messy=False)
    result = import_register(store, sample.path)
    changes = store.conn.execute("SELECT count(*) FROM changes").fetchone()[0]
    seen = []

    def progress(done, total):
        seen.append(done)
        return done < 1000  # cancel half-way

    with pytest.raises(UndoCancelled):
        undo_import(store, result.import_id, progress=progress)
    assert seen and _live(store) == result.added
    assert store.conn.execute("SELECT count(*) FROM changes").fetchone()[0] == changes
    assert import_history(store)[0].undoable  # still there to undo


def _undo_one_by_one(store, import_id, user):
    """Undo as it was done before it went set-based: update then delete, record by record."""
    with store.write(user) as w:
        plan = plan_undo(store, import_id)
        for tbl, uuid in plan.deletes:
            if tbl == "households":
                w.update(tbl, uuid, {"id_hash": None, "id_masked": None, "id_full": None})
            w.delete(tbl, uuid)
        for tbl, uuid, values in plan.reverts:
            w.update(tbl, uuid, values)
        w.conn.execute("UPDATE import_log SET undone_at = ? WHERE id = ?", (w.at, import_id))
    return plan


def _state(store):
    """Every row an undo writes, without the clock times (hlc, at) that differ run to run."""
    out = {}
    for table in ("households", "changes", "audit_log", "import_log", "devices"):
        cur = store.conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
        names = [d[0] for d in cur.description]
        out[table] = [{n: v for n, v in zip(names, row)
                       if n not in ("hlc", "at", "undone_at", "last_seen")} for row in cur]
    return out


def test_set_based_undo_leaves_what_record_by_record_undo_left(store, tmp_path):
    from fieldapp.store.db import Store

    (_code, name), = _villages(store, 1)
    p = tmp_path / "r.csv"
    rows = [f"{name},{i % 3 + 1},户主{chr(0x4e00 + i)},13800138{i:03d}" for i in range(40)]
    p.write_text("村,组,户主,电话\n" + "\n".join(rows) + "\n", encoding="utf-8")
    import_register(store, p)
    sample = make_register(tmp_path / "reg.xlsx", _villages(store), 300, seed=5)
    rows[0] = rows[0].replace("13800138000", "13900139000")  # one household corrected
    p.write_text("村,组,户主,电话\n" + "\n".join(rows) + "\n", encoding="utf-8")
    big = import_register(store, sample.path)
    corrected = import_register(store, p)
    assert corrected.updated == 1
    span = import_history(store)[1]
    new = store.conn.execute("SELECT uuid FROM households WHERE counter BETWEEN ? AND ?"
                             " ORDER BY counter LIMIT 2", (span.first_counter, span.last_counter)
                             ).fetchall()
    with store.write("乡镇干部") as w:  # one household edited since, one visited
        w.update("households", new[0][0], {"phone": "13700137000"})
        w.insert("visits", {"household_uuid": new[1][0], "form_id": "household_visit",
                            "form_version": "1", "state": "complete", "answers": {},
                            "started_at": "2026-11-20T00:00:00"})
    twin_path = tmp_path / "twin.sqlite"
    twin_conn = sqlite3.connect(twin_path)
    store.conn.backup(twin_conn)
    twin_conn.close()
    twin = Store.open(twin_path)
    try:
        for record in (import_history(store)[0], import_history(store)[1]):
            ours = undo_import(store, record.id, "王科长")
            theirs = _undo_one_by_one(twin, record.id, "王科长")
            assert (ours.deletes, ours.reverts, ours.kept) == (
                theirs.deletes, theirs.reverts, theirs.kept)
        assert big.added and len(ours.deletes) == big.added - 2 and len(ours.kept) == 2
        assert _state(store) == _state(twin)
    finally:
        twin.close()

"""Every change-logged write (a visit saved, a household edited) starts by reading the newest
stamp of the change log, so its clock stays ahead of everything this database has seen. That
read goes through the changes_hlc index (v021): one B-tree descent, not a scan of the whole log
on every save — a county's log holds hundreds of thousands of changes and grows all campaign."""

from __future__ import annotations

from fieldapp.core.clock import HLC_GLOB


def _clock_reads(store) -> list[str]:
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        with store.write("t") as w:
            w.insert("households", {"village_code": _village(store), "head_name": "李四",
                                    "source": "register"})
    finally:
        store.conn.set_trace_callback(None)
    return [s for s in seen if "max(hlc)" in s]


def _village(store) -> str:
    return store.conn.execute("SELECT min(village_code) FROM households").fetchone()[0]


def test_the_clock_read_of_a_write_uses_the_stamp_index(demo_store):
    reads = _clock_reads(demo_store)
    assert len(reads) == 1
    plan = " | ".join(r[3] for r in demo_store.conn.execute("EXPLAIN QUERY PLAN " + reads[0]))
    assert "changes_hlc" in plan and "SCAN" not in plan, plan


def test_a_new_stamp_is_after_the_newest_one_read_through_the_index(demo_store):
    newest = demo_store.conn.execute(
        "SELECT hlc FROM changes WHERE hlc GLOB ? ORDER BY hlc DESC LIMIT 1",
        (HLC_GLOB,)).fetchone()[0]
    _clock_reads(demo_store)
    latest = demo_store.conn.execute(
        "SELECT hlc FROM changes ORDER BY seq DESC LIMIT 1").fetchone()[0]
    assert latest > newest

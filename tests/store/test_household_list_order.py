"""The household list in its own order — by village (the app's start-up list), by group — comes
from the households_list index (v020) a page at a time, for one village, a township or the whole
county: the first page is there at once instead of after a sort of every household."""

from __future__ import annotations

from fieldapp.store.households import queries

COUNTY = "140824000000"
COLS = {c: i for i, c in enumerate(queries.HOUSEHOLD_LIST_COLUMNS)}


def _key(row):
    group = row[COLS["group_no"]]
    return (row[COLS["village_code"]], int(group) if group and group.isdigit() else 0,
            group or "", row[COLS["head_name"]], row[COLS["uuid"]])


def _plan(store, **kw) -> str:
    """SQLite's query plan of the list query that queries.households runs."""
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        queries.households(store, COUNTY, limit=500, **kw)
    finally:
        store.conn.set_trace_callback(None)
    sql = next(s for s in seen if s.lstrip().upper().startswith("SELECT"))
    return " | ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql))


def test_county_by_village_is_village_then_group_as_number(demo_store):
    village = demo_store.conn.execute(
        "SELECT min(village_code) FROM households WHERE deleted = 0").fetchone()[0]
    with demo_store.write("t") as w:
        for group in ("10", "2"):
            w.insert("households", {"village_code": village, "group_no": group,
                                    "head_name": "张三", "source": "register"})
    rows = queries.households(demo_store, COUNTY, order="village_name")
    assert len(rows) == 3002
    assert [_key(r) for r in rows] == sorted(_key(r) for r in rows)
    first = [r[COLS["group_no"]] for r in rows if r[COLS["village_code"]] == village]
    assert first.index("2") < first.index("10")  # groups compare as numbers, county-wide too


def test_descending_is_the_exact_reverse_and_pages_join_up(demo_store):
    up = queries.households(demo_store, COUNTY, order="village_name")
    down = queries.households(demo_store, COUNTY, order="village_name", descending=True)
    assert down == up[::-1]
    pages = [queries.households(demo_store, COUNTY, order="village_name", limit=500, offset=o)
             for o in range(0, 3000, 500)]
    assert [r for p in pages for r in p] == up


def test_list_order_reads_the_index_without_sorting_the_county(demo_store):
    for order in ("village_name", "group_no"):
        for descending in (False, True):
            plan = _plan(demo_store, order=order, descending=descending)
            assert "households_list" in plan and "TEMP B-TREE" not in plan, plan


def test_other_orders_find_the_area_by_the_index(demo_store):
    plan = _plan(demo_store, order="head_name", status="covered")
    assert "households_list (village_code>? AND village_code<?)" in plan, plan


def test_initials_typed_put_the_whole_match_first_in_the_village_order_too(demo_store):
    """The window starts sorted by village: typing "zh" still lists the heads whose initials are
    exactly zh (张红) before those whose full pinyin only starts so (张建国), so Enter opens one."""
    for order in ("group_no", "village_name"):
        rows = queries.households(demo_store, COUNTY, search="zh", order=order)
        initials = [demo_store.conn.execute("SELECT head_initials FROM households WHERE uuid = ?",
                                            (r[COLS["uuid"]],)).fetchone()[0] for r in rows]
        exact = initials.count("zh")
        assert 0 < exact < len(initials), order  # both kinds are there
        assert initials[:exact] == ["zh"] * exact, order

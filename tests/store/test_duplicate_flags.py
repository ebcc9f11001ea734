"""The duplicate check of a merge (store.conflicts.flag_duplicates) pairs this merge's households
with look-alikes in two ways — probing per household, or grouping the shared keys first when the
merge brings a large part of the county — and both must flag exactly the same pairs, with the
same village, whatever share of the households comes."""

from __future__ import annotations

import pytest

from fieldapp.store import conflicts


@pytest.fixture
def lookalikes(demo_store):
    """The demo county with households entered on three laptops, and look-alikes of every kind:
    the same ID hash in two villages, the same head and group in one village (group missing
    too), a deleted and a merged copy that must not count, and copies from the same laptop."""
    conn = demo_store.conn
    conn.execute("UPDATE households SET clock = json_object('*', 'lap' || (rowid % 3) || ':1')")
    rows = conn.execute("SELECT rowid, uuid, village_code, group_no, head_name, id_hash"
                        " FROM households ORDER BY rowid").fetchall()
    for i in range(0, 600, 6):
        a, b = rows[i], rows[i + 1 + (i % 5)]  # b: another laptop or, now and then, the same
        if i % 4 == 0:  # the same person's ID number in two places
            conn.execute("UPDATE households SET id_hash = ? WHERE rowid = ?", (a[5], b[0]))
        else:  # the same head in the same group of one village
            conn.execute("UPDATE households SET village_code = ?, group_no = ?, head_name = ?"
                         " WHERE rowid = ?", (a[2], None if i % 3 == 0 else a[3], a[4], b[0]))
        if i % 7 == 0:
            conn.execute("UPDATE households SET deleted = 1 WHERE rowid = ?", (b[0],))
        if i % 11 == 0:
            conn.execute("UPDATE households SET merged_into = ? WHERE rowid = ?", (a[1], b[0]))
    conn.commit()
    return demo_store, [r[1] for r in rows]


def _flags(store, uuids, grouped):
    conn = store.conn
    conn.execute("BEGIN")
    try:
        conn.execute("DELETE FROM sync_duplicates")
        added = conflicts.flag_duplicates(store, uuids, grouped=grouped)
        pairs = conn.execute("SELECT household_a, household_b, village_code, reason"
                             " FROM sync_duplicates ORDER BY 1, 2, 4").fetchall()
    finally:
        conn.execute("ROLLBACK")
    assert added == len(pairs)
    return pairs


@pytest.mark.parametrize("step", [1, 2, 5, 40])
def test_grouping_and_probing_flag_the_same_pairs(lookalikes, step):
    store, uuids = lookalikes
    coming = uuids[::step][::-1]  # in no particular order: the village must not depend on it
    probed, grouped = _flags(store, coming, False), _flags(store, coming, True)
    assert probed == grouped
    reasons = {p[3] for p in probed}
    assert reasons == {"id_hash", "head_group"}, probed[:5]
    assert _flags(store, coming[::-1], None) == probed  # the chosen way, the other order


def test_only_live_households_of_other_laptops_are_flagged(lookalikes):
    store, uuids = lookalikes
    pairs = _flags(store, uuids, None)
    conn = store.conn
    live = {u for (u,) in conn.execute(
        "SELECT uuid FROM households WHERE deleted = 0 AND merged_into IS NULL")}
    origin = dict(conn.execute("SELECT uuid, json_extract(clock, '$.\"*\"') FROM households"))
    assert pairs and all(a in live and b in live for a, b, _v, _r in pairs)
    assert all(origin[a].split(":")[0] != origin[b].split(":")[0] for a, b, _v, _r in pairs)

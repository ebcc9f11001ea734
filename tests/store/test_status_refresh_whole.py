"""refresh_status of many households (a quarter of the table or more: an import, its undo, a
merge) finds what the few-households way finds: a stale status set right, a visit's status
taken, households never visited left as they are."""

from fieldapp.store import visits as V
from fieldapp.store.households.status import refresh_status

MET = {"visit_result": "met", "reception_mode": "dtmb", "works_now": "yes",
       "channels": "cctv provincial county"}


def _derived(store):
    return store.conn.execute("SELECT uuid, status, status_reason, last_visit_at, persons"
                              " FROM households ORDER BY uuid").fetchall()


def _county(store, n=12):
    village = store.conn.execute("SELECT min(code) FROM areas WHERE level = 'village'"
                                 ).fetchone()[0]
    with store.write("t") as w:
        uuids = w.insert_many("households", [{"village_code": village, "head_name": f"户{i}"}
                                             for i in range(n)])
    for u in uuids[:3]:  # three visited: their status comes from the visit
        vid = V.start_visit(store, "t", u, "huhutong_household", "1", MET)
        V.complete_visit(store, "t", vid, {})
    return uuids


def _staled(store, uuids):
    """Every derived column made wrong by hand on a visited and on a never visited household,
    and a visited one put back to never visited."""
    with store.transaction():
        for u in (uuids[0], uuids[5]):
            store.conn.execute("UPDATE households SET status = 'refused', status_reason = 'x',"
                               " last_visit_at = '2020-01-01', persons = 7 WHERE uuid = ?", (u,))
        store.conn.execute("UPDATE households SET (status, status_reason, last_visit_at, persons)"
                           " = (SELECT status, status_reason, last_visit_at, persons FROM"
                           " households WHERE uuid = ?) WHERE uuid = ?", (uuids[6], uuids[1]))


def test_many_households_refresh_as_a_few_do(store):
    uuids = _county(store)
    right = _derived(store)
    _staled(store, uuids)
    assert _derived(store) != right
    with store.transaction():
        refresh_status(store, uuids)  # all of them: the whole-table way
    assert _derived(store) == right
    _staled(store, uuids)
    with store.transaction():
        for u in uuids:  # one at a time: the few-households way
            refresh_status(store, [u])
    assert _derived(store) == right

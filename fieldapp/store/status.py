"""Keep the derived status columns of households (status, status_reason, last_visit_at) in step
with their visits. The rule itself lives in fieldapp.core.status; this only feeds it rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from fieldapp.core.status import derive_status

# The latest complete visit of each household, for many households in one pass (a window over
# their visits) instead of one correlated subquery per household.
_LATEST = """
SELECT household_uuid, answers, ended_at FROM (
  SELECT household_uuid, answers, ended_at,
         row_number() OVER (PARTITION BY household_uuid
                            ORDER BY coalesce(ended_at, started_at) DESC, hlc DESC) AS rank
  FROM visits
  WHERE {where} state = 'complete' AND deleted = 0)
WHERE rank = 1
"""
_TARGETS = "household_uuid IN (SELECT uuid FROM temp_status_targets) AND"


def refresh_status(conn: sqlite3.Connection, household_uuids: Iterable[str]) -> int:
    """Recompute the status of the given households inside the caller's transaction."""
    targets = set(household_uuids)
    if not targets:
        return 0
    # Many households (an import, a merge, the demo): read whole tables once and pick in Python;
    # a few (a visit saved): look them up through a temporary table of their uuids.
    many = len(targets) * 4 >= (conn.execute("SELECT max(rowid) FROM households").fetchone()[0]
                                or 0)
    if many:
        rowids = {u: r for r, u in conn.execute("SELECT rowid, uuid FROM households")
                  if u in targets}
        latest = conn.execute(_LATEST.format(where=""))
    else:
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS temp_status_targets (uuid TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM temp_status_targets")
        conn.executemany("INSERT INTO temp_status_targets VALUES (?)", ((u,) for u in targets))
        rowids = dict(conn.execute("SELECT uuid, rowid FROM households"
                                   " WHERE uuid IN (SELECT uuid FROM temp_status_targets)"))
        latest = conn.execute(_LATEST.format(where=_TARGETS))
    loads = json.loads
    found: dict[str, tuple] = {}
    for uuid, answers, ended in latest:
        if uuid in rowids:
            st = derive_status(loads(answers) if answers else None)
            found[uuid] = (st.status, st.reason, ended)
    never = derive_status(None)
    never_row = (never.status, never.reason, None)
    # In table order: rows that grow (a first visit date) then split pages one after another
    # instead of all over the table, which is several times faster for a whole county.
    updates = [(*found.get(u, never_row), r) for u, r in rowids.items()]
    updates.sort(key=lambda row: row[3])
    conn.executemany(
        "UPDATE households SET status = ?, status_reason = ?, last_visit_at = ? WHERE rowid = ?",
        updates)
    if not many:
        conn.execute("DELETE FROM temp_status_targets")
    return len(targets)

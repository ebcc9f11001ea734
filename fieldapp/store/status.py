"""Keep the derived status columns of households (status, status_reason, last_visit_at) in step
with their visits. The rule itself lives in fieldapp.core.status; this only feeds it rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from fieldapp.core.status import derive_status

_LATEST = """
SELECT t.uuid, v.answers, v.ended_at
FROM temp_status_targets t
LEFT JOIN visits v ON v.uuid = (
  SELECT uuid FROM visits
  WHERE household_uuid = t.uuid AND state = 'complete' AND deleted = 0
  ORDER BY coalesce(ended_at, started_at) DESC, hlc DESC LIMIT 1)
"""


def refresh_status(conn: sqlite3.Connection, household_uuids: Iterable[str]) -> int:
    """Recompute the status of the given households inside the caller's transaction."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS temp_status_targets (uuid TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM temp_status_targets")
    conn.executemany("INSERT OR IGNORE INTO temp_status_targets VALUES (?)",
                     ((u,) for u in household_uuids))
    updates = []
    for uuid, answers, ended in conn.execute(_LATEST):
        st = derive_status(json.loads(answers) if answers else None)
        updates.append((st.status, st.reason, ended, uuid))
    conn.executemany(
        "UPDATE households SET status = ?, status_reason = ?, last_visit_at = ? WHERE uuid = ?",
        updates)
    conn.execute("DELETE FROM temp_status_targets")
    return len(updates)

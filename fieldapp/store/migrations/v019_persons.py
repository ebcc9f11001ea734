"""Version 19: households.persons, the people the member roster of the household's latest
complete visit lists as living there (fieldapp.core.roster.persons), kept next to the derived
status so `info`, `reconcile`, the dashboard, the map, the sheets and the reports sum a column
instead of reading every household's latest visit. The reconciliation index carries it, so the
counts stay an index-only scan. Every household's derived columns are recomputed once."""

import sqlite3


def migrate(conn: sqlite3.Connection) -> None:
    from fieldapp.store.households.status import _has_persons, _refresh_status

    if not _has_persons(conn):  # (a file set back to an older version number keeps it)
        conn.execute("ALTER TABLE households ADD COLUMN persons INTEGER NOT NULL DEFAULT 0")
    conn.execute("DROP INDEX IF EXISTS households_reconcile")
    conn.execute(
        "CREATE INDEX households_reconcile"
        " ON households(village_code, source, status, status_reason, persons)"
        " WHERE deleted = 0 AND merged_into IS NULL")
    _refresh_status(conn, [r[0] for r in conn.execute("SELECT uuid FROM households")])

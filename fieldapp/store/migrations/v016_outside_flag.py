"""Version 16: a household placed outside its own village's boundary on purpose carries the
distance (metres) the surveyor confirmed (`outside_confirmed_m`), written with the position and
travelling with it; NULL when the position is inside, has no boundary to check, or was never
confirmed (imported points). The spatial check tells confirmed placements from unexplained ones."""

import sqlite3


def migrate(conn: sqlite3.Connection) -> None:
    columns = {row[1] for row in conn.execute("PRAGMA table_info(households)")}
    if "outside_confirmed_m" not in columns:  # a database stamped older than it is keeps it
        conn.execute("ALTER TABLE households ADD COLUMN outside_confirmed_m REAL")

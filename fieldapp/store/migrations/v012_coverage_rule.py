"""Version 12: households are judged by the county's coverage rule (覆盖标准: county channel
received, no illegal charge, ...). No table changes; every stored status is recomputed once under
the rule in force (the shipped default for the county unless the county set one), so a database
made before the rule shows the same numbers as one made after."""

import sqlite3


def migrate(conn: sqlite3.Connection) -> None:
    from fieldapp.store.households.status import _refresh_status

    _refresh_status(conn, [r[0] for r in conn.execute("SELECT uuid FROM households")])

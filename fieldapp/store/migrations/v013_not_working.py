"""Version 13: a reception mode that does not work now is not covered with the reason
`not_working` (the standard's "works now" part; why it does not work stays in the answers), and a
spot check that did not confirm a household since its latest visit puts it back to not covered
(`spot_check_not_confirmed`). No table changes; every stored status is recomputed once."""

import sqlite3


def migrate(conn: sqlite3.Connection) -> None:
    from fieldapp.store.households.status import _refresh_status

    _refresh_status(conn, [r[0] for r in conn.execute("SELECT uuid FROM households")])

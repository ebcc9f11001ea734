"""Version 17: checklists that travel (issue 18 item 5). A county publishes a revised XLSForm
(`fieldapp form publish`): the workbook is kept in `sync_forms` with its title, where it came
from (`origin`: shipped with the program, published here, or received in a reference bundle) and
who published it; the choice files its select_*_from_file questions read are kept beside it in
`sync_form_files`. Reference bundles carry both to the laptops."""

import sqlite3

_COLUMNS = (("title", "TEXT"), ("origin", "TEXT NOT NULL DEFAULT 'shipped'"),
            ("published_by", "TEXT"))


def migrate(conn: sqlite3.Connection) -> None:
    """Idempotent (a test may set an older user_version on a current database)."""
    have = {r[1] for r in conn.execute("PRAGMA table_info(sync_forms)")}
    for name, decl in _COLUMNS:
        if name not in have:
            conn.execute(f"ALTER TABLE sync_forms ADD COLUMN {name} {decl}")
    conn.execute("""CREATE TABLE IF NOT EXISTS sync_form_files (
  form_id TEXT NOT NULL,
  version TEXT NOT NULL,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  content BLOB NOT NULL,
  PRIMARY KEY (form_id, version, name)
)""")

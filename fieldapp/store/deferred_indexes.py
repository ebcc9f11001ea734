"""Build a table's secondary indexes once after a big insert instead of row by row during it.

Inserting N rows into a B-tree index costs a search and often a page split per row; building the
index afresh from the finished table is a sort, several times cheaper when the table is small next
to what arrives (a county's first register import into an empty database). Dropping and creating
the indexes happens inside the caller's transaction, so a cancel or an error rolls them back with
the rows: the schema is never left without them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from fieldapp.core.messages import ErrorCode

from .errors import StoreError


class NeedsTransaction(StoreError, RuntimeError):
    """A programming error: deferred_indexes outside a transaction."""


@contextmanager
def deferred_indexes(store, incoming: Mapping[str, int]) -> Iterator[list[str]]:
    """Within an open transaction: for each table that will receive at least as many new rows as
    it holds now, drop its named indexes, and create them again (same SQL) on leaving. Yields the
    tables whose indexes were deferred. Indexes behind PRIMARY KEY / UNIQUE constraints stay."""
    conn = store.conn
    if not conn.in_transaction:
        raise NeedsTransaction(ErrorCode.DB_NO_TRANSACTION)
    saved: list[tuple[str, str]] = []
    deferred: list[str] = []
    for table, rows in incoming.items():
        if rows < 1000 or rows < _row_count(conn, table):
            continue
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
            " AND sql IS NOT NULL ORDER BY name", (table,)).fetchall()
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        saved.extend(indexes)
        deferred.append(table)
    ok = False
    try:
        yield deferred
        ok = True
    finally:
        if ok:  # on an error the caller rolls back, which brings the indexes back by itself
            for _, sql in saved:
                conn.execute(sql)


def _row_count(conn: sqlite3.Connection, table: str) -> int:
    # max(rowid) is one B-tree descent; rows are never removed from these tables (tombstones),
    # so it is the count, or more.
    return conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0]

"""Filling a brand-new database fast (the demo builder): bulk settings on the store's connection,
and change writers that hold new households back until their status is known."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

# Settings for filling a new database nobody else has open: the rollback journal in memory (a new
# file has no old pages to save, so nothing is written twice as WAL would), no fsync per commit, and
# a page cache big enough for the random-key indexes (uuids, ID hashes) of a whole county.
BULK_PRAGMAS = (
    "PRAGMA journal_mode = MEMORY",
    "PRAGMA synchronous = OFF",
    "PRAGMA cache_size = -262144",
)


_NORMAL_PRAGMAS = (
    "PRAGMA cache_size = -2000",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA journal_mode = WAL",
)


@contextmanager
def bulk_load(store) -> Iterator[None]:
    """Fast settings for filling a brand-new database file, e.g. the demo builder's.

    A crash in between can leave the file damaged: use it only on a file that is renamed into
    place once complete, never on a database in use. Back to WAL and normal settings after.
    """
    for pragma in BULK_PRAGMAS:
        store.conn.execute(pragma)
    store._bulk_load = True  # writers hold new households back until their status is known
    try:
        yield
    finally:
        store._bulk_load = False
        for pragma in _NORMAL_PRAGMAS:
            store.conn.execute(pragma)


"""Work that needs a database file alone (replacing it whole, building over it) first makes sure no
other program has it open, with SQLite's own locks: an exclusive-mode connection cannot lock a
database that any other connection (the app, a command, in WAL mode even an idle one) holds. Nothing
deletes or replaces the files of a database another program has open."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fieldapp.core.messages import ErrorCode

from . import errors as E


@contextmanager
def held_alone(path: str | Path) -> Iterator[None]:
    """Hold `path` exclusively for the body, or raise InUse when another program has it open.
    A missing file, or one that is not an SQLite database, is nobody's: the body just runs."""
    p = Path(path)
    if not p.exists():
        yield
        return
    conn = sqlite3.connect(p, timeout=0, isolation_level=None)
    try:
        try:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise E.InUse(ErrorCode.DATABASE_IN_USE, where=str(p)) from None
        except sqlite3.DatabaseError:
            pass  # not a database: nobody can have it open as one
        yield
    finally:
        conn.close()

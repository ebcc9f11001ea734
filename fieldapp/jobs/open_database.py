"""Opening a database, shared by every command and the app's File → Open: an older database is
upgraded first (its migrations run, one transaction each), a damaged one that has automatic
backups is offered for restore. The window and the commands only show what happens."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable

from fieldapp.store import Store
from fieldapp.store.db import translate_error
from fieldapp.store.errors import NeedsUpgrade


def open_database(path: str | os.PathLike, *, readonly: bool = False,
                  on_upgrade: Callable[[str], None] | None = None) -> Store:
    """The open Store. A read-only open of a database made by an older version upgrades it first
    (as a writable open does), telling `on_upgrade(path)`, rather than stopping at "needs an
    upgrade"."""
    try:
        return Store.open(path, readonly=readonly)
    except NeedsUpgrade:
        Store.open(path).close()
        if on_upgrade is not None:
            on_upgrade(str(path))
        return Store.open(path, readonly=True)


def check_database(path: str | os.PathLike) -> None:
    """Open `path` as the app's File → Open does — refusing what is not a fieldapp database,
    upgrading an older one — and close it again. The app runs this on a worker thread, so a
    hostile, huge or stalled file never freezes its window; the window then opens its own
    connection (a Store's connection belongs to its thread), quick as the file is checked."""
    open_database(path).close()


def restore_offered(path: str | os.PathLike, exc: BaseException) -> bool:
    """Whether opening `path` failed because it is damaged and there are automatic backups of it
    to restore from."""
    from fieldapp.store.backups.backup import list_backups  # (and the checks: when it failed)

    if isinstance(exc, sqlite3.DatabaseError):
        exc = translate_error(exc, path)
    return getattr(exc, "code", "") == "corrupt" and bool(list_backups(path))

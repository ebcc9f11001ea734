"""Policies every caller of a long job follows, written once for the command line and the app;
the jobs in fieldapp.jobs apply them, so a command or a screen never does.

Backup before a change: a rolling automatic backup is made before an import, a merge, an undo or a
clock repair (reasons "import", "merge", "undo_import", "repair_clock"; "start" when the app opens
a database).  What happens when that backup fails is the caller's stated choice, passed as
``on_failure``:

* None (the app, `fieldapp imports --undo`, `fieldapp check --repair-clock`): the failure is
  raised and the change does not run;
* a callable (the other commands): it is told, and the change runs anyway -- it is one
  transaction either way, so a failed backup never leaves a half-changed database.

Database in use: work that replaces a database file whole (building the demo over it) first makes
sure no other program has it open (`database_alone`); a database the app or a command has open is
never deleted or replaced.  (A restore writes through SQLite's backup API, which other connections
see as one change, so it needs no such lock.)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from fieldapp.core.errors import FieldappError
from fieldapp.store.backups.backup import auto_backup
from fieldapp.store.exclusive import held_alone

BEFORE_CHANGE = ("import", "merge", "undo_import", "repair_clock")

OnBackupFailure = Callable[[Exception], None] | None


def backup_before_change(db: str | os.PathLike, reason: str, *,
                         on_failure: OnBackupFailure = None) -> Path | None:
    """Back the database up before the change named by reason; the backup's path, or None when
    it failed and on_failure took the failure."""
    try:
        return auto_backup(db, reason)
    except (FieldappError, OSError) as exc:
        if on_failure is None:
            raise
        on_failure(exc)
        return None


@contextmanager
def database_alone(path: str | os.PathLike) -> Iterator[None]:
    """Hold the database file alone for the body, or raise InUse (code "in_use") when another
    program has it open. A missing file is nobody's: the body just runs."""
    with held_alone(path):
        yield


def refuse_if_in_use(path: str | os.PathLike) -> None:
    """Say now, before a long job starts, that the database it would replace is in use."""
    with database_alone(path):
        pass

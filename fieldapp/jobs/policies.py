"""Policies every caller of a long job follows, written once for the command line and the app.

Backup before a change: a rolling automatic backup is made before an import, a merge or an undo
(reasons "import", "merge", "undo_import"; "start" when the app opens a database).  What happens
when that backup fails is the caller's stated choice, passed as ``on_failure``:

* None (the app, and `fieldapp imports --undo`): the failure is raised and the change does not run;
* a callable (the other commands): it is told, and the change runs anyway -- it is one
  transaction either way, so a failed backup never leaves a half-changed database.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from fieldapp.core.errors import FieldappError
from fieldapp.store.backups.backup import auto_backup

BEFORE_CHANGE = ("import", "merge", "undo_import")


def backup_before_change(db: str | os.PathLike, reason: str, *,
                         on_failure: Callable[[Exception], None] | None = None) -> Path | None:
    """Back the database up before the change named by reason; the backup's path, or None when
    it failed and on_failure took the failure."""
    try:
        return auto_backup(db, reason)
    except (FieldappError, OSError) as exc:
        if on_failure is None:
            raise
        on_failure(exc)
        return None

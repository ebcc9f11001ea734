"""Backing up and restoring a database as jobs, shared by `fieldapp backup` / `fieldapp restore`,
File → Backups and restore… and the backup the app makes when it opens a database. The copying is
fieldapp.store.backups.backup (SQLite's online backup: safe while the database is in use).
Progress: callback(done, total) -> False cancels (a cancelled backup leaves no partial file)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from fieldapp.core.progress import Progress
from fieldapp.store.backups import backup as B


@dataclass
class BackupResult:
    path: Path  # the backup file
    size: int  # bytes


@dataclass
class RestoreResult:
    backup: Path  # what was restored
    db: Path  # the database it replaced
    safety: Path | None  # the automatic backup of the database as it was (None: there was none)


def back_up(db: str | os.PathLike, dest: str | os.PathLike | None = None, *,
            reason: str | None = None, overwrite: bool = False,
            progress: Progress | None = None) -> BackupResult:
    """A backup to `dest` (a file the user chose), or with `reason` a rolling automatic backup
    in the backup folder (the newest one when nothing changed since)."""
    if reason:
        path = B.auto_backup(db, reason, progress=progress)
    else:
        path = B.backup_database(db, dest, overwrite=overwrite, progress=progress)
    return BackupResult(Path(path), Path(path).stat().st_size)


def restore(backup: str | os.PathLike, db: str | os.PathLike, *,
            progress: Progress | None = None) -> RestoreResult:
    """Put a checked backup's content in place of the database, after backing the database up
    (reason "before_restore")."""
    safety = B.restore_backup(backup, db, progress=progress)
    return RestoreResult(Path(backup), Path(db), safety)

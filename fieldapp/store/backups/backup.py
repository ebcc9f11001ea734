"""Backups: `fieldapp backup`, the automatic rolling backups the app makes on start and before every
merge or import, and restoring one.

A backup is a plain fieldapp database file made with SQLite's online backup API from ONE read
snapshot (a read transaction held for the whole copy), so it is consistent even while the app
keeps writing: WAL readers never block writers and see none of their later commits. It is written
under a temporary name, checked (`PRAGMA quick_check`), flushed to disk and only then renamed, so
a FILE that exists is always a whole backup.

Automatic backups go to a folder per database in the app-data `backups` folder
(`fieldapp.core.appdata.backups_dir()`, or next to the database when that is not writable). The newest
`KEEP` are kept, plus the newest of each of the last `KEEP_DAYS` days; an unchanged database is
not copied again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fieldapp.core.messages import ErrorCode
from fieldapp.core.paths import fsync_file
from fieldapp.core.progress import Cancelled, Progress
from fieldapp.core.private_files import PRIVATE_DIR, create_private, open_private

from fieldapp.store import errors as E
from fieldapp.store.backups.content import check_restorable, database_content
from fieldapp.store.check import open_readonly
from fieldapp.store.db import APP_ID, _translate

KEEP = 5
KEEP_DAYS = 7
STEP_PAGES = 2048  # 8 MB a step between progress reports
MANIFEST = "backups.json"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}(?:-\d+)?)-(?P<reason>[a-z0-9_]+)\.sqlite$")


@dataclass
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    size: int


# ----- one backup ---------------------------------------------------------------------------
def backup_database(db_path: str | os.PathLike, dest: str | os.PathLike, *,
                    overwrite: bool = False, progress: Progress | None = None) -> Path:
    """Copy a database (which may be open and written by the app) to `dest`, consistently."""
    src_path, dest = Path(db_path), Path(dest)
    if dest.exists() and not overwrite:
        raise E.AlreadyExists(ErrorCode.BACKUP_EXISTS, where=str(dest))
    if dest.resolve() == src_path.resolve():
        raise E.StoreError(ErrorCode.BACKUP_IS_DATABASE, where=str(dest))
    if not dest.parent.is_dir():
        raise E.NotFound(ErrorCode.DB_DIR_MISSING, where=str(dest.parent))
    src = open_readonly(src_path)
    # A name of this process alone: two commands backing up at the same second (two imports
    # started at once) must not remove each other's half-written copy.
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}-{secrets.token_hex(4)}.partial")
    try:
        try:
            src.execute("BEGIN")  # one snapshot for the whole copy (WAL: writers go on)
            src.execute("SELECT count(*) FROM sqlite_master").fetchone()
            create_private(tmp)  # a backup is as private as the database
            target = sqlite3.connect(tmp, isolation_level=None)
        except sqlite3.DatabaseError as exc:
            raise _translate(exc, src_path) from None
        try:
            _copy(src, target, progress, src_path, dest)
        finally:
            target.close()
        _verify(tmp, dest)
        _fsync(tmp)
        os.replace(tmp, dest)
        _fsync_dir(dest.parent)
    except OSError as exc:
        raise _os_error(exc, dest) from None
    finally:
        src.close()
        _remove(tmp)
    return dest


def _copy(src, target, progress, src_path: Path, dest: Path) -> None:
    def step(_status, remaining, total):
        if progress and progress(total - remaining, total) is False:
            raise Cancelled(ErrorCode.CANCELLED_BACKUP, where=str(src_path))

    try:
        src.backup(target, pages=STEP_PAGES, progress=step, sleep=0)
    except Cancelled:
        raise
    except sqlite3.DatabaseError as exc:
        translated = _translate(exc, dest)
        if translated.code == "corrupt":
            raise E.CorruptDatabase(ErrorCode.BACKUP_SOURCE_CORRUPT, where=str(src_path)) from None
        if translated.code == "disk_full":
            raise E.StoreError(ErrorCode.BACKUP_DISK_FULL, where=str(dest)) from None
        raise translated from None


def _verify(tmp: Path, dest: Path) -> None:
    conn = sqlite3.connect(f"{tmp.resolve().as_uri()}?mode=ro", uri=True)
    try:
        ok = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise E.CorruptDatabase(ErrorCode.BACKUP_VERIFY_FAILED, reason=exc,
                                where=str(dest)) from None
    finally:
        conn.close()
    if ok != "ok" or app_id != APP_ID:
        raise E.CorruptDatabase(ErrorCode.BACKUP_VERIFY_FAILED, reason=ok, where=str(dest))


# ----- automatic rolling backups ------------------------------------------------------------
def default_folder(db_path: str | os.PathLike) -> Path:
    """This database's folder of automatic backups."""
    p = Path(db_path).resolve()
    name = f"{_slug(p.stem)}-{hashlib.sha1(str(p).encode()).hexdigest()[:8]}"
    try:
        from fieldapp.core.appdata import backups_dir

        folder = backups_dir() / name
        folder.mkdir(parents=True, exist_ok=True)
        if os.access(folder, os.W_OK):
            return folder
    except OSError:
        pass
    return p.parent / "fieldapp-backups" / name


def auto_backup(db_path: str | os.PathLike, reason: str, *, folder: str | os.PathLike | None
                = None, keep: int = KEEP, keep_days: int = KEEP_DAYS,
                progress: Progress | None = None) -> Path:
    """Back the database up before something big happens ("start", "merge", "import", ...).

    Returns the backup's path: a new one, or the newest one when the database has not changed
    since. Older automatic backups beyond the rolling window are removed.
    """
    db = Path(db_path)
    reason = _slug(reason).lower() or "manual"
    folder = Path(folder) if folder else default_folder(db)
    try:
        folder.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    except OSError as exc:
        raise _os_error(exc, folder) from None
    manifest = _read_manifest(folder)
    fingerprint = _fingerprint(db)
    newest = list_backups(db, folder=folder)
    if newest and manifest.get(newest[0].path.name) == fingerprint:
        return newest[0].path
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    # Within one second a serial orders them; it grows past the newest one there is (kept)
    serial = max((int(m["stamp"][16:] or 1) for p in folder.glob(f"*-{stamp}*.sqlite")
                  if (m := _NAME.match(p.name))), default=0) + 1
    suffix = stamp if serial == 1 else f"{stamp}-{serial}"
    dest = folder / f"{_slug(db.stem)}-{suffix}-{reason}.sqlite"
    backup_database(db, dest, progress=progress)
    manifest[dest.name] = fingerprint
    prune(db, folder=folder, keep=keep, keep_days=keep_days, manifest=manifest)
    return dest


def list_backups(db_path: str | os.PathLike, *, folder: str | os.PathLike | None = None
                 ) -> list[BackupInfo]:
    """The automatic backups of this database, newest first."""
    folder = Path(folder) if folder else default_folder(db_path)
    stem = _slug(Path(db_path).stem)
    out = []
    for p in folder.glob("*.sqlite") if folder.is_dir() else ():
        m = _NAME.match(p.name)
        if not m or m["stem"] != stem:
            continue
        created = datetime.strptime(m["stamp"][:15], "%Y%m%d-%H%M%S")
        serial = int(m["stamp"][16:] or 1)
        out.append((created, serial, BackupInfo(p, created, m["reason"], p.stat().st_size)))
    out.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [info for _c, _s, info in out]


def prune(db_path: str | os.PathLike, *, folder: str | os.PathLike | None = None,
          keep: int = KEEP, keep_days: int = KEEP_DAYS, manifest: dict | None = None) -> list[Path]:
    """Remove automatic backups outside the window; returns the removed files."""
    folder = Path(folder) if folder else default_folder(db_path)
    backups = list_backups(db_path, folder=folder)
    kept = {b.path for b in backups[:keep]}
    days: set = set()
    for b in backups:  # newest of each recent day
        day = b.created.date()
        if day not in days and len(days) < keep_days:
            days.add(day)
            kept.add(b.path)
    removed = [b.path for b in backups if b.path not in kept]
    for p in removed:
        _remove(p)
    manifest = _read_manifest(folder) if manifest is None else manifest
    names = {b.path.name for b in backups if b.path in kept}
    _write_manifest(folder, {k: v for k, v in manifest.items() if k in names})
    return removed


# ----- restore ------------------------------------------------------------------------------
def restore_backup(backup: str | os.PathLike, db_path: str | os.PathLike, *,
                   progress: Progress | None = None) -> Path | None:
    """Put a backup's content in place of the database (all at once, in one write transaction).

    The backup is checked first (whole, a fieldapp database no newer than this program, of the
    same county as the database it replaces); the current database, if any, is itself backed up
    automatically (reason "before_restore") and that backup's path returned. This device's
    change counter stays where the replaced database had it (see `_keep_counter`).
    """
    backup, db = Path(backup), Path(db_path)
    src = open_readonly(backup)
    try:
        ok = src.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        src.close()
        raise E.CorruptDatabase(ErrorCode.BACKUP_DAMAGED, reason=exc,
                                where=str(backup)) from None
    if ok != "ok":
        src.close()
        raise E.CorruptDatabase(ErrorCode.BACKUP_DAMAGED, reason=ok, where=str(backup))
    try:
        current = database_content(db) if db.exists() else None
    except E.StoreError:
        current = None  # damaged or unreadable: exactly when a restore is needed
    try:
        check_restorable(database_content(backup), current)
    except BaseException:
        src.close()
        raise
    safety = None
    try:
        if db.exists():
            counter = _own_counter(db)
            safety = auto_backup(db, "before_restore")
            target = sqlite3.connect(db, isolation_level=None, timeout=5.0)
            try:
                # One step: other connections see the old or the new database, never a mix.
                src.backup(target, pages=-1)
                _keep_counter(target, counter)
            except sqlite3.DatabaseError as exc:
                raise _translate(exc, db) from None
            finally:
                target.close()
        else:
            src.close()
            backup_database(backup, db, progress=progress)
    finally:
        src.close()
    return safety


def _own_counter(db: Path) -> int | None:
    """This device's change counter in the database about to be replaced (None: unreadable)."""
    try:
        conn = open_readonly(db)
    except E.StoreError:
        return None
    try:
        row = conn.execute("SELECT max(last_counter) FROM devices WHERE status = 'self'")
        return row.fetchone()[0]
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()


def _keep_counter(conn: sqlite3.Connection, counter: int | None) -> None:
    """Never move this device's change counter back: counters already used may have gone out in
    bundles, and a receiver skips a (device, counter) it has seen — new changes must not reuse
    one. The restored records keep their versions; only the next counter moves on."""
    if counter:
        conn.execute("UPDATE devices SET last_counter = ? WHERE status = 'self'"
                     " AND last_counter < ?", (counter, counter))


# ----- helpers ------------------------------------------------------------------------------
def _fingerprint(db: Path) -> str:
    """Changes whenever the database content may have changed."""
    conn = open_readonly(db)
    try:
        parts = [str(conn.execute("PRAGMA user_version").fetchone()[0])]
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        ):
            quoted = '"' + name.replace('"', '""') + '"'
            try:
                high = conn.execute(f"SELECT max(rowid) FROM {quoted}").fetchone()[0]
            except sqlite3.OperationalError:  # a WITHOUT ROWID table
                high = conn.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]
            parts.append(f"{name}:{high}")
        parts.append(str(conn.execute("SELECT group_concat(key || '=' || coalesce(value, ''), ';')"
                                      " FROM settings").fetchone()[0]))
    except sqlite3.DatabaseError as exc:
        raise _translate(exc, db) from None
    finally:
        conn.close()
    for suffix in ("", "-wal"):
        try:
            st = os.stat(str(db) + suffix)
            parts.append(f"{suffix}:{st.st_size}:{st.st_mtime_ns}")
        except FileNotFoundError:
            pass
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _read_manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_manifest(folder: Path, data: dict) -> None:
    tmp = folder / f".{MANIFEST}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
    try:
        with open_private(tmp, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(data, indent=1, sort_keys=True))
        os.replace(tmp, folder / MANIFEST)
    except OSError:
        _remove(tmp)  # the manifest only saves copying an unchanged database again


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]+", "_", text).strip("_")[:40] or "db"


def _remove(p: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            Path(str(p) + suffix).unlink(missing_ok=True)
        except OSError:
            pass


def _fsync(p: Path) -> None:
    fsync_file(p)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _os_error(exc: OSError, where: Path) -> E.StoreError:
    import errno

    if exc.errno == errno.ENOSPC:
        return E.StoreError(ErrorCode.BACKUP_DISK_FULL, where=str(where))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return E.ReadOnlyDatabase(ErrorCode.BACKUP_NO_PERMISSION, where=str(where))
    return E.StoreError(ErrorCode.BACKUP_OS_FAILED, where=str(where), reason=exc.strerror)

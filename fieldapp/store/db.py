"""Opening, creating and migrating a fieldapp database.

`Store.open` refuses, with a clear message and without touching the file, anything that is not a
fieldapp database of this or an older schema version.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from fieldapp.core.messages import ErrorCode
from fieldapp.core.private_files import create_private, make_private

from . import errors as E
from .id_numbers import ID_KEY_SETTING, new_id_key
from .migrations import Pending
from .schema import MIGRATIONS, SCHEMA_VERSION

APP_ID = 0x46415050  # "FAPP" in PRAGMA application_id marks our files


def _token_hex(nbytes: int) -> str:
    import secrets  # (with hmac and OpenSSL: not needed to open a database)

    return secrets.token_hex(nbytes)


def _new_device_id() -> str:
    return "d" + _token_hex(6)


class Store:
    """A fieldapp database. Reads go through `queries`; writes through `write()`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool = False):
        self._main = conn
        self._owner = threading.get_ident()
        self._threads = threading.local()
        self.readonly = readonly
        self.path = path
        self._db = None
        self._settings_cache: dict[str, str | None] = {}

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection of the calling thread. The thread that opened the store uses the one
        it opened; any other thread (a job behind a progress dialog) gets its own, so a job's
        transaction never swallows — or rolls back — what the window writes meanwhile. SQLite's
        locking orders the two."""
        if threading.get_ident() == self._owner:
            return self._main
        conn = getattr(self._threads, "conn", None)
        if conn is None:
            conn = self._threads.conn = _connect(self.path, readonly=self.readonly,
                                                 must_exist=True)
        return conn

    @property
    def db(self):
        """The connection as a `sqlite_utils.Database` (imported on first use: it is slow)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    # ----- opening -----------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        path: str | os.PathLike,
        *,
        role: str = "county",
        county_code: str = "",
        device_name: str = "",
        device_id: str | None = None,
        id_salt: str | None = None,
        id_key: str | None = None,
        overwrite: bool = False,
    ) -> Store:
        p = Path(path)
        if p.exists():
            if not overwrite:
                raise E.AlreadyExists(ErrorCode.DB_EXISTS, where=str(p))
            from .exclusive import held_alone

            with held_alone(p):  # never delete the files of a database that is open elsewhere
                for suffix in ("", "-wal", "-shm"):
                    Path(str(p) + suffix).unlink(missing_ok=True)
        if not p.parent.exists():
            raise E.NotFound(ErrorCode.DB_DIR_MISSING, where=str(p.parent))
        if not os.access(p.parent, os.W_OK):
            raise E.ReadOnlyDatabase(ErrorCode.DB_DIR_READONLY, where=str(p.parent))
        create_private(p)  # 0600 from the first byte; SQLite gives -wal/-shm the same mode
        conn = _connect(p)
        store = cls(conn, p)
        store._migrate(0)
        device = device_id or _new_device_id()
        with store.transaction():
            conn.execute(f"PRAGMA application_id = {APP_ID}")
            store._put_settings(
                {
                    "role": role,
                    "county_code": county_code,
                    "device_id": device,
                    "device_name": device_name or device,
                    "id_salt": id_salt or _token_hex(16),
                    "store_full_id": "0",
                    # the county secret that keys ID hashes; never leaves the county database
                    **({ID_KEY_SETTING: id_key or new_id_key()} if role == "county" else {}),
                }
            )
            conn.execute(
                "INSERT INTO devices(device_id, name, role, status, last_counter, first_seen)"
                " VALUES (?, ?, ?, 'self', 0, datetime('now'))",
                (device, device_name or device, role),
            )
        return store

    @classmethod
    def open(cls, path: str | os.PathLike, *, readonly: bool = False) -> Store:
        p = Path(path)
        if not p.exists():
            raise E.NotFound(ErrorCode.DB_MISSING, where=str(p))
        if p.is_dir():
            raise E.NotADatabase(ErrorCode.DB_IS_FOLDER, where=str(p))
        if not readonly and not os.access(p, os.W_OK):
            raise E.ReadOnlyDatabase(ErrorCode.DB_FILE_READONLY, where=str(p))
        if not readonly:  # a database made world-readable by an older version: owner only
            for suffix in ("", "-wal", "-shm"):
                make_private(f"{p}{suffix}")
        # SQLite itself tells a database from other files (read below). The file is never
        # opened with open(): closing such a handle drops every POSIX lock this process holds on
        # it, so another program could take the app's database for unused and remove its WAL.
        if p.stat().st_size < 100:
            raise E.NotADatabase(ErrorCode.DB_NOT_FIELDAPP, where=str(p))
        try:
            conn = _connect(p, readonly=readonly)
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        except sqlite3.DatabaseError as exc:
            raise _translate(exc, p) from None
        if app_id != APP_ID or "settings" not in tables:
            conn.close()
            raise E.NotADatabase(ErrorCode.DB_SQLITE_NOT_FIELDAPP, where=str(p))
        if version > SCHEMA_VERSION:
            conn.close()
            raise E.NewerSchema(ErrorCode.DB_NEWER, where=str(p), version=version,
                                supported=SCHEMA_VERSION)
        store = cls(conn, p, readonly=readonly)
        # A cheap probe of the small tables; a full check reads the whole file (`fieldapp check`),
        # too slow for every open of a county database. Damage found later by a query surfaces as
        # sqlite3.DatabaseError, which the CLI and the UI turn into the same clear message
        # (see translate_error).
        try:
            conn.execute("SELECT count(*) FROM settings").fetchone()
            conn.execute("SELECT count(*) FROM areas").fetchone()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise _translate(exc, p) from None
        if version < SCHEMA_VERSION:
            if readonly:
                conn.close()
                raise E.NeedsUpgrade(ErrorCode.DB_NEEDS_UPGRADE, where=str(p), version=version,
                                     supported=SCHEMA_VERSION)
            store._migrate(version)
        return store

    def close(self) -> None:
        self._main.close()
        conn = getattr(self._threads, "conn", None)
        if conn is not None:  # closed from a worker thread: its own connection too
            conn.close()
            self._threads.conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ----- schema ----------------------------------------------------------------------
    def _migrate(self, current: int) -> None:
        for target in range(current, SCHEMA_VERSION):
            step: str | Callable[[sqlite3.Connection], None] | None = MIGRATIONS.get(target + 1)
            if isinstance(step, Pending):
                step = step.load()
            if step is None:  # a number left free by parallel development: nothing to do
                continue
            with self.transaction():
                if callable(step):
                    step(self.conn)
                else:
                    for stmt in _split_sql(step):
                        self.conn.execute(stmt)
                self.conn.execute(f"PRAGMA user_version = {target + 1}")

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    # ----- transactions ------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE); rolled back whole on any exception."""
        if self.conn.in_transaction:
            raise E.StoreError(ErrorCode.DB_NESTED)
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _translate(exc, self.path) from None
        try:
            yield self.conn
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            self._settings_cache.clear()
            if isinstance(exc, sqlite3.OperationalError):
                translated = _translate(exc, self.path)
                if translated.code in ("read_only", "disk_full", "locked", "corrupt"):
                    raise translated from None
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                if self.conn.in_transaction:  # a full disk at COMMIT has rolled back already
                    self.conn.execute("ROLLBACK")
                self._settings_cache.clear()
                raise _translate(exc, self.path) from None

    def data_state(self) -> tuple[int, int]:
        """Equal on two calls exactly when nothing was written in between: by another
        connection (data_version) or by this one (total_changes, rolled-back writes included)."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0], self.conn.total_changes

    def write(self, user: str | None = None):
        """A change-logged write transaction: `with store.write(user) as w: w.insert(...)`."""
        from fieldapp.store.sync_log.changes import ChangeWriter

        return ChangeWriter(self, user)

    # ----- settings ----------------------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        if key not in self._settings_cache:
            row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            self._settings_cache[key] = row[0] if row else None
        value = self._settings_cache[key]
        return default if value is None else value

    def set_settings(self, values: dict[str, str]) -> None:
        with self.transaction():
            self._put_settings(values)

    def _put_settings(self, values: dict[str, str]) -> None:
        self.conn.executemany(
            "INSERT INTO settings(key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [(k, None if v is None else str(v)) for k, v in values.items()],
        )
        self._settings_cache.clear()

    @property
    def device_id(self) -> str:
        return self.setting("device_id") or ""

    @property
    def role(self) -> str:
        return self.setting("role") or ""


def _connect(path: Path, readonly: bool = False, must_exist: bool = False) -> sqlite3.Connection:
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                               check_same_thread=False)
    elif must_exist:  # never create an empty file where the database was
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=rw", uri=True,
                               isolation_level=None, timeout=5.0, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=5.0,
                               check_same_thread=False)
    try:
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _translate(exc, path) from None
    return conn


def translate_error(exc: sqlite3.DatabaseError, path: Path | str | None = None) -> E.StoreError:
    """The clear, coded StoreError for a raw sqlite3 error (for the CLI and UI)."""
    return _translate(exc, Path(path) if path else Path("?"))


def _translate(exc: sqlite3.DatabaseError, path: Path) -> E.StoreError:
    msg = str(exc).lower()
    if "not a database" in msg or "file is encrypted" in msg:
        return E.NotADatabase(ErrorCode.DB_NOT_FIELDAPP, where=str(path))
    if "malformed" in msg or "corrupt" in msg:
        return E.CorruptDatabase(ErrorCode.DB_CORRUPT, where=str(path))
    if "readonly" in msg or "read-only" in msg:
        return E.ReadOnlyDatabase(ErrorCode.DB_READONLY, where=str(path))
    if "locked" in msg or "busy" in msg:
        return E.LockedDatabase(ErrorCode.DB_LOCKED, where=str(path))
    if "disk" in msg and "full" in msg:
        return E.StoreError(ErrorCode.DB_DISK_FULL, where=str(path))
    return E.StoreError(ErrorCode.DB_ERROR, detail=exc, where=str(path))


def _split_sql(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]

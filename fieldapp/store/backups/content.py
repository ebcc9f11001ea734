"""What a backup (or any fieldapp database file) holds, read without changing it: whose database it
is and how much is in it — shown before a restore so the user replaces their data knowingly."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass

from fieldapp.store import errors as E
from fieldapp.store.check import open_readonly
from fieldapp.store.db import _translate
from fieldapp.core.messages import ErrorCode


@dataclass(frozen=True)
class DatabaseContent:
    county_code: str
    county_name: str
    role: str  # county / township
    township_code: str
    device_id: str
    households: int
    visits: int
    last_change_at: str  # time of the newest logged change, '' if none

    def same_device(self, other: DatabaseContent) -> bool:
        return bool(self.device_id) and self.device_id == other.device_id


def database_content(path: str | os.PathLike) -> DatabaseContent:
    """Raises StoreError (not a fieldapp database, newer schema, damaged) naming the file."""
    conn = open_readonly(path)
    try:
        settings = dict(conn.execute("SELECT key, value FROM settings"))
        one = lambda sql: conn.execute(sql).fetchone()[0]
        return DatabaseContent(
            county_code=settings.get("county_code") or "",
            county_name=settings.get("county_name") or "",
            role=settings.get("role") or "",
            township_code=settings.get("township_code") or "",
            device_id=settings.get("device_id") or "",
            households=one("SELECT count(*) FROM households WHERE deleted = 0"
                           " AND merged_into IS NULL"),
            visits=one("SELECT count(*) FROM visits WHERE deleted = 0"),
            last_change_at=(conn.execute("SELECT at FROM changes ORDER BY seq DESC LIMIT 1")
                            .fetchone() or ("",))[0],
        )
    except sqlite3.DatabaseError as exc:
        raise _translate(exc, path) from None
    finally:
        conn.close()


def check_restorable(backup: DatabaseContent, current: DatabaseContent | None) -> None:
    """A backup of another county's database never replaces this one (a wrong file picked)."""
    if current is not None and backup.county_code and current.county_code \
            and backup.county_code != current.county_code:
        raise E.StoreError(ErrorCode.BACKUP_OTHER_COUNTY,
                           backup=backup.county_name or backup.county_code,
                           current=current.county_name or current.county_code)

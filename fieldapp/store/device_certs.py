"""Device certificates issued by the county (see sync/certificates.py) and their revocation."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any


def _now() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def _dicts(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur]


def next_serial(store) -> int:
    conn = store.conn
    return int(conn.execute("SELECT COALESCE(MAX(serial), 0) + 1 FROM device_certs")
               .fetchone()[0])


def add(store, *, serial: int, device_id: str, name: str, township: str,
        sign_public: str, box_public: str, issued_at: str, certificate: str) -> None:
    conn = store.conn
    conn.execute(
        "INSERT INTO device_certs(serial, device_id, name, township_code, sign_public,"
        " box_public, issued_at, certificate) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (serial, device_id, name, township, sign_public, box_public, issued_at, certificate))


def by_key(store, sign_public: str) -> list[dict[str, Any]]:
    conn = store.conn
    return _dicts(conn.execute("SELECT * FROM device_certs WHERE sign_public = ?"
                               " ORDER BY serial", (sign_public,)))


def by_device(store, device_id: str) -> list[dict[str, Any]]:
    conn = store.conn
    return _dicts(conn.execute("SELECT * FROM device_certs WHERE device_id = ?"
                               " ORDER BY serial", (device_id,)))


def all_certs(store, *, township: str | None = None) -> list[dict[str, Any]]:
    conn = store.conn
    sql, args = "SELECT * FROM device_certs", []
    if township:
        sql += " WHERE township_code = ?"
        args.append(township)
    return _dicts(conn.execute(sql + " ORDER BY serial", args))


def revoke(store, serial: int, reason: str) -> None:
    conn = store.conn
    conn.execute("UPDATE device_certs SET revoked_at = ?, revoked_reason = ?"
                 " WHERE serial = ? AND revoked_at IS NULL", (_now(), reason, serial))


def set_device_status(store, device_id: str, status: str) -> None:
    conn = store.conn
    conn.execute("UPDATE devices SET status = ? WHERE device_id = ? AND status != 'self'",
                 (status, device_id))

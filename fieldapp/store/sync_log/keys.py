"""Sync bookkeeping in the database: this device's protected keys, peers (in `devices`), forms
known, acknowledgements and the export log. Device certificates: device_certs.py."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any


def _now() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def _dicts(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur]


# ----- own keys ----------------------------------------------------------------------------
def save_own_keys(store, device_id: str, sign_public: str, box_public: str,
                  protected: str) -> None:
    conn = store.conn
    conn.execute(
        "INSERT INTO sync_keys(device_id, sign_public, box_public, protected, created_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET"
        " sign_public = excluded.sign_public, box_public = excluded.box_public,"
        " protected = excluded.protected", (device_id, sign_public, box_public, protected, _now()))


def own_keys(store, device_id: str) -> dict[str, Any] | None:
    conn = store.conn
    rows = _dicts(conn.execute("SELECT * FROM sync_keys WHERE device_id = ?", (device_id,)))
    return rows[0] if rows else None


def county_sign_public(store, role: str, device_id: str) -> bytes | None:
    """The county's Ed25519 public key (raw 32 bytes) as this database knows it: its own at the
    county, the one from the reference bundle on a laptop; None when it has none."""
    import base64
    import json

    try:
        if role == "county":
            row = own_keys(store, device_id)
            text = row and row["sign_public"]
        else:
            rows = devices(store, status=("county",))
            text = rows and rows[0].get("public_key") and json.loads(rows[0]["public_key"])["sign"]
        return base64.b64decode(text, validate=True) if text else None
    except (ValueError, KeyError, TypeError):
        return None


# ----- peers -------------------------------------------------------------------------------
def device(store, device_id: str) -> dict[str, Any] | None:
    conn = store.conn
    rows = _dicts(conn.execute("SELECT * FROM devices WHERE device_id = ?", (device_id,)))
    return rows[0] if rows else None


def devices(store, *, township: str | None = None,
            status: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    conn = store.conn
    sql, args = "SELECT * FROM devices WHERE 1 = 1", []
    if township:
        sql += " AND township_code = ?"
        args.append(township)
    if status:
        sql += f" AND status IN ({','.join('?' * len(status))})"
        args += list(status)
    return _dicts(conn.execute(sql + " ORDER BY device_id", args))


def put_device(store, device_id: str, *, name: str, role: str,
               township: str | None, public_key: str | None, enrolment: str | None,
               status: str) -> None:
    """Register or update a peer (never this device itself); keeps its seen counter."""
    conn = store.conn
    at = _now()
    conn.execute(
        "INSERT INTO devices(device_id, name, role, township_code, public_key, enrolment, status,"
        " last_counter, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"
        " ON CONFLICT(device_id) DO UPDATE SET name = excluded.name, role = excluded.role,"
        " township_code = excluded.township_code, public_key = excluded.public_key,"
        " enrolment = excluded.enrolment, status = excluded.status, last_seen = excluded.last_seen"
        " WHERE devices.status != 'self'",
        (device_id, name, role, township, public_key, enrolment, status, at, at))


def acks(store, township: str) -> dict[str, int]:
    """Highest change counter merged per laptop of a township."""
    conn = store.conn
    return dict(conn.execute(
        "SELECT device_id, last_counter FROM devices WHERE township_code = ?"
        " AND status IN ('enrolled', 'accepted')", (township,)))


# ----- forms --------------------------------------------------------------------------------
def seen_counters(store, own_device: str) -> dict[str, int]:
    """The last change counter merged from each other device (what this database knows)."""
    conn = store.conn
    return {d: c for d, c in conn.execute("SELECT device_id, last_counter FROM devices")
            if d != own_device and c}


def used_form_versions(store) -> set[tuple[str, str]]:
    """Form versions of the visits and public places already in the database."""
    conn = store.conn
    out = set(conn.execute("SELECT DISTINCT form_id, form_version FROM visits"))
    out |= set(conn.execute("SELECT DISTINCT form_id, form_version FROM public_places"
                            " WHERE form_id IS NOT NULL AND form_version IS NOT NULL"))
    return out


# ----- export log -----------------------------------------------------------------------------
def log_export(store, bundle_uuid: str, kind: str, township: str | None,
               from_counter: int | None, to_counter: int | None, changes: int,
               file_name: str) -> None:
    conn = store.conn
    conn.execute(
        "INSERT INTO sync_exports(bundle_uuid, kind, township_code, from_counter, to_counter,"
        " changes, file_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (bundle_uuid, kind, township, from_counter, to_counter, changes, file_name, _now()))


def exports(store) -> list[dict[str, Any]]:
    conn = store.conn
    return _dicts(conn.execute("SELECT * FROM sync_exports ORDER BY created_at DESC"))


def device_label(store, device_id: str | None,
                 household_uuid: str | None = None) -> str:
    """A laptop as staff know it: its name and the surveyor who last visited the household from
    it (or its raw id when the county has never heard of it)."""
    conn = store.conn
    if not device_id:
        return ""
    row = conn.execute("SELECT name FROM devices WHERE device_id = ?", (device_id,)).fetchone()
    name = (row[0] if row else None) or device_id
    who = conn.execute(
        "SELECT surveyor FROM visits WHERE device_id = ? AND household_uuid = ?"
        " AND coalesce(surveyor, '') != '' ORDER BY hlc DESC LIMIT 1",
        (device_id, household_uuid or "")).fetchone()
    return f"{name}（{who[0]}）" if who else name

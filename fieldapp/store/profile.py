"""Who uses this database: role, county, township, surveyor and device name (settings table).

The first-run setup and the settings dialog read and change these through here; the device name
is also kept on this device's row of `devices`, which bundles carry to the county.
"""

from __future__ import annotations

from fieldapp.core.divisions import normalize_code
from fieldapp.core.errors import FieldappError

from .db import Store
from fieldapp.core.messages import ErrorCode

ROLES = ("township", "county")
KEYS = ("role", "county_code", "county_name", "township_code", "surveyor", "device_name")


class ProfileError(FieldappError):
    code = "profile"


def profile(store: Store) -> dict[str, str]:
    return {key: store.setting(key) or "" for key in KEYS}


def set_profile(store: Store, *, role: str | None = None, township_code: str | None = None,
                surveyor: str | None = None, device_name: str | None = None) -> dict[str, str]:
    """Change the given profile fields in one transaction and return the new profile.

    The county of a database is fixed when it is created (its division list is the county's);
    a township must be one of this database's townships."""
    values: dict[str, str] = {}
    if role is not None:
        if role not in ROLES:
            raise ProfileError(ErrorCode.PROFILE_ROLE, role=role, where="role")
        values["role"] = role
    if township_code is not None:
        code = normalize_code(township_code) if township_code else ""
        if code:
            row = store.conn.execute(
                "SELECT level FROM areas WHERE code = ? AND deleted = 0", (code,)).fetchone()
            if not row or row[0] != "township":
                raise ProfileError(ErrorCode.PROFILE_NO_TOWNSHIP, township=township_code,
                                   where="township_code")
        values["township_code"] = code
    if surveyor is not None:
        values["surveyor"] = surveyor.strip()
    if device_name is not None:
        name = device_name.strip()
        if not name:
            raise ProfileError(ErrorCode.PROFILE_DEVICE_NAME, where="device_name")
        values["device_name"] = name
    if not values:
        return profile(store)
    with store.transaction() as conn:
        store._put_settings(values)
        if "device_name" in values or "role" in values or "township_code" in values:
            conn.execute(
                "UPDATE devices SET name = coalesce(?, name), role = coalesce(?, role),"
                " township_code = coalesce(?, township_code) WHERE device_id = ?",
                (values.get("device_name"), values.get("role"),
                 values.get("township_code") or None, store.device_id))
    return profile(store)


def townships(store: Store) -> list[tuple[str, str]]:
    """(code, name) of this database's townships, by code."""
    return [tuple(r) for r in store.conn.execute(
        "SELECT code, name FROM areas WHERE level = 'township' AND deleted = 0 ORDER BY code")]

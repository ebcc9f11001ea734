"""Write a household found in the field (新发现户): one change-logged insert with source 'field',
so it travels in bundles like any other record and a later register import can match it."""

from __future__ import annotations

from fieldapp.core.field_household import FIELD_SOURCE, FieldHouseholdError, NewHousehold
from fieldapp.core.idcard import mask_id

from .id_numbers import id_hasher
from fieldapp.core.messages import ErrorCode


def add_field_household(store, new: NewHousehold, *, user: str | None = None) -> str:
    """Check and insert; returns the new household's uuid. Raises FieldHouseholdError."""
    h = new.cleaned()
    row = store.conn.execute(
        "SELECT level FROM areas WHERE code = ? AND deleted = 0", (h.village_code,)).fetchone()
    if row is None:
        raise FieldHouseholdError(ErrorCode.FIELD_VILLAGE_UNKNOWN, village=h.village_code)
    if row[0] != "village":
        raise FieldHouseholdError(ErrorCode.FIELD_NOT_A_VILLAGE, village=h.village_code)
    keep_full = store.setting("store_full_id") == "1"
    record = {
        "village_code": h.village_code, "group_no": h.group_no or None,
        "head_name": h.head_name, "phone": h.phone or None,
        "id_hash": id_hasher(store)(h.id_number) if h.id_number else None,
        "id_masked": mask_id(h.id_number) if h.id_number else None,
        "id_full": h.id_number if keep_full and h.id_number else None,
        "address": h.door or None, "lat": h.lat, "lon": h.lon, "source": FIELD_SOURCE,
    }
    with store.write(user) as w:
        return w.insert("households", record)


_SUMMARY = ("village_code", "village_name", "group_no", "head_name", "door", "phone",
            "id_masked", "lat", "lon", "source")


def household_summary(store, uuid: str) -> dict:
    """What was recorded for a household, as `household add --json` prints it."""
    row = store.conn.execute(
        "SELECT h.village_code, a.name, h.group_no, h.head_name, h.address, h.phone,"
        " h.id_masked, h.lat, h.lon, h.source FROM households h"
        " JOIN areas a ON a.code = h.village_code WHERE h.uuid = ?", (uuid,)).fetchone()
    return {"household_id": uuid, **dict(zip(_SUMMARY, row))}


def village_choices(store) -> list[tuple[str, str]]:
    """(code, "township · village") of every village, for the new-household dialog."""
    return [(r[0], f"{r[1]} · {r[2]}" if r[1] else r[2]) for r in store.conn.execute(
        "SELECT v.code, t.name, v.name FROM areas v LEFT JOIN areas t ON t.code = v.parent_code"
        " WHERE v.level = 'village' AND v.deleted = 0 ORDER BY v.code")]

"""Public places (公共场所: party and government offices, enterprises and institutions, hotels,
hospitals, schools, commercial-residential buildings, residential compounds) and their cable-access
checklist (forms/public_place.xlsx).

A place is one record holding its checklist answers, like a visit. Every write goes through the
change-logged writer with a partial answers dict, so each answer change is versioned per key,
audited (who, device, when, old, new) and syncs. The columns place_type, name, lon and lat repeat
the answers place_type, place_name and location (for lists, sheets and the map) and are kept in
step in the same transaction. A delete is a tombstone.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from fieldapp.core.divisions import CodeError, level_of, normalize_code, township_of
from fieldapp.core.validation import parse_geopoint

from fieldapp.store.sync_log.changes import now_iso
from .errors import NotFound, StoreError
from fieldapp.core.messages import ErrorCode

FORM_ID = "public_place"
TYPE_ANSWER, NAME_ANSWER, LOCATION_ANSWER = "place_type", "place_name", "location"

PLACE_COLUMNS = ("uuid", "township_code", "village_code", "place_type", "name", "form_id",
                 "form_version", "answers", "state", "surveyor", "lon", "lat", "notes",
                 "updated_at", "hlc")
_SELECT = (", ".join(f"p.{c}" for c in PLACE_COLUMNS)
           + ", t.name AS township_name, v.name AS village_name"
           " FROM public_places p LEFT JOIN areas t ON t.code = p.township_code"
           " LEFT JOIN areas v ON v.code = p.village_code")
_ORDER = " ORDER BY p.township_code, coalesce(p.village_code, ''), p.place_type, p.name, p.uuid"


def _rows(cur) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    out = []
    for row in cur:
        d = dict(zip(names, row))
        d["answers"] = json.loads(d["answers"] or "{}")
        out.append(d)
    return out


def list_places(store, area_code: str | None = None) -> list[dict[str, Any]]:
    """The places (not deleted) of a county, township or village; all places without a code.

    Each row: the table's columns, answers as a dict, township_name and village_name.
    """
    if area_code is None:
        where, args = "", ()
    else:
        code = _code(area_code)
        level = level_of(code)
        if level == "village":
            where, args = " AND p.village_code = ?", (code,)
        elif level == "township":
            where, args = " AND p.township_code = ?", (code,)
        else:
            where, args = " AND substr(p.township_code, 1, 6) = ?", (code[:6],)
    cur = store.conn.execute(f"SELECT {_SELECT} WHERE p.deleted = 0{where}{_ORDER}", args)
    return _rows(cur)


def get_place(store, uuid: str) -> dict[str, Any] | None:
    found = _rows(store.conn.execute(f"SELECT {_SELECT} WHERE p.uuid = ? AND p.deleted = 0",
                                     (uuid,)))
    return found[0] if found else None


# ----- writes ----------------------------------------------------------------------------
def create_place(store, user: str, area_code: str, form_version: str,
                 answers: Mapping[str, Any] | None = None, *, form_id: str = FORM_ID) -> str:
    """A new draft place in a township or village, holding `answers`; returns its uuid.

    The record is inserted with empty answers and the answers set by an update in the same
    transaction, so the first answers are audited like every later change.
    """
    code = _code(area_code)
    level = _area_level(store, code)
    if level not in ("township", "village"):
        raise StoreError(ErrorCode.PLACE_NOT_UNDER_COUNTY, where=code)
    township = township_of(code)
    patch = {k: v for k, v in (answers or {}).items() if v is not None}
    with store.write(user) as w:
        uuid = w.insert("public_places", {
            "township_code": township, "village_code": code if level == "village" else None,
            "place_type": None, "name": "", "form_id": form_id, "form_version": form_version,
            "answers": {}, "state": "draft", "surveyor": w.user, "updated_at": now_iso(),
        })
        if patch:
            w.update("public_places", uuid, _with_columns(patch))
    return uuid


def save_answers(store, user: str, uuid: str, changes: Mapping[str, Any]) -> int:
    """Write changed answers (None removes one); returns how many fields really changed."""
    if not changes:
        return 0
    _existing(store, uuid)
    with store.write(user) as w:
        return w.update("public_places", uuid, _with_columns(changes))


def complete_place(store, user: str, uuid: str, changes: Mapping[str, Any] | None = None) -> None:
    """Final answer changes (e.g. dropping answers that no longer apply) and state 'complete'."""
    _existing(store, uuid)
    with store.write(user) as w:
        if changes:
            w.update("public_places", uuid, _with_columns(changes))
        w.update("public_places", uuid, {"state": "complete", "surveyor": w.user,
                                         "updated_at": now_iso()})


def reopen_place(store, user: str, uuid: str) -> None:
    """Make a complete place a draft again so it can be corrected."""
    _existing(store, uuid)
    with store.write(user) as w:
        w.update("public_places", uuid, {"state": "draft"})


def delete_place(store, user: str, uuid: str) -> dict[str, Any]:
    """Tombstone a place; returns what it held (for `restore_place`)."""
    place = _existing(store, uuid)
    with store.write(user) as w:
        w.delete("public_places", uuid)
    return place


def restore_place(store, user: str, place: Mapping[str, Any]) -> str:
    """Undo a delete: the place as it was, as a new record (a tombstone stays a tombstone so the
    delete can sync); returns the new uuid."""
    keep = ("township_code", "village_code", "place_type", "name", "form_id", "form_version",
            "answers", "state", "surveyor", "lon", "lat", "notes", "updated_at")
    with store.write(user) as w:
        return w.insert("public_places", {k: place.get(k) for k in keep})


# ----- helpers ---------------------------------------------------------------------------
def _with_columns(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The update for changed answers, with the columns that repeat them."""
    values: dict[str, Any] = {"answers": dict(changes)}
    if TYPE_ANSWER in changes:
        values["place_type"] = changes[TYPE_ANSWER]
    if NAME_ANSWER in changes:
        values["name"] = str(changes[NAME_ANSWER] or "").strip()
    if LOCATION_ANSWER in changes:
        values["lat"], values["lon"] = _lat_lon(changes[LOCATION_ANSWER])
    return values


def _lat_lon(text: Any) -> tuple[float | None, float | None]:
    if text in (None, ""):
        return None, None
    try:
        lat, lon, _alt, _acc = parse_geopoint(str(text))
    except ValueError:
        return None, None
    return lat, lon


def _code(area_code: str) -> str:
    try:
        return normalize_code(area_code)
    except CodeError as exc:
        raise StoreError.again(exc, where=str(area_code)) from None


def _area_level(store, code: str) -> str:
    row = store.conn.execute("SELECT level FROM areas WHERE code = ? AND deleted = 0",
                             (code,)).fetchone()
    if row is None:
        raise NotFound(ErrorCode.AREA_CODE_UNKNOWN, where=code)
    return row[0]


def _existing(store, uuid: str) -> dict[str, Any]:
    place = get_place(store, uuid)
    if place is None:
        raise NotFound(ErrorCode.PLACE_NOT_FOUND, where=uuid)
    return place


def area_name(store, area_code: str) -> str:
    """The name of a division (township or village), '' if unknown."""
    row = store.conn.execute("SELECT name FROM areas WHERE code = ? AND deleted = 0",
                             (_code(area_code),)).fetchone()
    return row[0] if row else ""

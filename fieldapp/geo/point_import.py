"""Import household coordinates from a CSV table or a GPX file of waypoints.

CSV: a header row (title rows above it are skipped) with a household key — `household_id` (the
uuid that `export households` writes), or village code + household head (+ ID number or masked ID
when two heads share a name) — and coordinate columns (lon/lat, 经度/纬度, x/y). Coordinates are
decimal degrees, degrees-minutes-seconds (111°0'30.5") or projected metres with --crs.
GPX: waypoints whose name, desc or cmt holds the household id, or whose name is the household
head and desc/cmt the 12-digit village code. GPX is WGS84 by definition (--crs gcj02 allowed).

Plan first (nothing written; every rejected row named with its reason), then apply in one
change-logged transaction: w.update("households", uuid, {"lon", "lat"}).
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from fieldapp.core.idcard import mask_id
from fieldapp.core.text_encoding import read_text_file
from fieldapp.core.zipguard import MIB
from fieldapp.core.validation import coordinate_said
from fieldapp.core.messages import ErrorCode, Said
from fieldapp.core.register_columns import header_key
from fieldapp.core.progress import Cancelled, Progress
from .errors import BadGeoFile
from fieldapp.store.geo import queries as geo_queries

from .boundary_import import settle_crs
from .rejects import refused
from .crs import WGS84, Crs, parse_crs, to_wgs84
from .readers import GeoFile

POINT_SUFFIXES = (".csv", ".gpx")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_COLS = {
    "id": ("household_id", "uuid", "户id", "户编号", "户编码"),
    "village": ("village_code", "村代码", "村编码", "村区划代码", "区划代码"),
    "head": ("head_name", "户主", "户主姓名", "姓名"),
    "idno": ("id_masked", "身份证号", "身份证号码", "证件号码", "身份证号(脱敏)"),
    "lon": ("lon", "lng", "long", "longitude", "经度", "x"),
    "lat": ("lat", "latitude", "纬度", "y"),
}
DECIMALS = 7
MAX_CSV_BYTES = 32 * MIB  # as a register CSV (docs/limits.md)


@dataclass
class PointPlan:
    path: Path
    crs: Crs
    crs_source: str
    positions: list[tuple[str, float, float]] = field(default_factory=list)  # uuid, lon, lat
    rejected: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[Said | str] = field(default_factory=list)  # shown in the user's language


@dataclass
class _Row:
    where: Any  # CSV row number or waypoint label
    uuid: str
    x: float
    y: float


def plan_point_import(store, path: str | Path, *, crs: str | Crs | None = None) -> PointPlan:
    p = Path(path)
    if not p.exists():
        raise BadGeoFile(ErrorCode.FILE_MISSING, where=str(p))
    if p.is_dir():
        raise BadGeoFile(ErrorCode.INPUT_IS_FOLDER, where=str(p))
    option = parse_crs(crs) if isinstance(crs, str) else crs
    keys = _HouseholdKeys(geo_queries.household_keys(store))
    rejected: list[dict[str, Any]] = []
    if p.suffix.lower() == ".gpx":
        rows = _read_gpx(p, keys, rejected)
        declared: Crs | None = WGS84
    elif p.suffix.lower() == ".csv":
        rows = _read_csv(p, keys, rejected)
        declared = None
    else:
        raise BadGeoFile(ErrorCode.POINTS_FILE_TYPE, where=str(p))
    xs = np.array([r.x for r in rows], dtype=float)
    ys = np.array([r.y for r in rows], dtype=float)
    geo = GeoFile(p, [], declared, implied=WGS84)
    used, source = settle_crs(geo, option, (xs, ys)) if rows else (option or WGS84, "assumed")
    plan = PointPlan(p, used, source, rejected=rejected)
    if source == "assumed" and rows:
        plan.warnings.append(Said(ErrorCode.MAP_ASSUMED_WGS84))
    if rows:
        lon, lat = to_wgs84(xs, ys, used)
        seen: dict[str, Any] = {}
        for r, lo, la in zip(rows, lon, lat):
            if why := coordinate_said(lo, la, china=False):
                rejected.append(refused(r.where, why))
                continue
            if r.uuid in seen:
                rejected.append(refused(r.where, Said(ErrorCode.MAP_ROW_SAME, row=seen[r.uuid])))
                continue
            seen[r.uuid] = r.where
            plan.positions.append((r.uuid, round(float(lo), DECIMALS), round(float(la), DECIMALS)))
    if all(isinstance(r["row"], int) for r in rejected):
        rejected.sort(key=lambda r: r["row"])
    return plan


def apply_point_import(store, plan: PointPlan, *, user: str | None = None,
                       progress: Progress | None = None) -> dict[str, Any]:
    updated = unchanged = 0
    total = len(plan.positions)
    with store.write(user) as w:
        for i, (uuid, lon, lat) in enumerate(plan.positions, 1):
            if w.update("households", uuid, {"lon": lon, "lat": lat}):
                updated += 1
            else:
                unchanged += 1
            if progress is not None and (i % 200 == 0 or i == total) and progress(i, total) is False:
                raise Cancelled()
    return {"kind": "households", "updated": updated, "unchanged": unchanged,
            "rejected": plan.rejected, "crs": plan.crs.label, "crs_en": plan.crs.text("en"),
            "crs_source": plan.crs_source,
            "warnings": plan.warnings}


# ----- matching ----------------------------------------------------------------------------
class _HouseholdKeys:
    def __init__(self, rows):
        self.uuids = {r[0] for r in rows}
        self.by_head: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
        for uuid, village, head, masked, _group in rows:
            self.by_head.setdefault((village, _clean(head)), []).append((uuid, masked))

    def find(self, uuid: str, village: str, head: str, idno: str) -> tuple[str | None, Any]:
        if uuid:
            u = uuid.strip().lower()
            return (u, "") if u in self.uuids else (None, Said(ErrorCode.MAP_ROW_NO_ID,
                                                                      value=uuid))
        if not village or not head:
            return None, Said(ErrorCode.MAP_ROW_NO_KEY)
        code = _digits(village).ljust(12, "0")
        hits = self.by_head.get((code, _clean(head)), [])
        if idno and len(hits) > 1:
            masked = _masked(idno)
            hits = [h for h in hits if h[1] == masked]
        if not hits:
            return None, Said(ErrorCode.MAP_ROW_NO_HEAD, village=code, name=head)
        if len(hits) > 1:
            return None, Said(ErrorCode.MAP_ROW_NAMESAKES, village=code, name=head,
                              count=len(hits))
        return hits[0][0], ""


def _masked(idno: str) -> str:
    s = _clean(idno).upper()
    return s if "*" in s else mask_id(s)


def _clean(text: Any) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))


def _digits(text: str) -> str:
    return re.sub(r"\D", "", _clean(text))


# ----- CSV ---------------------------------------------------------------------------------
def _read_csv(p: Path, keys: _HouseholdKeys, rejected: list) -> list[_Row]:
    text, _encoding = read_text_file(p, MAX_CSV_BYTES, BadGeoFile)  # as registers are read
    try:
        table = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise BadGeoFile(ErrorCode.CSV_BROKEN, where=str(p), reason=str(exc)) from None
    header_at, cols = None, {}
    for i, row in enumerate(table[:15]):
        found = _map_header(row)
        if "lon" in found and "lat" in found:
            header_at, cols = i, found
            break
    if header_at is None:
        raise BadGeoFile(ErrorCode.POINTS_NO_HEADER, names=ErrorCode.WORD_LON_LAT, where=str(p))
    if "id" not in cols and not ("village" in cols and "head" in cols):
        raise BadGeoFile(ErrorCode.POINTS_NO_KEY, where=str(p))
    out = []
    for n, row in enumerate(table[header_at + 1:], header_at + 2):
        if not any(c.strip() for c in row):
            continue
        cells = {k: row[i].strip() for k, i in cols.items() if i < len(row)}
        get = cells.get
        uuid, why = keys.find(get("id", ""), get("village", ""), get("head", ""), get("idno", ""))
        if uuid is None:
            rejected.append(refused(n, why))
            continue
        x, y = parse_coordinate(get("lon", "")), parse_coordinate(get("lat", ""))
        if x is None or y is None:
            rejected.append(refused(n, Said(ErrorCode.MAP_ROW_NOT_NUMBER,
                                            lon=repr(get('lon', '')), lat=repr(get('lat', '')))))
            continue
        if why := _not_finite(x, y, get("lon", ""), get("lat", "")):
            rejected.append(refused(n, why))
            continue
        out.append(_Row(n, uuid, x, y))
    return out


def _map_header(row: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(row):
        name = header_key(cell).lower()  # either script, as register headers
        for key, names in _COLS.items():
            if name in names and key not in found:
                found[key] = i
    return found


_DMS = re.compile(r"^([-+]?\d+(?:\.\d+)?)[°度:\s]+(?:(\d+(?:\.\d+)?)['′分:\s]*)?"
                  r"(?:(\d+(?:\.\d+)?)[\"″秒]*)?\s*([NSEW东西南北])?$", re.IGNORECASE)


def parse_coordinate(text: str) -> float | None:
    """A decimal number or degrees-minutes-seconds (111°30'15.2"E, 35度36分); None if neither."""
    s = _clean(text)
    if not s:
        return None
    try:
        return float(s)
    except ValueError:
        pass
    m = _DMS.match(s)
    if not m:
        return None
    deg = float(m.group(1))
    value = abs(deg) + float(m.group(2) or 0) / 60 + float(m.group(3) or 0) / 3600
    neg = deg < 0 or (m.group(4) or "").upper() in ("S", "W", "南", "西")
    return -value if neg else value


# ----- GPX ---------------------------------------------------------------------------------
def _read_gpx(p: Path, keys: _HouseholdKeys, rejected: list) -> list[_Row]:
    try:
        root = ET.parse(p).getroot()
    except ET.ParseError as exc:
        raise BadGeoFile(ErrorCode.GPX_SYNTAX, reason=exc, where=str(p)) from None
    if not root.tag.endswith("gpx"):
        raise BadGeoFile(ErrorCode.GPX_NOT_GPX, where=str(p))
    out = []
    for i, wpt in enumerate(e for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "wpt"):
        texts = {c.tag.rsplit("}", 1)[-1]: (c.text or "").strip() for c in wpt}
        label = Said(ErrorCode.MAP_GPX_WAYPOINT, number=i + 1, name=Said(
            ErrorCode.MAP_GPX_NAME, name=texts["name"]) if texts.get("name") else "")
        blob = " ".join(texts.get(k, "") for k in ("name", "desc", "cmt"))
        m = _UUID.search(blob)
        village = re.search(r"\b\d{12}\b", " ".join(texts.get(k, "") for k in ("desc", "cmt")))
        uuid, why = keys.find(m.group(0) if m else "", village.group(0) if village else "",
                              texts.get("name", ""), "")
        if uuid is None:
            rejected.append(refused(label, why))
            continue
        try:
            x, y = float(wpt.get("lon", "")), float(wpt.get("lat", ""))
        except ValueError:
            rejected.append(refused(label, Said(ErrorCode.MAP_GPX_NO_LAT_LON)))
            continue
        if why := _not_finite(x, y, wpt.get("lon"), wpt.get("lat")):
            rejected.append(refused(label, why))
            continue
        out.append(_Row(label, uuid, x, y))
    return out


def _not_finite(x: float, y: float, lon_text: Any, lat_text: Any) -> Said | str | None:
    """The reason a row is refused when a coordinate is NaN or infinite (named by field)."""
    for name, value, text in ((ErrorCode.MAP_WORD_LON, x, lon_text),
                              (ErrorCode.MAP_WORD_LAT, y, lat_text)):
        if not math.isfinite(value):
            return Said(ErrorCode.MAP_ROW_NOT_FINITE, name=name, value=text)
    return None

"""Coordinate systems: everything is stored as WGS84 lon/lat; input may be WGS84, CGCS2000
(geographic EPSG:4490 or a Gauss-Krüger zone) or GCJ-02. Distances are computed in the CGCS2000
3-degree Gauss-Krüger zone chosen from the longitude (EPSG 4534 + (CM − 75) / 3).

pyproj transformers are always built with always_xy=True: x = longitude/easting first.
CGCS2000 and WGS84 agree to a few centimetres (ITRF-based datums), so geographic CGCS2000 is
taken as WGS84; pyproj does the same with a ballpark (null) datum shift.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import numpy as np
import pyproj

from fieldapp.core.messages import ErrorCode, Said, Words
from .errors import BadGeoFile, UnknownCrs
from .gcj02 import gcj02_to_wgs84, wgs84_to_gcj02

WGS84_EPSG = 4326
CGCS2000_EPSG = 4490
GCJ02 = "gcj02"
_GCJ_ALIASES = {"gcj02", "gcj-02", "gcj", "mars", "火星坐标", "国测局坐标", "amap", "gaode", "高德"}


@dataclass(frozen=True)
class Crs:
    """An input coordinate system: an EPSG code / WKT understood by pyproj, or GCJ-02."""

    name: str  # "EPSG:4490", "gcj02" or a WKT/PROJ string
    label: str  # human-readable, Chinese first
    label_en: str = field(default="", compare=False)  # in English, when it differs

    def text(self, language: str = "zh") -> str:
        """The label in the user's language."""
        return self.label_en or self.label if language.startswith("en") else self.label

    def words(self) -> Words:
        """The label as a message parameter (both languages)."""
        return Words(self.label, self.text("en"))

    @property
    def is_gcj02(self) -> bool:
        return self.name == GCJ02

    @property
    def is_geographic(self) -> bool:
        return self.is_gcj02 or _pyproj_crs(self.name).is_geographic

    @property
    def epsg(self) -> int | None:
        if self.is_gcj02:
            return None
        return _pyproj_crs(self.name).to_epsg(min_confidence=70)


WGS84 = Crs(f"EPSG:{WGS84_EPSG}", "WGS84 (EPSG:4326)")
CGCS2000 = Crs(f"EPSG:{CGCS2000_EPSG}", "CGCS2000 (EPSG:4490)")
GCJ02_CRS = Crs(GCJ02, ErrorCode.CRS_GCJ02.text("zh"), ErrorCode.CRS_GCJ02.text("en"))


@functools.lru_cache(maxsize=64)
def _pyproj_crs(name: str) -> pyproj.CRS:
    return pyproj.CRS.from_user_input(name)


@functools.lru_cache(maxsize=64)
def _transformer(src: str, dst: str) -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(src, dst, always_xy=True)


def parse_crs(text: str) -> Crs:
    """A --crs option: "EPSG:4490", "4549", "wgs84", "cgcs2000", "gcj02" (and aliases)."""
    s = (text or "").strip()
    low = s.lower()
    if low in _GCJ_ALIASES:
        return GCJ02_CRS
    if low in ("wgs84", "wgs-84", "wgs 84"):
        return WGS84
    if low in ("cgcs2000", "cgcs-2000"):
        return CGCS2000
    m = re.fullmatch(r"(?:epsg:)?(\d{4,6})", low)
    if not m:
        raise UnknownCrs(ErrorCode.CRS_SYNTAX, text=text)
    return from_pyproj(f"EPSG:{m.group(1)}", original=text)


def from_pyproj(user_input: str, original: str | None = None) -> Crs:
    """A CRS declared by a file (EPSG code, WKT or PROJ string), checked with pyproj."""
    try:
        crs = _pyproj_crs(user_input)
    except pyproj.exceptions.CRSError:
        raise UnknownCrs(ErrorCode.CRS_UNKNOWN, text=original or user_input) from None
    epsg = crs.to_epsg(min_confidence=70)
    name = f"EPSG:{epsg}" if epsg else user_input
    label = f"{crs.name} (EPSG:{epsg})" if epsg else crs.name
    return Crs(name, label)


def same_crs(a: Crs, b: Crs) -> bool:
    if a.is_gcj02 or b.is_gcj02:
        return a.is_gcj02 == b.is_gcj02
    if a.name == b.name:
        return True
    if is_wgs84_like(a) and is_wgs84_like(b):
        return True
    return _pyproj_crs(a.name).equals(_pyproj_crs(b.name), ignore_axis_order=True)


def is_wgs84_like(c: Crs) -> bool:
    """Geographic WGS84 or CGCS2000 (identical at the centimetre level)."""
    return not c.is_gcj02 and c.epsg in (WGS84_EPSG, CGCS2000_EPSG, 4979, 4326)


def to_wgs84(x, y, crs: Crs) -> tuple[np.ndarray, np.ndarray]:
    """Convert coordinates in `crs` to WGS84 lon/lat arrays; refuses results off the globe."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if crs.is_gcj02:
        lon, lat = gcj02_to_wgs84(x, y)
    elif is_wgs84_like(crs):
        lon, lat = x, y
    else:
        lon, lat = _transformer(crs.name, f"EPSG:{WGS84_EPSG}").transform(x, y)
        lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    bad = ~(np.isfinite(lon) & np.isfinite(lat) & (np.abs(lon) <= 180) & (np.abs(lat) <= 90))
    if np.any(bad):
        raise BadGeoFile(ErrorCode.CRS_OUT_OF_RANGE, crs=crs.label)
    return lon, lat


def from_wgs84(lon, lat, crs: Crs) -> tuple[np.ndarray, np.ndarray]:
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    if crs.is_gcj02:
        return wgs84_to_gcj02(lon, lat)
    if is_wgs84_like(crs):
        return lon, lat
    x, y = _transformer(f"EPSG:{WGS84_EPSG}", crs.name).transform(lon, lat)
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


# ----- Gauss-Krüger zones ----------------------------------------------------------------
def gk_central_meridian(lon: float) -> int:
    """Central meridian of the 3-degree zone containing lon (75..135 for China)."""
    cm = round(float(lon) / 3.0) * 3
    return min(135, max(75, cm))


def gk_zone_epsg(lon: float) -> int:
    """EPSG code of CGCS2000 / 3-degree Gauss-Kruger CM <cm>E (no zone prefix): 4534..4554."""
    return 4534 + (gk_central_meridian(lon) - 75) // 3


def metric_crs_for(lons) -> Crs:
    """The Gauss-Krüger zone for a set of longitudes (their median), for distances in metres."""
    arr = np.asarray(lons, dtype=float)
    arr = arr[np.isfinite(arr)]
    centre = float(np.median(arr)) if arr.size else 111.0
    epsg = gk_zone_epsg(centre)
    label = Said(ErrorCode.CRS_GK_ZONE, cm=gk_central_meridian(centre), epsg=epsg)
    return Crs(f"EPSG:{epsg}", label.text("zh"), label.text("en"))


def to_metric(lon, lat, metric: Crs) -> tuple[np.ndarray, np.ndarray]:
    x, y = _transformer(f"EPSG:{WGS84_EPSG}", metric.name).transform(
        np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def guess_projected(x, y) -> str | Words | None:
    """For projected coordinates of a file without a CRS: a hint naming the likely zone.

    Zone-prefixed Gauss-Krüger eastings (zone × 1,000,000 + 500,000 ± …) tell the zone: numbers
    25–45 are 3-degree zones (EPSG 4513–4533), 13–23 are 6-degree zones (EPSG 4491–4501).
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.size == 0 or np.all((np.abs(x) <= 180) & (np.abs(y) <= 90)):
        return None
    zone = int(np.median(x) // 1_000_000)
    if 25 <= zone <= 45:
        return f"EPSG:{4513 + zone - 25}"
    if 13 <= zone <= 23:
        return f"EPSG:{4491 + zone - 13}"
    if 0 < np.median(x) < 1_000_000 and 0 < np.median(y) < 10_000_000:
        hint = ErrorCode.CRS_GK_WITHOUT_ZONE
        return Words(hint.text("zh"), hint.text("en"))
    return None


def looks_geographic(x, y) -> bool:
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    return bool(x.size) and bool(np.all((np.abs(x) <= 180) & (np.abs(y) <= 90)))

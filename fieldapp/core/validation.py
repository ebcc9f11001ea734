"""Validation rules shared by checklists, the register import and map input.

ID numbers and phone numbers live in `idcard` (re-exported here); this module adds coordinates.
Every `*_problem` function returns None when the value is fine, else a Chinese reason.
"""

from __future__ import annotations

import math

from .errors import BadValue
from .idcard import id_problem, phone_problem
from .messages import ErrorCode, Said

__all__ = [
    "coordinate_problem",
    "coordinate_said",
    "geopoint_problem",
    "geopoint_said",
    "id_problem",
    "in_china",
    "parse_geopoint",
    "phone_problem",
]

# Generous bounding box of China's territory (WGS84): coordinates outside it are almost
# certainly swapped, typed wrong or in a projected CRS.
CHINA_LON = (73.0, 135.5)
CHINA_LAT = (3.0, 54.0)


def in_china(lon: float, lat: float) -> bool:
    return CHINA_LON[0] <= lon <= CHINA_LON[1] and CHINA_LAT[0] <= lat <= CHINA_LAT[1]


def coordinate_said(lon: object, lat: object, *, china: bool = True) -> Said | None:
    """Check a WGS84 longitude/latitude pair (degrees): None, or the reason (a catalogue
    entry, in either language)."""
    try:
        x, y = float(lon), float(lat)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Said(ErrorCode.COORD_NOT_NUMBER, lon=lon, lat=lat)
    if not (math.isfinite(x) and math.isfinite(y)):
        return Said(ErrorCode.COORD_NOT_FINITE)
    if not (-180 <= x <= 180) or not (-90 <= y <= 90):
        if -90 <= x <= 90 and -180 <= y <= 180:
            return Said(ErrorCode.COORD_SWAPPED, x=x, y=y)
        return Said(ErrorCode.COORD_OUT_OF_RANGE, x=x, y=y)
    if china and not in_china(x, y):
        if in_china(y, x):
            return Said(ErrorCode.COORD_SWAPPED, x=x, y=y)
        return Said(ErrorCode.COORD_NOT_IN_CHINA, x=x, y=y)
    return None


def coordinate_problem(lon: object, lat: object, *, china: bool = True) -> str | None:
    """Check a WGS84 longitude/latitude pair (degrees): None or a Chinese reason."""
    said = coordinate_said(lon, lat, china=china)
    return None if said is None else str(said)


def parse_geopoint(text: str) -> tuple[float, float, float | None, float | None]:
    """ODK geopoint text "lat lon [altitude [accuracy]]" -> (lat, lon, alt, acc).

    Raises ValueError when it is not two to four numbers.
    """
    parts = str(text).replace(",", " ").replace("，", " ").split()
    if not 2 <= len(parts) <= 4:
        raise BadValue(ErrorCode.POSITION_FORMAT)
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        raise BadValue(ErrorCode.POSITION_NOT_NUMBER, text=text) from None
    if not all(math.isfinite(n) for n in nums):
        raise BadValue(ErrorCode.POSITION_NOT_FINITE)
    nums += [math.nan] * (4 - len(nums))
    alt = None if math.isnan(nums[2]) else nums[2]
    acc = None if math.isnan(nums[3]) else nums[3]
    return nums[0], nums[1], alt, acc


def geopoint_said(text: str, *, china: bool = True) -> Said | None:
    """Check an ODK geopoint answer ("lat lon [alt [acc]]"): None, or the reason (a catalogue
    entry, in either language)."""
    try:
        lat, lon, _alt, acc = parse_geopoint(text)
    except BadValue as exc:
        assert exc.entry is not None  # parse_geopoint raises catalogue entries only
        return Said(exc.entry, **exc.params)
    if acc is not None and acc < 0:
        return Said(ErrorCode.POSITION_ACCURACY)
    return coordinate_said(lon, lat, china=china)


def geopoint_problem(text: str, *, china: bool = True) -> str | None:
    """Check an ODK geopoint answer: None or a Chinese reason."""
    said = geopoint_said(text, china=china)
    return None if said is None else str(said)

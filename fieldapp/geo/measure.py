"""Distances on the ground for the map's measuring tool (geodesic, WGS84 ellipsoid)."""

from __future__ import annotations

from collections.abc import Sequence

import pyproj

_GEOD = pyproj.Geod(ellps="WGS84")


def path_length_m(lons: Sequence[float], lats: Sequence[float]) -> float:
    """Length in metres of the polyline through the given points (0 for fewer than two)."""
    if len(lons) < 2:
        return 0.0
    return float(_GEOD.line_length(list(lons), list(lats)))


def format_distance(metres: float) -> str:
    if metres < 1000:
        return f"{metres:.1f} m" if metres < 100 else f"{metres:.0f} m"
    return f"{metres / 1000:.2f} km"


def polygon_area_m2(lons: Sequence[float], lats: Sequence[float]) -> float:
    """Area in square metres of the polygon through the given points (0 for fewer than three)."""
    if len(lons) < 3:
        return 0.0
    area, _perimeter = _GEOD.polygon_area_perimeter(list(lons), list(lats))
    return abs(float(area))

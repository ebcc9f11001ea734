"""Web-Mercator tile arithmetic for the offline basemap (no Qt, no SQL).

The map view draws in Web-Mercator metres (EPSG:3857), the projection of every raster tile set,
so a basemap tile is placed exactly without resampling. Zoom level z has 2^z × 2^z tiles of 256
pixels; XYZ row 0 is at the north, TMS row 0 (the MBTiles default) at the south.
"""

from __future__ import annotations

import math

import numpy as np

R = 6378137.0
HALF = math.pi * R  # 20037508.34 m: half the width of the Mercator world square
TILE = 256
MAX_LAT = 85.05112878


def lonlat_to_mercator(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    lon = np.asarray(lon, dtype=float)
    lat = np.clip(np.asarray(lat, dtype=float), -MAX_LAT, MAX_LAT)
    x = np.radians(lon) * R
    y = np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) * R
    return x, y


def mercator_to_lonlat(x, y) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    lon = np.degrees(x / R)
    lat = np.degrees(2 * np.arctan(np.exp(y / R)) - np.pi / 2)
    return lon, lat


def resolution(z: int) -> float:
    """Metres per pixel of zoom level z at the equator."""
    return 2 * HALF / (TILE * (1 << z))


def zoom_for(metres_per_pixel: float, minzoom: int = 0, maxzoom: int = 22) -> int:
    """The tile zoom level whose pixels best match the view's, clamped to what the file has.

    Rounds in log space, so tiles are drawn between 0.71× and 1.41× their size.
    """
    if metres_per_pixel <= 0 or not math.isfinite(metres_per_pixel):
        return maxzoom
    z = round(math.log2(2 * HALF / (TILE * metres_per_pixel)))
    return int(min(maxzoom, max(minzoom, z)))


def tms_row(z: int, y: int) -> int:
    """XYZ row -> TMS row (the same flip both ways)."""
    return (1 << z) - 1 - y


def tiles_covering(xmin: float, ymin: float, xmax: float, ymax: float,
                   z: int) -> list[tuple[int, int, int]]:
    """XYZ addresses (z, x, y) of tiles overlapping a Mercator rectangle."""
    n = 1 << z
    size = 2 * HALF / n
    x0 = max(0, math.floor((xmin + HALF) / size))
    x1 = min(n - 1, math.floor((xmax + HALF) / size))
    y0 = max(0, math.floor((HALF - ymax) / size))
    y1 = min(n - 1, math.floor((HALF - ymin) / size))
    return [(z, x, y) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)]


def tile_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """Mercator (xmin, ymin, xmax, ymax) of XYZ tile (z, x, y)."""
    size = 2 * HALF / (1 << z)
    xmin = -HALF + x * size
    ymax = HALF - y * size
    return xmin, ymax - size, xmin + size, ymax


def ground_scale(lat: float) -> float:
    """True metres per Mercator metre at a latitude (cos φ)."""
    return math.cos(math.radians(lat))


def nice_length(max_metres: float) -> float:
    """The largest 1/2/5 × 10^k length not above max_metres (for a scale bar)."""
    if max_metres <= 0:
        return 0.0
    exp = 10 ** math.floor(math.log10(max_metres))
    for m in (5, 2, 1):
        if m * exp <= max_metres:
            return m * exp
    return exp

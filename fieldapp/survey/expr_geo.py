"""ODK's geo functions on answers in ODK's text ("lat lon alt accuracy;…"): area() of a geoshape
in square metres and distance() along a geotrace (or between geopoints) in metres, on a sphere of
JavaRosa's radius (GeoUtils), so the figures match ODK Collect's."""

from __future__ import annotations

import math
from typing import Any

from .expr_values import flatten, to_string

EARTH_RADIUS = 6_378_100.0  # metres, as JavaRosa's GeoUtils
_CIRCUMFERENCE = 2 * math.pi * EARTH_RADIUS


def points(*values: Any) -> list[tuple[float, float]]:
    """(lat, lon) of every vertex in the values (node-sets spread); unreadable vertices skipped."""
    out: list[tuple[float, float]] = []
    for value in flatten(values):
        for vertex in to_string(value).split(";"):
            parts = vertex.split()
            try:
                lat, lon = float(parts[0]), float(parts[1])
            except (IndexError, ValueError):
                continue
            if math.isfinite(lat) and math.isfinite(lon):
                out.append((lat, lon))
    return out


def area(*values: Any) -> float:
    """The area enclosed by the vertices, in m²: each vertex projected around the first one
    (metres north and east at its latitude), then the shoelace formula, as JavaRosa."""
    vertices = points(*values)
    if len(vertices) < 3:
        return 0.0
    lat0, lon0 = vertices[0]
    xy = [((lon - lon0) * _CIRCUMFERENCE * math.cos(math.radians(lat)) / 360.0,
           (lat - lat0) * _CIRCUMFERENCE / 360.0) for lat, lon in vertices[1:]]
    return abs(math.fsum((y1 * x2 - x1 * y2) / 2 for (x1, y1), (x2, y2) in zip(xy, xy[1:])))


def distance(*values: Any) -> float:
    """The length of the path through the vertices, in metres (great circles)."""
    vertices = points(*values)
    return math.fsum(_great_circle(a, b) for a, b in zip(vertices, vertices[1:]))


def _great_circle(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + \
        math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS * math.asin(min(1.0, math.sqrt(h)))

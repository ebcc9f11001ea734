"""geotrace and geoshape answers in ODK's text form: points "lat lon alt acc" joined by ";".

A geoshape is a closed ring: its last point repeats the first (added when it is missing), and it
needs at least three different points; a geotrace needs two. At most MAX_TRACE_VERTICES points
are kept (docs/limits.md). Points placed on a map have no altitude or accuracy: 0 and 0, as ODK
Collect writes for points placed by hand.
"""

from __future__ import annotations

from collections.abc import Sequence

from fieldapp.core.errors import BadValue
from fieldapp.core.messages import ErrorCode, Said
from fieldapp.core.validation import coordinate_said, parse_geopoint

MAX_TRACE_VERTICES = 1000
MIN_TRACE_POINTS = 2
MIN_SHAPE_POINTS = 3

Point = tuple[float, float, float, float]  # lat, lon, altitude, accuracy


def parse_trace(text: str, closed: bool = False) -> list[Point]:
    """The points of a geotrace (closed=False) or geoshape (closed=True) answer, checked;
    BadValue (naming the point) when it cannot be used. A shape comes back closed."""
    return check_points(parse_points(text, closed), closed)


def parse_points(text: str, closed: bool = False) -> list[Point]:
    """Each point of ODK's text, its coordinates checked (not yet their number)."""
    parts = [p for p in str(text).replace("\n", ";").split(";") if p.strip()]
    if len(parts) > MAX_TRACE_VERTICES + (1 if closed else 0):
        raise BadValue(ErrorCode.TRACE_TOO_MANY, count=len(parts), limit=MAX_TRACE_VERTICES)
    points: list[Point] = []
    for number, part in enumerate(parts, 1):
        try:
            lat, lon, alt, acc = parse_geopoint(part)
        except BadValue as exc:
            raise BadValue(ErrorCode.TRACE_POINT, number=number,
                           problem=Said(exc.entry, **exc.params) if exc.entry else exc.message
                           ) from None
        said = coordinate_said(lon, lat)
        if said is not None:
            raise BadValue(ErrorCode.TRACE_POINT, number=number, problem=said)
        points.append((lat, lon, alt or 0.0, acc or 0.0))
    return points


def check_points(points: Sequence[Point], closed: bool) -> list[Point]:
    """Enough points for a line or a shape (a shape closed by repeating its first point)."""
    points = list(points)
    if not closed:
        if len(points) < MIN_TRACE_POINTS:
            raise BadValue(ErrorCode.TRACE_TOO_FEW, minimum=MIN_TRACE_POINTS, count=len(points))
        return points
    distinct = len({(p[0], p[1]) for p in points})
    if distinct < MIN_SHAPE_POINTS:
        raise BadValue(ErrorCode.SHAPE_TOO_FEW, minimum=MIN_SHAPE_POINTS, count=distinct)
    if points[0][:2] != points[-1][:2]:
        points.append(points[0])
    return points


def _number(x: float) -> str:
    return f"{x:.7f}".rstrip("0").rstrip(".") or "0"


def format_trace(points: Sequence[Point]) -> str:
    """ODK's text: "lat lon alt acc;lat lon alt acc;…"."""
    return ";".join(" ".join(_number(v) for v in p) for p in points)


def trace_answer(text: str, closed: bool) -> str:
    """The stored answer for a typed, pasted or drawn geotrace/geoshape."""
    return format_trace(parse_trace(text, closed))


def lonlats(text: str | None) -> list[tuple[float, float]]:
    """(lon, lat) of each point of a stored answer, [] when there is none or it is unreadable
    (a shape keeps its closing point)."""
    if not text:
        return []
    try:
        return [(p[1], p[0]) for p in parse_points(text, closed=True)]
    except BadValue:
        return []

"""Place or move one household: a change-logged, audited update of its WGS84 lon/lat."""

from __future__ import annotations

import math

import numpy as np
import shapely

from fieldapp.core.messages import ErrorCode
from fieldapp.store.geo import queries as geo_queries

from .checks import OUTSIDE_TOLERANCE_M
from .crs import metric_crs_for, to_metric
from .errors import GeoError

DECIMALS = 7


def set_household_position(store, uuid: str, lon: float | None, lat: float | None,
                           user: str | None = None, outside_m: float | None = None,
                           ) -> tuple[float | None, float | None, float | None]:
    """Write the position (None, None = unlocated) and, when the surveyor confirmed placing it
    outside its village, that distance (metres); returns the previous (lon, lat, outside_m) for
    undo. The flag travels with the position: one edit, one conflict topic."""
    before = geo_queries.household_placement(store, uuid)
    if before is None:
        raise GeoError(ErrorCode.HOUSEHOLD_NOT_FOUND, uuid=uuid)
    if (lon is None) != (lat is None):
        raise GeoError(ErrorCode.LON_LAT_PAIR)
    if lon is not None and lat is not None:
        if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180
                and -90 <= lat <= 90):
            raise GeoError(ErrorCode.LON_LAT_RANGE, lon=lon, lat=lat)
        lon, lat = round(float(lon), DECIMALS), round(float(lat), DECIMALS)
    if lon is None or outside_m is None or not math.isfinite(outside_m):
        outside_m = None
    else:
        outside_m = round(max(0.0, float(outside_m)), 1)
    with store.write(user) as w:
        w.update("households", uuid, {"lon": lon, "lat": lat, "outside_confirmed_m": outside_m})
    return before


def outside_own_village(store, uuid: str, lon: float, lat: float,
                        tolerance_m: float = OUTSIDE_TOLERANCE_M) -> float | None:
    """How far (metres) a point lies outside the household's village boundary; None when it is
    inside (within the tolerance the spatial checks use) or the village has no boundary."""
    found = geo_queries.map_household(store, uuid)
    text = geo_queries.boundary(store, found[2]) if found else None
    if not text:
        return None
    poly = shapely.from_geojson(text)
    if shapely.contains_xy(poly, lon, lat):
        return None
    metric = metric_crs_for(np.array([lon]))
    mpoly = shapely.transform(poly, lambda c: np.column_stack(to_metric(c[:, 0], c[:, 1], metric)))
    px, py = to_metric(np.array([lon]), np.array([lat]), metric)
    distance = float(shapely.distance(mpoly, shapely.points(px[0], py[0])))
    return distance if distance >= tolerance_m else None

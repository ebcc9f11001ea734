"""Place or move one household: a change-logged, audited update of its WGS84 lon/lat."""

from __future__ import annotations

import math

from fieldapp.core.messages import ErrorCode
from fieldapp.store.geo import queries as geo_queries

from .errors import GeoError

DECIMALS = 7


def set_household_position(store, uuid: str, lon: float | None, lat: float | None,
                           user: str | None = None) -> tuple[float | None, float | None]:
    """Write the position (None, None = unlocated); returns the previous one (for undo)."""
    before = geo_queries.household_position(store, uuid)
    if before is None:
        raise GeoError(ErrorCode.HOUSEHOLD_NOT_FOUND, uuid=uuid)
    if (lon is None) != (lat is None):
        raise GeoError(ErrorCode.LON_LAT_PAIR)
    if lon is not None and lat is not None:
        if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180
                and -90 <= lat <= 90):
            raise GeoError(ErrorCode.LON_LAT_RANGE, lon=lon, lat=lat)
        lon, lat = round(float(lon), DECIMALS), round(float(lat), DECIMALS)
    with store.write(user) as w:
        w.update("households", uuid, {"lon": lon, "lat": lat})
    return before

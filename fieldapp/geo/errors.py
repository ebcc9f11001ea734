"""Errors of the map layer: bad geometry files, unknown coordinate systems, cancelled jobs."""

from __future__ import annotations

from fieldapp.core.errors import FieldappError


class GeoError(FieldappError):
    code = "geo"


class UnknownCrs(GeoError):
    code = "unknown_crs"


class BadGeoFile(GeoError):
    code = "bad_geo_file"

"""The shipped division lists and boundaries of the programme areas (resources/data, from NBS 2023
and AMap; see resources/data/SOURCES.md)."""

from __future__ import annotations

import csv
import json

from fieldapp.core.divisions import normalize_code
from fieldapp.core.errors import BadValue
from fieldapp.core.messages import ErrorCode
from fieldapp.core.paths import data_file

COUNTIES = {"140824": "稷山县", "330411": "秀洲区"}


def load_divisions(county: str) -> list[dict]:
    """County, townships and villages as dicts (code 12-digit, name, level, parent_code, unit_type)."""
    if county[:6] not in COUNTIES:
        raise BadValue(ErrorCode.UNKNOWN_COUNTY, county=county, available=", ".join(COUNTIES))
    with open(data_file(f"villages_{county[:6]}.csv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for r in rows:
        level = {"county": "county", "town": "township", "village": "village"}[r["level"]]
        parent = None if level == "county" else normalize_code(r["parent_code"])
        out.append(dict(code=normalize_code(r["code"]), name=r["name"], level=level,
                        parent_code=parent, unit_type=r["unit_type"]))
    return out


def load_boundary_geojson(county: str) -> dict:
    """The county boundary in WGS84 as a GeoJSON geometry dict."""
    with open(data_file(f"boundary_{county[:6]}.wgs84.geojson"), encoding="utf-8") as fh:
        return json.load(fh)["features"][0]["geometry"]

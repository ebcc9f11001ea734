"""Export the map: a households layer (points: status, reason, village), a villages layer
(polygons: coverage rate and counts) and, when any are located, a facilities layer (service
stations, agency points and emergency-broadcast terminals with their state) as a GeoPackage 1.3 (which GDAL 3.6 / QGIS read cleanly) or
as GeoJSON (RFC 7946: households in FILE.geojson, villages beside it in FILE.villages.geojson).

No names, phone numbers or ID numbers go into map files. Files are written under a temporary name
and renamed when complete, so a cancel or an error never leaves a half-written file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from fieldapp.core.messages import ErrorCode
from fieldapp.core.private_files import make_private
from fieldapp.core.paths import fsync_file
from fieldapp.core.progress import Cancelled, Progress
from fieldapp.core.status import REASON_LABELS_ZH, STATUS_LABELS_ZH, STATUSES
from .errors import GeoError
from fieldapp.core.facilities import KIND_LABELS_ZH, TERMINAL
from fieldapp.core.facilities import STATUS_LABELS_ZH as STATUS_LABELS
from fieldapp.store.facilities import list_facilities, located
from fieldapp.store.geo import queries as geo_queries
from fieldapp.store.households import queries

EXPORT_SUFFIXES = (".gpkg", ".geojson")


LAYERS = ("households", "villages", "facilities")


def export_paths(path: str | Path, layer: str | None = None,
                 facilities: bool = False) -> dict[str, Path]:
    """Which files an export to `path` writes, per layer (`facilities`: the database holds
    located service points or terminals)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise GeoError(ErrorCode.GEO_EXPORT_TYPE, where=str(p))
    layers = [layer] if layer else ["households", "villages"] + (["facilities"] * facilities)
    if suffix == ".gpkg":
        return {name: p for name in layers}
    if layer:
        return {layer: p}
    return {name: p if name == "households" else p.with_name(f"{p.stem}.{name}.geojson")
            for name in layers}


def export_map(store, path: str | Path, *, layer: str | None = None,
               progress: Progress | None = None) -> dict[str, Any]:
    if layer is not None and layer not in LAYERS:
        raise GeoError(ErrorCode.GEO_EXPORT_LAYER, layer=layer)
    targets = export_paths(path, layer, facilities=bool(located(store)))
    p = Path(path)
    if not p.parent.exists():
        raise GeoError(ErrorCode.OUTPUT_FOLDER_MISSING_GEO, where=str(p.parent))
    names = {code: (name, level, parent) for code, name, level, parent in geo_queries.areas(store)}
    layers: dict[str, tuple[np.ndarray, dict[str, list], str]] = {}
    if "households" in targets:
        layers["households"] = _households(store, names)
    _tick(progress, 1, 3)
    if "villages" in targets:
        layers["villages"] = _villages(store, names)
    if "facilities" in targets:
        layers["facilities"] = _facilities(store)
    _tick(progress, 2, 3)
    counts = {name: len(data[0]) for name, data in layers.items()}
    temps: list[tuple[Path, Path]] = []
    try:
        if p.suffix.lower() == ".gpkg":
            tmp = _temp_name(p)
            tmp.unlink(missing_ok=True)
            with _unsynced():
                for i, (name, (geoms, fields, gtype)) in enumerate(layers.items()):
                    _write(tmp, name, geoms, fields, gtype, "GPKG", append=i > 0,
                           dataset_options={"VERSION": "1.3"} if i == 0 else None)
            temps.append((tmp, p))
        else:
            for name, (geoms, fields, gtype) in layers.items():
                final = targets[name]
                tmp = _temp_name(final)
                tmp.unlink(missing_ok=True)
                _write(tmp, name, geoms, fields, gtype, "GeoJSON",
                       layer_options={"RFC7946": "YES", "COORDINATE_PRECISION": "7",
                                      "WRITE_NAME": "NO"})
                temps.append((tmp, final))
        _tick(progress, 3, 3)
        for tmp, final in temps:
            make_private(tmp)  # GDAL makes its own file: owner-only before it is in place
            fsync_file(tmp)
            os.replace(tmp, final)
    except BaseException:
        for final in {p, *targets.values()}:
            _temp_name(final).unlink(missing_ok=True)
        raise
    return {"files": [str(f) for f in dict.fromkeys(targets.values())], "counts": counts}


def _households(store, names) -> tuple[Any, dict[str, list], str]:
    rows = geo_queries.households_for_export(store)
    cols = list(zip(*rows)) if rows else [() for _ in range(8)]
    uuid, village, group, status, reason, last, lon, lat = cols
    town = [v[:9] + "000" for v in village]
    name_of = {code: names.get(code, ("",))[0] for code in {*village, *town}}
    fields = {
        "household_id": list(uuid),
        "village_code": list(village),
        "village_name": list(map(name_of.__getitem__, village)),
        "township_code": town,
        "township_name": list(map(name_of.__getitem__, town)),
        "group_no": list(group),
        "status": list(status),
        "status_label": list(map(STATUS_LABELS_ZH.get, status, status)),
        "status_reason": list(reason),
        "reason_label": list(map(REASON_LABELS_ZH.get, reason, reason)),
        "last_visit_at": list(last),
    }
    return _point_wkb(lon, lat), fields, "Point"


def _facilities(store) -> tuple[Any, dict[str, list], str]:
    """Service stations, agency points and terminals (no contact names or phone numbers)."""
    rows = [r for r in list_facilities(store) if r["lon"] is not None and r["lat"] is not None]
    col = {k: [r[k] for r in rows] for k in ("uuid", "kind", "township_code", "township_name",
                                             "village_code", "village_name", "name", "status")}
    fields = {
        "facility_id": col["uuid"], "kind": col["kind"],
        "kind_label": [KIND_LABELS_ZH.get(k, k) for k in col["kind"]],
        "township_code": col["township_code"], "township_name": col["township_name"],
        "village_code": col["village_code"], "village_name": col["village_name"],
        "name": col["name"], "status": col["status"],
        "status_label": [STATUS_LABELS.get(s or "", s) if k == TERMINAL else ""
                         for k, s in zip(col["kind"], col["status"])],
    }
    return _point_wkb([r["lon"] for r in rows], [r["lat"] for r in rows]), fields, "Point"


_WKB_POINT = np.dtype([("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])


def _point_wkb(lon, lat):
    """The points as an Arrow binary array of little-endian WKB, built in numpy (21 bytes each,
    one buffer) rather than one geometry object per household."""
    import nanoarrow as na

    n = len(lon)
    pts = np.empty(n, dtype=_WKB_POINT)
    pts["order"], pts["type"] = 1, 1
    pts["x"], pts["y"] = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    offsets = np.arange(n + 1, dtype=np.int32) * _WKB_POINT.itemsize
    return na.c_array_from_buffers(na.binary(), n, [None, offsets, pts.view(np.uint8)])


def _villages(store, names) -> tuple[np.ndarray, dict[str, list], str]:
    tree = queries.area_tree(store)
    villages = [v for t in (tree.children if tree else []) for v in t.children]
    shapes = {code: text for code, _n, _l, _p, text in geo_queries.boundaries(store, level="village")}
    unlocated = {code: n for code, _name, n, _total in geo_queries.unlocated_by_village(store)}
    geoms = []
    for v in villages:
        text = shapes.get(v.code)
        if text:
            g = shapely.from_geojson(text)
            g = g if g.geom_type == "MultiPolygon" else shapely.multipolygons(
                [p for p in shapely.get_parts(g) if p.geom_type == "Polygon"])
            geoms.append(shapely.to_wkb(g))
        else:
            geoms.append(None)
    fields: dict[str, list] = {
        "code": [v.code for v in villages],
        "name": [v.name for v in villages],
        "township_code": [v.parent_code for v in villages],
        "township_name": [names.get(v.parent_code, ("",))[0] for v in villages],
        "households": [v.households for v in villages],
        "counted": [v.counted for v in villages],
        "coverage": [None if v.coverage is None else round(v.coverage, 4) for v in villages],
    }
    for s in STATUSES:
        fields[s] = [v.counts.get(s, 0) for v in villages]
    fields["unlocated"] = [unlocated.get(v.code, 0) for v in villages]
    return np.asarray(geoms, dtype=object), fields, "MultiPolygon"


def _write(path: Path, layer: str, geoms, fields: dict[str, list], gtype: str,
           driver: str, append: bool = False, **options) -> None:
    """One layer in one pyogrio call, columnar (Arrow): no Python work per feature."""
    import nanoarrow as na
    from pyogrio import raw

    if not hasattr(geoms, "__arrow_c_array__"):  # WKB bytes (or None) per feature
        geoms = na.c_array([None if g is None else bytes(g) for g in geoms], na.binary())
    columns = {name: _column(values) for name, values in fields.items()} | {"geom": geoms}
    table = na.c_array_from_buffers(
        na.struct({name: na.Schema(col.schema) for name, col in columns.items()}),
        len(geoms), [None], children=list(columns.values()))
    try:
        raw.write_arrow(na.c_array_stream(table), str(path), layer=layer, driver=driver,
                        geometry_name="geom", geometry_type=gtype, crs="EPSG:4326",
                        encoding="UTF-8", append=append,
                        **{k: v for k, v in options.items() if v})
    except Exception as exc:  # noqa: BLE001 - GDAL write errors (disk full, permissions) vary
        raise GeoError(ErrorCode.GEO_WRITE_FAILED, where=str(path),
                       reason=str(exc).splitlines()[0] if str(exc) else exc) from None


def _column(values: list):
    """An Arrow array of one attribute: integers, reals (None: null) or text (None: null)."""
    import nanoarrow as na

    kinds = set(map(type, values))
    if kinds <= _TEXT:
        return na.c_array(values, na.string())
    if values and all(isinstance(x, (int, np.integer)) for x in values):
        return na.c_array([int(x) for x in values], na.int64())
    if values and kinds <= _REAL:
        return na.c_array(values, na.float64())
    return na.c_array([x if x is None or isinstance(x, str) else str(x) for x in values],
                      na.string())


_TEXT = frozenset({str, type(None)})
_REAL = frozenset({float, type(None)})


@contextmanager
def _unsynced() -> Iterator[None]:
    """GDAL's SQLite writes without an fsync per transaction while it builds the temporary
    GeoPackage: nobody else sees that file, and it is synced once before its rename."""
    from pyogrio import get_gdal_config_option, set_gdal_config_options

    before = get_gdal_config_option("OGR_SQLITE_SYNCHRONOUS")
    set_gdal_config_options({"OGR_SQLITE_SYNCHRONOUS": "OFF"})
    try:
        yield
    finally:
        set_gdal_config_options({"OGR_SQLITE_SYNCHRONOUS": before})


def _temp_name(final: Path) -> Path:
    return final.with_name(f".{final.stem}.part{final.suffix}")


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise Cancelled(ErrorCode.CANCELLED_EXPORT)

"""Export the map: a households layer (points: status, reason, village) and a villages layer
(polygons: coverage rate and counts) as a GeoPackage 1.3 (which GDAL 3.6 / QGIS read cleanly) or
as GeoJSON (RFC 7946: households in FILE.geojson, villages beside it in FILE.villages.geojson).

No names, phone numbers or ID numbers go into map files. Files are written under a temporary name
and renamed when complete, so a cancel or an error never leaves a half-written file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from fieldapp.core.messages import ErrorCode
from fieldapp.core.private_files import make_private
from fieldapp.core.progress import Cancelled, Progress
from fieldapp.core.status import REASON_LABELS_ZH, STATUS_LABELS_ZH, STATUSES
from .errors import GeoError
from fieldapp.store.geo import queries as geo_queries
from fieldapp.store.households import queries

EXPORT_SUFFIXES = (".gpkg", ".geojson")


def export_paths(path: str | Path, layer: str | None = None) -> dict[str, Path]:
    """Which files an export to `path` writes, per layer."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise GeoError(ErrorCode.GEO_EXPORT_TYPE, where=str(p))
    layers = [layer] if layer else ["households", "villages"]
    if suffix == ".gpkg":
        return {name: p for name in layers}
    if layer:
        return {layer: p}
    return {"households": p, "villages": p.with_name(p.stem + ".villages.geojson")}


def export_map(store, path: str | Path, *, layer: str | None = None,
               progress: Progress | None = None) -> dict[str, Any]:
    if layer not in (None, "households", "villages"):
        raise GeoError(ErrorCode.GEO_EXPORT_LAYER, layer=layer)
    targets = export_paths(path, layer)
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
    _tick(progress, 2, 3)
    counts = {name: len(data[0]) for name, data in layers.items()}
    temps: list[tuple[Path, Path]] = []
    try:
        if p.suffix.lower() == ".gpkg":
            tmp = _temp_name(p)
            tmp.unlink(missing_ok=True)
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
            os.replace(tmp, final)
    except BaseException:
        for final in {p, *targets.values()}:
            _temp_name(final).unlink(missing_ok=True)
        raise
    return {"files": [str(f) for f in dict.fromkeys(targets.values())], "counts": counts}


def _households(store, names) -> tuple[np.ndarray, dict[str, list], str]:
    rows = geo_queries.households_for_export(store)
    cols = list(zip(*rows)) if rows else [[] for _ in range(8)]
    uuid, village, group, status, reason, last, lon, lat = cols
    geoms = shapely.to_wkb(shapely.points(np.array(lon, dtype=float), np.array(lat, dtype=float)))
    town = [v[:9] + "000" for v in village]
    fields = {
        "household_id": list(uuid),
        "village_code": list(village),
        "village_name": [names.get(v, ("",))[0] for v in village],
        "township_code": town,
        "township_name": [names.get(t, ("",))[0] for t in town],
        "group_no": list(group),
        "status": list(status),
        "status_label": [STATUS_LABELS_ZH.get(s, s) for s in status],
        "status_reason": list(reason),
        "reason_label": [REASON_LABELS_ZH.get(r, r) for r in reason],
        "last_visit_at": list(last),
    }
    return np.asarray(geoms, dtype=object), fields, "Point"


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


def _write(path: Path, layer: str, geoms: np.ndarray, fields: dict[str, list], gtype: str,
           driver: str, append: bool = False, **options) -> None:
    from pyogrio import raw

    arrays, masks = [], []
    for values in fields.values():
        if values and all(isinstance(x, (int, np.integer)) for x in values):
            arrays.append(np.asarray(values, dtype=np.int64))
            masks.append(None)
        elif values and all(x is None or isinstance(x, float) for x in values):
            arr = np.array([np.nan if x is None else x for x in values], dtype=float)
            arrays.append(arr)
            masks.append(None)
        else:
            arrays.append(np.array(["" if x is None else str(x) for x in values], dtype=object))
            masks.append(np.array([x is None for x in values], dtype=bool))
    try:
        raw.write(str(path), geoms, arrays, list(fields), field_mask=masks, layer=layer,
                  driver=driver, geometry_type=gtype, crs="EPSG:4326", encoding="UTF-8",
                  append=append, **{k: v for k, v in options.items() if v})
    except Exception as exc:  # noqa: BLE001 - GDAL write errors (disk full, permissions) vary
        raise GeoError(ErrorCode.GEO_WRITE_FAILED, where=str(path),
                       reason=str(exc).splitlines()[0] if str(exc) else exc) from None


def _temp_name(final: Path) -> Path:
    return final.with_name(f".{final.stem}.part{final.suffix}")


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise Cancelled(ErrorCode.CANCELLED_EXPORT)

"""Read geometry files into plain features: GeoJSON (parsed here, so its CRS hints are seen),
zipped or plain Shapefile, GeoPackage and KML/KMZ (through pyogrio/GDAL).

A feature is its properties, its shapely geometry in the file's own coordinates, and a label
for messages, a Said ("第 3 个要素", "图层 villages 第 3 个要素"; "feature 3" in English). The declared CRS is None when the file
states none (a Shapefile without .prj, a GeoJSON without a "crs" member).
"""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from fieldapp.core.messages import ErrorCode, Said
from fieldapp.core import jsonguard
from fieldapp.core.zipguard import MIB, InputTooLarge, check_size

from .crs import GCJ02_CRS, WGS84, Crs, from_pyproj
from .errors import BadGeoFile, UnknownCrs

# docs/limits.md: GeoJSON is parsed whole (about six times its size in memory); GDAL formats are
# read feature by feature.
MAX_GEOJSON_BYTES = 64 * MIB
MAX_GEO_FILE_BYTES = 256 * MIB
BOUNDARY_SUFFIXES = (".geojson", ".json", ".zip", ".shp", ".gpkg", ".kml", ".kmz")


@dataclass
class Feature:
    props: dict[str, Any]
    geometry: BaseGeometry | None
    label: Said  # which feature, for messages in either language


@dataclass
class GeoFile:
    path: Path
    features: list[Feature]
    declared: Crs | None  # stated by the file
    implied: Crs | None = None  # what the format implies without stating it (GeoJSON: WGS84)
    notes: list[Said] = field(default_factory=list)


def read_geo_file(path: str | Path) -> GeoFile:
    p = Path(path)
    if not p.exists():
        raise BadGeoFile(ErrorCode.FILE_MISSING, where=str(p))
    if p.is_dir():
        raise BadGeoFile(ErrorCode.INPUT_IS_FOLDER, where=str(p))
    suffix = p.suffix.lower()
    limit = MAX_GEOJSON_BYTES if suffix in (".geojson", ".json") else MAX_GEO_FILE_BYTES
    try:
        check_size(p.stat().st_size, limit, str(p))
    except InputTooLarge as exc:
        raise BadGeoFile(exc.entry, where=str(p), **exc.params) from None
    try:
        if suffix in (".geojson", ".json"):
            return _read_geojson(p)
        if suffix in (".zip", ".kmz"):
            return _read_zip(p)
        if suffix in (".shp", ".gpkg", ".kml"):
            return _read_ogr(p, str(p))
    except (BadGeoFile, UnknownCrs):
        raise
    except Exception as exc:  # noqa: BLE001 - GDAL errors on broken files come in many types
        raise BadGeoFile(ErrorCode.GEO_UNREADABLE, reason=_short(exc), where=str(p)) from None
    raise BadGeoFile(ErrorCode.GEO_FILE_TYPE, where=str(p))


# ----- GeoJSON ---------------------------------------------------------------------------
def _read_geojson(p: Path) -> GeoFile:
    raw = p.read_bytes()
    try:
        doc = jsonguard.loads(raw.decode("utf-8-sig"), member=p.name, where=str(p))
    except UnicodeDecodeError:
        try:
            doc = jsonguard.loads(raw.decode("gbk"), member=p.name, where=str(p))
        except (UnicodeDecodeError, ValueError):
            raise BadGeoFile(ErrorCode.GEO_JSON_ENCODING, where=str(p)) from None
    except jsonguard.TooDeep as exc:
        raise BadGeoFile(exc.entry, where=str(p), **exc.params) from None
    except ValueError as exc:
        raise BadGeoFile(ErrorCode.GEO_JSON_SYNTAX, reason=exc, where=str(p)) from None
    if not isinstance(doc, dict) or "type" not in doc:
        raise BadGeoFile(ErrorCode.GEO_NOT_GEOJSON, where=str(p))
    if doc["type"] == "FeatureCollection":
        items = doc.get("features")
        if not isinstance(items, list):
            raise BadGeoFile(ErrorCode.GEO_FEATURES_NOT_LIST, where=str(p))
    elif doc["type"] == "Feature":
        items = [doc]
    else:
        items = [{"type": "Feature", "properties": {}, "geometry": doc}]
    declared = _geojson_crs(doc, p)
    features = []
    for i, item in enumerate(items, 1):
        label = Said(ErrorCode.MAP_FEATURE, file="", layer="", number=i)
        if not isinstance(item, dict):
            raise BadGeoFile(ErrorCode.GEO_FEATURE_NOT_OBJECT, number=i, where=str(p))
        props = item.get("properties") or {}
        if declared is None and _says_gcj(props.get("coordinate_system")):
            declared = GCJ02_CRS
        geom = None
        if item.get("geometry"):
            try:
                with warnings.catch_warnings():  # NaN vertices are refused by the importer
                    warnings.simplefilter("ignore", RuntimeWarning)
                    geom = shape(item["geometry"])
            except Exception as exc:  # noqa: BLE001 - shapely raises several types
                raise BadGeoFile(ErrorCode.GEO_FEATURE_INVALID, number=i, reason=_short(exc),
                                 where=str(p)) from None
        features.append(Feature(dict(props), geom, label))
    return GeoFile(p, features, declared, implied=WGS84)


def _geojson_crs(doc: dict, p: Path) -> Crs | None:
    cs = doc.get("coordinate_system")
    if cs is not None:
        if _says_gcj(cs):
            return GCJ02_CRS
        if str(cs).upper().replace("-", "").replace(" ", "") in ("WGS84", "EPSG:4326"):
            return WGS84
    crs = doc.get("crs")
    if isinstance(crs, dict):
        name = (crs.get("properties") or {}).get("name")
        if name:
            try:
                return from_pyproj(str(name))
            except UnknownCrs:
                raise UnknownCrs(ErrorCode.GEO_CRS_UNREADABLE, name=name, where=str(p)) from None
    return None


def _says_gcj(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower().replace("-", "") in ("gcj02", "gcj")


# ----- GDAL formats ----------------------------------------------------------------------
def _read_zip(p: Path) -> GeoFile:
    try:
        with zipfile.ZipFile(p) as z:
            names = z.namelist()
    except zipfile.BadZipFile:
        raise BadGeoFile(ErrorCode.GEO_NOT_ZIP, where=str(p)) from None
    if p.suffix.lower() == ".kmz":
        kml = [n for n in names if n.lower().endswith(".kml")]
        if not kml:
            raise BadGeoFile(ErrorCode.GEO_KMZ_NO_KML, where=str(p))
        return _read_ogr(p, f"/vsizip/{p}/{kml[0]}")
    shps = [n for n in names if n.lower().endswith(".shp")]
    if not shps:
        raise BadGeoFile(ErrorCode.GEO_ZIP_NO_SHP, where=str(p))
    files = [_read_ogr(p, f"/vsizip/{p}/{n}", label_prefix=(n + " ") if len(shps) > 1 else "")
             for n in shps]
    declared = {f.declared.name if f.declared else None for f in files}
    if len(declared) > 1:
        raise BadGeoFile(ErrorCode.GEO_ZIP_MIXED_CRS, where=str(p))
    out = files[0]
    for f in files[1:]:
        out.features += f.features
        out.notes += f.notes
    return out


def _read_ogr(p: Path, source: str, label_prefix: str = "") -> GeoFile:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # GDAL chatter; real errors raise
        return _read_ogr_layers(p, source, label_prefix)


def _read_ogr_layers(p: Path, source: str, label_prefix: str) -> GeoFile:
    import pyogrio
    from pyogrio import raw

    if p.suffix.lower() in (".shp",) or source.lower().endswith(".shp"):
        _check_shapefile_parts(p, source)
    layers = [str(name) for name, gtype in pyogrio.list_layers(source) if gtype is not None]
    if not layers:
        raise BadGeoFile(ErrorCode.GEO_NO_LAYER, where=str(p))
    features: list[Feature] = []
    crs_names: set[str | None] = set()
    notes: list[str] = []
    for layer in layers:
        info = pyogrio.read_info(source, layer=layer)
        crs_names.add(info.get("crs"))
        encoding = None
        if source.lower().endswith(".shp") and info.get("encoding") == "ISO-8859-1":
            encoding = "UTF-8"  # no .cpg: try UTF-8, then GBK (the usual Chinese DBF encoding)
        try:
            _meta, _fids, geoms, fields = raw.read(source, layer=layer, encoding=encoding)
        except UnicodeDecodeError:
            _meta, _fids, geoms, fields = raw.read(source, layer=layer, encoding="GBK")
            notes.append(Said(ErrorCode.MAP_GBK_ATTRIBUTES, layer=layer))
        names = list(_meta["fields"])
        prefix = Said(ErrorCode.MAP_LAYER, layer=layer) if len(layers) > 1 else ""
        shp = shapely.from_wkb(np.asarray(geoms, dtype=object)) if geoms is not None else None
        for i in range(len(_fids) if _fids is not None else len(fields[0]) if fields else 0):
            props = {n: _plain(col[i]) for n, col in zip(names, fields)}
            geom = shp[i] if shp is not None else None
            features.append(Feature(props, geom, Said(ErrorCode.MAP_FEATURE, file=label_prefix,
                                                      layer=prefix, number=i + 1)))
    crs_names.discard(None)
    if len(crs_names) > 1:
        raise BadGeoFile(ErrorCode.GEO_LAYERS_MIXED_CRS, where=str(p))
    declared = from_pyproj(crs_names.pop()) if crs_names else None
    if p.suffix.lower() in (".kml", ".kmz"):
        declared = WGS84  # KML is WGS84 by definition
    return GeoFile(p, features, declared, notes=notes)


def _check_shapefile_parts(p: Path, source: str) -> None:
    if source.startswith("/vsizip/"):
        return
    missing = [ext for ext in (".shx", ".dbf") if not p.with_suffix(ext).exists()
               and not p.with_suffix(ext.upper()).exists()]
    if missing:
        raise BadGeoFile(ErrorCode.GEO_SHP_PARTS_MISSING, parts=", ".join(missing), where=str(p))


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return value


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]

"""Import area boundaries (county, township, village polygons) from a geometry file.

`plan_boundary_import` reads the file, settles its CRS, converts every polygon to WGS84 and matches
features to areas by division code or name; nothing is written. `apply_boundary_import` writes the
plan in one change-logged transaction (areas.boundary as GeoJSON text), so it syncs and is audited;
a cancel or an error leaves the database as it was.

CRS rule: a CRS the file states wins. `--crs gcj02` may still be applied on top of a stated
WGS84/CGCS2000, because web-map (GCJ-02) data is routinely labelled WGS84. A different --crs that
contradicts the file is an error. A file that states nothing takes --crs; without it, lon/lat-looking
coordinates are taken as WGS84 and projected ones are refused with a hint of the likely zone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from fieldapp.core.divisions import CodeError, level_of, normalize_code
from fieldapp.core.messages import ErrorCode, Said
from fieldapp.core.progress import Cancelled, Progress
from .errors import BadGeoFile, UnknownCrs
from fieldapp.store.geo import queries as geo_queries

from .crs import (
    Crs,
    guess_projected,
    is_wgs84_like,
    looks_geographic,
    parse_crs,
    same_crs,
    to_wgs84,
)
from .readers import GeoFile, read_geo_file
from .rejects import refused

LEVELS = ("county", "township", "village")
_CODE_KEYS = ("code", "adcode", "区划代码", "行政区划代码", "代码", "xzqdm", "cun_dm", "xzdm", "dm",
              "village_code", "township_code", "county_code", "gb", "统计用区划代码")
_NAME_KEYS = ("name", "名称", "xzqmc", "村名", "村名称", "乡镇名称", "mc", "cunmc", "xzmc")
_SUFFIXES = ("村民委员会", "居民委员会", "村委会", "居委会", "委员会")
_KINDS = ("街道办事处", "街道", "社区", "村", "镇", "乡")
DECIMALS = 7  # ~1 cm


@dataclass
class Match:
    code: str
    name: str
    level: str
    geometry: BaseGeometry  # WGS84
    features: list[Said]  # the labels of the features merged into this area
    how: str  # "code" or "name"


@dataclass
class BoundaryPlan:
    path: Path
    crs: Crs
    crs_source: str  # "file", "option" or "assumed"
    matches: list[Match] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)
    warnings: list[Said | str] = field(default_factory=list)  # shown in the user's language


def settle_crs(geo: GeoFile, option: Crs | None, sample_xy: tuple[np.ndarray, np.ndarray]
               ) -> tuple[Crs, str]:
    """Which CRS to read the file's coordinates in, and where that choice came from."""
    declared = geo.declared
    if declared is not None:
        if option is None or same_crs(option, declared):
            return declared, "file"
        if option.is_gcj02 and is_wgs84_like(declared):
            return option, "option"
        raise UnknownCrs(ErrorCode.GEO_CRS_CONFLICT, declared=declared.words(),
                         option=option.words(), where=str(geo.path))
    if option is not None:
        return option, "option"
    x, y = sample_xy
    if looks_geographic(x, y):
        return geo.implied or parse_crs("EPSG:4326"), "assumed"
    hint = guess_projected(x, y)
    if hint:
        raise UnknownCrs(ErrorCode.GEO_CRS_NEEDED_HINT, hint=hint, where=str(geo.path))
    raise UnknownCrs(ErrorCode.GEO_CRS_NEEDED, where=str(geo.path))


MAX_VERTICES = 2_000_000  # docs/limits.md: a county's village boundaries need far fewer


def plan_boundary_import(store, path: str | Path, *, level: str | None = None,
                         crs: str | Crs | None = None) -> BoundaryPlan:
    if level is not None and level not in LEVELS:
        raise BadGeoFile(ErrorCode.GEO_LEVEL, level=level)
    option = parse_crs(crs) if isinstance(crs, str) else crs
    geo = read_geo_file(path)
    bad = _not_finite_features(geo)
    polys = [f for i, f in enumerate(geo.features) if f.geometry is not None
             and not f.geometry.is_empty and i not in bad]
    if not polys:
        if bad:
            first = next(iter(bad.values()))
            raise BadGeoFile(first.entry, where=str(geo.path), **first.params)
        raise BadGeoFile(ErrorCode.GEO_NO_FEATURES_IN_FILE, where=str(geo.path))
    vertices = int(sum(shapely.get_num_coordinates(f.geometry) for f in polys))
    if vertices > MAX_VERTICES:
        raise BadGeoFile(ErrorCode.TOO_MANY_VERTICES, where=str(geo.path), count=vertices,
                         limit=MAX_VERTICES)
    coords = np.vstack([shapely.get_coordinates(f.geometry) for f in polys])
    used, source = settle_crs(geo, option, (coords[:, 0], coords[:, 1]))
    plan = BoundaryPlan(Path(path), used, source, warnings=list(geo.notes),
                        rejected=[refused(geo.features[i].label, why) for i, why in bad.items()])
    if source == "assumed":
        plan.warnings.append(Said(ErrorCode.MAP_ASSUMED_WGS84))
    index = _AreaIndex(geo_queries.areas(store), level)
    by_code: dict[str, Match] = {}
    for i, f in enumerate(geo.features):
        geom = f.geometry
        if i in bad:
            continue
        if geom is None or geom.is_empty:
            plan.rejected.append(refused(f.label, Said(ErrorCode.MAP_NO_GEOMETRY)))
            continue
        if shapely.get_type_id(geom) not in (3, 6, 7):
            plan.rejected.append(refused(f.label, Said(ErrorCode.MAP_NOT_POLYGON,
                                                           kind=geom.geom_type)))
            continue
        found, how, why = index.match(f.props)
        if found is None:
            plan.rejected.append(refused(f.label, why))
            continue
        wgs = _to_wgs84_geometry(geom, used)
        wgs = shapely.union_all(
            [g for g in shapely.get_parts(wgs) if shapely.get_type_id(g) in (3, 6)])
        if wgs.is_empty:
            plan.rejected.append(refused(f.label, Said(ErrorCode.MAP_ZERO_AREA)))
            continue
        code, name, lvl = found
        if code in by_code:
            m = by_code[code]
            m.geometry = shapely.make_valid(shapely.union(m.geometry, wgs))
            m.features.append(f.label)
        else:
            by_code[code] = Match(code, name, lvl, wgs, [f.label], how)
    plan.matches = sorted(by_code.values(), key=lambda m: m.code)
    for m in plan.matches:
        if len(m.features) > 1:
            plan.warnings.append(Said(ErrorCode.MAP_MERGED, name=m.name, area=m.code,
                                      count=len(m.features)))
    _check_placement(store, plan)
    return plan


def apply_boundary_import(store, plan: BoundaryPlan, *, user: str | None = None,
                          progress: Progress | None = None) -> dict[str, Any]:
    """Write the matched boundaries; returns {"updated", "unchanged", "rejected", ...}."""
    updated = unchanged = 0
    total = len(plan.matches)
    with store.write(user) as w:
        for i, m in enumerate(plan.matches, 1):
            if w.update("areas", m.code, {"boundary": geometry_text(m.geometry)}):
                updated += 1
            else:
                unchanged += 1
            if progress is not None and progress(i, total) is False:
                raise Cancelled()
    return {"kind": "boundaries", "updated": updated, "unchanged": unchanged,
            "rejected": plan.rejected, "crs": plan.crs.label, "crs_en": plan.crs.text("en"),
            "crs_source": plan.crs_source,
            "warnings": plan.warnings,
            "areas": [{"code": m.code, "name": m.name, "level": m.level, "how": m.how}
                      for m in plan.matches]}


def _not_finite_features(geo: GeoFile) -> dict[int, Said]:
    """Features with a NaN or infinite vertex, by index, with the reason they are refused."""
    bad = {}
    for n, f in enumerate(geo.features):
        if f.geometry is None or f.geometry.is_empty:
            continue
        xy = shapely.get_coordinates(f.geometry)
        if not np.isfinite(xy).all():
            i = int(np.argmin(np.isfinite(xy).all(axis=1)))
            bad[n] = Said(ErrorCode.MAP_VERTEX_NOT_FINITE, label=f.label, number=i + 1,
                                x=xy[i, 0], y=xy[i, 1])
    return bad


def geometry_text(geom: BaseGeometry) -> str:
    """GeoJSON text of a WGS84 geometry, rounded to 7 decimals (about 1 cm)."""
    rounded = shapely.transform(geom, lambda c: np.round(c, DECIMALS))
    if not rounded.is_valid:
        rounded = shapely.make_valid(rounded)
    return json.dumps(mapping(rounded), separators=(",", ":"))


def _to_wgs84_geometry(geom: BaseGeometry, crs: Crs) -> BaseGeometry:
    def fn(c: np.ndarray) -> np.ndarray:
        lon, lat = to_wgs84(c[:, 0], c[:, 1], crs)
        return np.column_stack([lon, lat])

    out = shapely.transform(geom, fn)
    return out if out.is_valid else shapely.make_valid(out)


def _check_placement(store, plan: BoundaryPlan) -> None:
    """Warn when an imported polygon lies far from its parent's known boundary (wrong CRS?)."""
    parents = {code: text for code, _n, _l, _p, text in geo_queries.boundaries(store)
               if _l in ("county", "township")}
    for m in plan.matches:
        if m.level == "county":
            continue
        county = m.code[:6] + "000000"
        text = parents.get(county)
        if not text:
            continue
        ref = shapely.from_geojson(text)
        point = m.geometry.representative_point()
        if not ref.buffer(0.01).contains(point):  # ~1 km slack
            plan.warnings.append(Said(ErrorCode.MAP_OUTSIDE_COUNTY, name=m.name, area=m.code))


class _AreaIndex:
    """Find the area a feature stands for, by its division code or (unambiguous) name."""

    def __init__(self, rows, level: str | None):
        self.level = level
        self.by_code = {code: (code, name, lvl) for code, name, lvl, _p in rows}
        self.exact: dict[str, set[str]] = {}
        self.loose: dict[str, set[str]] = {}
        for code, name, lvl, _p in rows:
            if level and lvl != level:
                continue
            variants = _name_variants(name)
            self.exact.setdefault(variants[0], set()).add(code)
            for key in variants:
                self.loose.setdefault(key, set()).add(code)

    def match(self, props: dict[str, Any]) -> tuple[tuple[str, str, str] | None, str, Any]:
        keyed = {str(k).strip().lower(): v for k, v in props.items()}
        ordered = [keyed[k] for k in _CODE_KEYS if k in keyed] + list(props.values())
        wrong_level = None
        for value in ordered:
            code = _as_code(value)
            if code and code in self.by_code:
                if self.level and self.by_code[code][2] != self.level:
                    wrong_level = code
                    continue
                return self.by_code[code], "code", ""
        names = [keyed[k] for k in _NAME_KEYS if k in keyed] + list(props.values())
        ambiguous = None
        texts = [v for v in names if isinstance(v, str) and v.strip()]
        for table, spell in ((self.exact, lambda t: _name_variants(t)[:1]),
                             (self.loose, _name_variants)):
            for value in texts:
                for key in spell(value):
                    codes = table.get(key)
                    if codes and len(codes) == 1:
                        return self.by_code[next(iter(codes))], "name", ""
                    if codes:
                        ambiguous = value
        if ambiguous:
            return None, "", Said(ErrorCode.MAP_NAME_AMBIGUOUS, name=ambiguous)
        if wrong_level:
            return None, "", Said(ErrorCode.MAP_WRONG_LEVEL, value=wrong_level, level=self.level)
        return None, "", Said(ErrorCode.MAP_NO_AREA)


def _as_code(value: Any) -> str | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    s = str(value).strip() if value is not None else ""
    if not s.isdigit() or len(s) not in (6, 9, 12):
        return None
    try:
        c = normalize_code(s)
        level_of(c)
        return c
    except CodeError:
        return None


def _name_variants(name: str) -> list[str]:
    """Spellings of an area name, strictest first: 东北街村委会 -> 东北街村委会, 东北街村, 东北街."""
    n = re.sub(r"\s+", "", name)
    out = [n]
    base = n
    for suffix in _SUFFIXES:
        if base.endswith(suffix) and len(base) > len(suffix):
            base = base[: -len(suffix)]
            break
    if base != n:
        out.append(base)
    for kind in _KINDS:
        if base.endswith(kind) and len(base) >= len(kind) + 2:
            out.append(base[: -len(kind)])
            break
    return out

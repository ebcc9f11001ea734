"""Build a demo county database: the real townships and villages of 稷山县 (140824) or 秀洲区
(330411) with synthetic households, visits and village polygons.

Village polygons are a Voronoi tiling of the real (WGS84) county boundary: townships tile the
county, villages tile their township, households lie in hamlet clusters inside their village.
The same seed gives the same database content (uuids, names, points, visits).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping, shape

from fieldapp.core.gazetteer import load_boundary_geojson, load_divisions
from fieldapp.core.idcard import keyed_hasher, keyed_id_hash, mask_id
from fieldapp.core.paths import fsync_file
from fieldapp.core.progress import Progress
from fieldapp.demo import names
from fieldapp.demo.draw import Weighted, randint
from fieldapp.demo.facilities import demo_facilities
from fieldapp.demo.places import demo_places
from fieldapp.demo.visits import synthetic_visit
from fieldapp.geo.tiling import crowded, random_points_in, tile
from fieldapp.jobs.policies import database_alone, refuse_if_in_use
from fieldapp.store import Store
from fieldapp.store.deferred_indexes import deferred_indexes
from fieldapp.store.sync_log.changes import bulk_load
from fieldapp.core.messages import ErrorCode
from fieldapp.core.errors import BadValue

DEFAULT_HOUSEHOLDS = {"140824": 104_500, "330411": 218_800}
COUNTIES = tuple(DEFAULT_HOUSEHOLDS)
DEMO_YEAR = 2026
MIN_SPACING_M = 1.2

@dataclass
class DemoSummary:
    path: str
    county: str
    townships: int
    villages: int
    households: int
    visits: int


def load_boundary(county: str):
    """The county boundary (WGS84) as a valid shapely geometry."""
    return shapely.make_valid(shape(load_boundary_geojson(county)))


# The bits uuid.UUID(int=n, version=4) sets and clears.
_UUID4_CLEAR = ~((0xC000 << 48) | (0xF000 << 64))
_UUID4_SET = (0x8000 << 48) | (4 << 76)


def _uuid(rng: random.Random) -> str:
    """str(uuid.UUID(int=rng.getrandbits(128), version=4)), without building a UUID object."""
    h = "%032x" % ((rng.getrandbits(128) & _UUID4_CLEAR) | _UUID4_SET)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def build_demo(
    path: str | Path,
    county: str = "140824",
    households: int | None = None,
    seed: int = 1,
    progress: Progress | None = None,
) -> DemoSummary:
    if county not in COUNTIES:
        raise BadValue(ErrorCode.DEMO_COUNTY, counties=", ".join(COUNTIES))
    total = DEFAULT_HOUSEHOLDS[county] if households is None else int(households)
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    divisions = load_divisions(county)
    boundary = load_boundary(county)
    towns = [d for d in divisions if d["level"] == "township"]
    villages = [d for d in divisions if d["level"] == "village"]

    # Townships tile the county; villages tile their township.
    town_cells = tile(boundary, random_points_in(boundary, len(towns), nrng))
    geoms: dict[str, object] = {divisions[0]["code"]: boundary}
    for town, cell in zip(towns, town_cells):
        geoms[town["code"]] = cell
        members = [v for v in villages if v["parent_code"] == town["code"]]
        if members:
            seeds = random_points_in(cell, len(members), nrng)
            for v, vcell in zip(members, tile(cell, seeds)):
                geoms[v["code"]] = vcell

    # Village sizes: log-normal spread; residents' committees bigger, statistical units small.
    weights = nrng.lognormal(0.0, 0.55, len(villages))
    for i, v in enumerate(villages):
        weights[i] *= {"residents_committee": 1.6, "special_unit": 0.25}.get(v["unit_type"], 1.0)
    sizes = np.floor(weights / weights.sum() * total).astype(int)
    for i in np.argsort(-weights)[: total - int(sizes.sum())]:
        sizes[i] += 1

    # Built under a temporary name and renamed into place when complete: a cancelled or failed
    # build leaves no half-built database behind (and any older file at `path` untouched).
    path = Path(path)
    refuse_if_in_use(path)  # say so now, not after the build
    tmp = path.with_name(path.name + ".building")
    # Millions of small objects, none of them in a cycle: the cyclic collector would only walk
    # them again and again (about a tenth of the build).
    collecting = gc.isenabled()
    gc.disable()
    try:
        nvisits = _fill(tmp, county, seed, divisions, villages, sizes, geoms, rng, nrng,
                        total, progress)
        fsync_file(tmp)  # the finished file on disk before it gets its final name
        with database_alone(path):  # a database open in the app or a command is never replaced
            for suffix in ("-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
            os.replace(tmp, path)
    finally:
        if collecting:
            gc.enable()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
    return DemoSummary(str(path), county, len(towns), len(villages), total, nvisits)


def _fill(path, county, seed, divisions, villages, sizes, geoms, rng, nrng, total, progress):
    store = Store.create(path, role="county", county_code=divisions[0]["code"],
                         device_name="演示县级数据库", device_id=f"demo{county}s{seed}",
                         id_salt=f"demo-salt-{county}-{seed}", overwrite=True,
                         id_key=hashlib.sha256(f"demo-id-key-{county}-{seed}".encode()).hexdigest())
    try:
        id_of = _id_hasher(store.setting("id_salt") or "", bytes.fromhex(store.setting("id_key")))
        store.set_settings({"programme_year": str(DEMO_YEAR),
                            "county_name": divisions[0]["name"], "surveyor": "演示管理员"})
        done = nvisits = 0
        # A new file: the indexes of households and the change log are built once from the
        # finished tables. Not those of visits: the held-back households' deferred foreign-key
        # check looks their visits up by household.
        incoming = {"households": total, "changes": 2 * total}
        with bulk_load(store), store.write("demo") as w, deferred_indexes(w.store, incoming):
            w.insert_many("areas", [
                dict(d, boundary=json.dumps(mapping(geoms[d["code"]]))
                     if d["code"] in geoms else None)
                for d in divisions])
            for v, n in zip(villages, sizes):
                roster = random.Random(f"{seed}:{v['code']}")  # the village's member rosters
                hh, visits = _village_households(v, int(n), geoms[v["code"]], rng, nrng, id_of,
                                                 county, roster)
                w.insert_many("households", hh)
                w.insert_many("visits", visits)
                nvisits += len(visits)
                done += int(n)
                if progress and progress(done, total) is False:
                    raise KeyboardInterrupt
            w.insert_many("public_places", demo_places(divisions, geoms, seed, DEMO_YEAR))
            w.insert_many("facilities", demo_facilities(divisions, geoms, seed))
            w.flush()  # the held-back households, before their indexes are built
    finally:
        store.close()
    return nvisits


_SIZE = Weighted((1, 2, 3, 4, 5, 6), (8, 24, 26, 22, 13, 7))


def _id_hasher(salt: str, key: bytes):
    """keyed_id_hash and mask_id for the generator's own ID numbers (already normalised: 17
    digits and a check character), without normalising each again; checked against
    fieldapp.core.idcard."""
    keyed = keyed_hasher(salt, key)

    def fast(idno: str) -> tuple[str, str]:
        return keyed(idno), idno[:6] + "********" + idno[-4:]

    sample = "14082419900101123X"
    if fast(sample) != (keyed_id_hash(sample, salt, key), mask_id(sample)):  # pragma: no cover
        return lambda idno: (keyed_id_hash(idno, salt, key), mask_id(idno))
    return fast


def _village_households(village, n, geom, rng, nrng, id_of, county, roster):
    if n <= 0:
        return [], []
    points = _hamlet_points(geom, n, nrng).tolist()
    groups = max(1, round(n / rng.uniform(60, 140)))
    vname = village["name"].removesuffix("村委会").removesuffix("居委会")
    code = village["code"]
    random_ = rng.random
    hh, visits = [], []
    for i in range(n):
        uid = _uuid(rng)
        idno = names.id_number(rng, county)
        group = str(1 + i * groups // n)
        head = names.head_name(rng)
        size = _SIZE(rng)
        phone = names.mobile(rng) if random_() < 0.9 else None
        id_hash, id_masked = id_of(idno)
        lon, lat = points[i]
        lon, lat = round(lon, 6), round(lat, 6)
        hh.append({
            "uuid": uid, "village_code": code, "group_no": group, "head_name": head, "size": size,
            "phone": phone, "id_hash": id_hash, "id_masked": id_masked,
            "address": f"{vname}{group}组{randint(rng, 1, 160)}号",
            "lon": lon, "lat": lat, "source": "register"})
        visit = synthetic_visit(rng, uid, DEMO_YEAR, roster)
        if visit:
            visit["uuid"] = _uuid(rng)
            visits.append(visit)
    return hh, visits


def _hamlet_points(geom, n: int, nrng: np.random.Generator) -> np.ndarray:
    """Households cluster in 1–4 hamlets (自然村) inside the village polygon, no two closer than
    MIN_SPACING_M (houses, not a pile of pins: the map check's duplicate finder stays quiet)."""
    hamlets = random_points_in(geom, int(nrng.integers(1, 5)), nrng)
    minx, miny, maxx, maxy = geom.bounds
    spread = max(maxx - minx, maxy - miny) / 10
    shapely.prepare(geom)

    def draw(count: int, widen: float = 1.0) -> np.ndarray:
        pts = np.empty((0, 2))
        while len(pts) < count:
            k = int((count - len(pts)) * 1.3) + 8
            centre = hamlets[nrng.integers(0, len(hamlets), k)]
            cand = centre + nrng.normal(0, spread * widen, (k, 2)) * [1, 0.8]
            inside = shapely.contains_xy(geom, cand[:, 0], cand[:, 1])
            pts = np.vstack([pts, cand[inside]])
            if len(pts) < count and not inside.any():
                pts = np.vstack([pts, random_points_in(geom, count - len(pts), nrng)])
        return pts[:count]

    pts = draw(n)
    for attempt in range(40):  # a few rounds; a hamlet too dense for it spreads out
        too_close = crowded(pts, MIN_SPACING_M)
        if not too_close.any():
            break
        pts[too_close] = draw(int(too_close.sum()), 1.25 ** max(0, attempt - 3))
    return pts

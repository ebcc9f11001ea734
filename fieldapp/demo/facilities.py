"""Synthetic service points and public-area emergency-broadcast terminals for the demo county
(seed 2): a service station in every township but the last (a gap to find), agency points in most
villages, one or two terminals per village, a few of them broken. Drawn from their own generator,
so the households and places of a seed stay unchanged."""

from __future__ import annotations

import random
import uuid as uuidlib
from collections.abc import Mapping, Sequence

import numpy as np

from fieldapp.core.facilities import AGENCY, BROKEN, STATION, TERMINAL, WORKING
from fieldapp.geo.tiling import random_points_in

from . import names
from .places import villages_by_township

_SPOTS = ("村委会广场", "文化礼堂", "村口", "篮球场", "村卫生室", "小学门口")


def demo_facilities(divisions: Sequence[Mapping], geoms: Mapping[str, object],
                    seed: int) -> list[dict]:
    """Facility records (for `w.insert_many("facilities", ...)`) of every township."""
    rng = random.Random(f"facilities:{seed}")
    nrng = np.random.default_rng([seed, 0xFAC])
    villages = villages_by_township(divisions)
    towns = [d for d in divisions if d["level"] == "township" and villages.get(d["code"])]
    out = []
    for n, town in enumerate(towns):
        members = villages[town["code"]]
        if n < len(towns) - 1:
            seat = members[0]
            out.append(_record(rng, nrng, STATION, town, seat, geoms, f"{town['name']}广电服务站"))
        for v in members:
            short = _short(v["name"])
            if rng.random() < 0.85:
                out.append(_record(rng, nrng, AGENCY, town, v, geoms, f"{short}广电代办点"))
            for spot in rng.sample(_SPOTS, rng.randint(1, 2)):
                out.append(_record(rng, nrng, TERMINAL, town, v, geoms, f"{short}{spot}",
                                   BROKEN if rng.random() < 0.12 else WORKING))
    return out


def _short(name: str) -> str:
    for suffix in ("村民委员会", "居民委员会", "村委会", "居委会"):
        name = name.removesuffix(suffix)
    return name


def _record(rng, nrng, kind, town, village, geoms, name, status="") -> dict:
    lon = lat = None
    geom = geoms.get(village["code"])
    if geom is not None:
        lon, lat = (round(float(v), 6) for v in random_points_in(geom, 1, nrng)[0])
    return {
        "uuid": str(uuidlib.UUID(int=rng.getrandbits(128), version=4)),
        "kind": kind, "township_code": town["code"],
        "village_code": None if kind == STATION else village["code"], "name": name,
        "address": f"{_short(village['name'])}{rng.randint(1, 120)}号",
        "contact": names.head_name(rng) if kind != TERMINAL else None,
        "phone": names.mobile(rng) if kind != TERMINAL else None,
        "status": status, "lon": lon, "lat": lat, "updated_at": "2026-03-01T09:00:00+08:00",
    }

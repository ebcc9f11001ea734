"""Synthetic public places for the demo county: a handful per township (the township government,
schools, the health centre, a hotel, enterprises and institutions, residential compounds), placed
in one of its villages, with answers that follow the public-place checklist
(forms/public_place.xlsx). Drawn from their own generator, so adding them leaves the households of
a seed unchanged; the same seed gives the same places."""

from __future__ import annotations

import random
import uuid as uuidlib
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

import numpy as np

from fieldapp.geo.tiling import random_points_in

from . import names
from .visits import SURVEYORS

FORM_ID = "public_place"
FORM_VERSION = "2026112501"
_COMPOUNDS = ("幸福", "阳光", "锦绣", "康馨", "和园", "福苑", "翠苑", "华庭")
# (place_type, name pattern with {base}, how many TV outlets it may have)
_POOL = (
    ("party_gov", "{base}派出所", (2, 8)),
    ("party_gov", "{base}财政所", (1, 4)),
    ("school", "{base}中心小学", (6, 30)),
    ("school", "{base}初级中学", (10, 40)),
    ("hospital", "{base}卫生院", (8, 40)),
    ("hotel", "{base}宾馆", (20, 90)),
    ("enterprise", "{base}农村信用社", (1, 4)),
    ("enterprise", "{base}供销合作社", (1, 3)),
    ("enterprise", "{base}邮政支局", (1, 3)),
    ("commercial_residential", "{base}商贸大厦", (10, 60)),
    ("residential_compound", "{base}{compound}小区", (40, 300)),
)
_NOT_OPENED = ("线路尚未通到", "已报装，等待安装", "单位未申请", "楼内线路改造中")


def _office(town: str) -> str:
    if town.endswith(("镇", "乡")):
        return f"{town}人民政府"
    if town.endswith("街道"):
        return f"{town}办事处"
    return f"{town}管理委员会"


def _base(town: str) -> str:
    for suffix in ("街道", "镇", "乡"):
        if town.endswith(suffix) and len(town) > len(suffix) + 1:
            return town.removesuffix(suffix)
    return town


def villages_by_township(divisions: Sequence[Mapping]) -> dict[str, list[Mapping]]:
    """township code -> its villages, in the order of `divisions`."""
    villages: dict[str, list[Mapping]] = {}
    for d in divisions:
        if d["level"] == "village":
            villages.setdefault(d["parent_code"], []).append(d)
    return villages


def demo_places(divisions: Sequence[Mapping], geoms: Mapping[str, object], seed: int,
                year: int = 2026) -> list[dict]:
    """Public-place records (for `w.insert_many("public_places", ...)`) of every township."""
    rng = random.Random(f"public-places:{seed}")
    nrng = np.random.default_rng([seed, 0x9A11])
    villages = villages_by_township(divisions)
    out = []
    for town in (d for d in divisions if d["level"] == "township"):
        members = villages.get(town["code"], [])
        if not members:
            continue
        base = _base(town["name"])
        picks = rng.sample(range(len(_POOL)), rng.randint(5, 8))
        kinds = [("party_gov", _office(town["name"]), (2, 10))] + [_POOL[i] for i in sorted(picks)]
        for ptype, pattern, outlets in kinds:
            village = members[rng.randrange(len(members))]
            name = pattern.format(base=base, compound=rng.choice(_COMPOUNDS))
            out.append(_place(rng, nrng, town, village, geoms.get(village["code"]), ptype, name,
                              outlets, year))
    return out


def _place(rng, nrng, town, village, geom, ptype, name, outlets, year) -> dict:
    vname = village["name"].removesuffix("村民委员会").removesuffix("居民委员会")
    vname = vname.removesuffix("村委会").removesuffix("居委会")
    answers: dict = {"place_type": ptype, "place_name": name,
                     "address": f"{vname}{rng.randint(1, 120)}号"}
    lon = lat = None
    if geom is not None:
        lon, lat = (round(float(v), 6) for v in random_points_in(geom, 1, nrng)[0])
        answers["location"] = f"{lat:.6f} {lon:.6f}"
    state = rng.choices(("complete", "draft", "listed"), (72, 18, 10))[0]
    if state != "listed":
        opened = rng.random() < 0.82
        answers["cable_opened"] = "yes" if opened else "no"
        if opened:
            answers["channels"] = rng.choices(
                ("cctv provincial county", "cctv provincial", "cctv"), (75, 20, 5))[0]
            answers["tv_points"] = rng.randint(*outlets)
        else:
            answers["not_opened_reason"] = rng.choice(_NOT_OPENED)
        answers["contact_name"] = names.head_name(rng)
        if rng.random() < 0.85:
            answers["contact_phone"] = names.mobile(rng)
        if state == "draft":  # stopped half-way: the contact still to be asked
            for key in ("contact_name", "contact_phone"):
                answers.pop(key, None)
    when = datetime(year, 3, 1, 9) + timedelta(days=rng.randint(0, 250),
                                               minutes=rng.randint(0, 480))
    return {
        "uuid": str(uuidlib.UUID(int=rng.getrandbits(128), version=4)),
        "township_code": town["code"], "village_code": village["code"], "place_type": ptype,
        "name": name, "form_id": FORM_ID, "form_version": FORM_VERSION, "answers": answers,
        "state": "complete" if state == "complete" else "draft",
        "surveyor": rng.choice(SURVEYORS), "lon": lon, "lat": lat,
        "updated_at": when.isoformat(timespec="seconds") + "+08:00",
    }

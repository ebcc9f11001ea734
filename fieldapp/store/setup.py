"""Create a new, empty county database with the real division list of its county."""

from __future__ import annotations

import json
from pathlib import Path

from fieldapp.core.gazetteer import load_boundary_geojson, load_divisions

from .db import Store


def new_county_database(path: str | Path, county: str, *, role: str = "county",
                        device_name: str = "", surveyor: str = "") -> Store:
    divisions = load_divisions(county)
    store = Store.create(path, role=role, county_code=divisions[0]["code"],
                         device_name=device_name)
    try:
        store.set_settings({"county_name": divisions[0]["name"], "surveyor": surveyor})
        boundary = json.dumps(load_boundary_geojson(county))
        with store.write(surveyor or "setup") as w:
            w.insert_many("areas", [
                dict(d, boundary=boundary if d["level"] == "county" else None)
                for d in divisions])
    except BaseException:
        store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        raise
    return store

"""Where a Save dialog starts: beside the database, named after the area, the content and the day
(fieldapp.core.export_names)."""

from __future__ import annotations

from pathlib import Path

from fieldapp.core.export_names import export_name
from fieldapp.store.households import queries


def suggested_path(store, what: str, suffix: str, area_code: str | None = None) -> str:
    area = queries.area(store, area_code) if area_code else None
    place = area["name"] if area else (store.setting("county_name") or "")
    return str(Path(store.path).resolve().parent / export_name(place, what, suffix))

"""Default names of the files the app writes, in the user's words: 稷山县_未覆盖户_2026-12-05.xlsx
(place, what it holds, the day), so a folder of exports sorts and reads without opening them."""

from __future__ import annotations

import re
from datetime import date

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')  # what Windows does not allow in a file name


def export_name(place: str, what: str, suffix: str, today: date | None = None) -> str:
    """`place_what_YYYY-MM-DD.suffix`; an empty place is left out."""
    day = (today or date.today()).isoformat()
    parts = [_UNSAFE.sub("_", p.strip()) for p in (place, what) if p and p.strip()]
    return "_".join(parts + [day]) + "." + suffix.lstrip(".")

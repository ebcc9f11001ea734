from __future__ import annotations

import pytest

from fieldapp.store import Store
from fieldapp.store.reports import sheet_rows as sheets_rows


@pytest.fixture
def big_village(demo_path) -> str:
    """The code of the demo village with the most households (several pages)."""
    with Store.open(demo_path) as s:
        villages = sheets_rows.villages_under(s, "140824000000")
    return max(villages, key=lambda v: v["households"])["code"]

"""Register import: a 100,000-row household register (.xlsx, realistic defects: full-width
digits, stray spaces, bad and duplicate ID numbers, blank rows, a total line) imported into an
empty county database — header detection, validation, matching, and one change-logged
transaction that writes every household and its change-log entry — then imported again
(nothing changes: every row matched and unchanged).

Baseline: a bare python-calamine read of the same file (`to_python()` of the sheet), nothing
else. Goal: the first import within 1.5x the bare read.
"""

from __future__ import annotations

from pathlib import Path

from python_calamine import CalamineWorkbook

from fieldapp.store.setup import new_county_database
from fieldapp.tabular.register_job import import_register
from fieldapp.tabular.sample_register import make_register

from .common import COUNTY, remove_db, row, timed

ROWS = 100_000


def _bare_read(path: Path) -> int:
    return len(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python())


def run(workdir: Path, households: int) -> list[dict]:
    n = min(ROWS, households)
    db = Path(workdir) / "bench_import.sqlite"
    remove_db(db)
    store = new_county_database(db, COUNTY)
    villages = [tuple(r) for r in store.conn.execute(
        "SELECT v.code, v.name, t.name FROM areas v JOIN areas t ON t.code = v.parent_code"
        " WHERE v.level = 'village' ORDER BY v.code")]
    register = Path(workdir) / "bench_register.xlsx"
    sample = make_register(register, villages, n, seed=3, region=COUNTY)
    base = min(timed(lambda: _bare_read(register))[0] for _ in range(3))
    first_s, first = timed(lambda: import_register(store, register))
    again_s, again = timed(lambda: import_register(store, register))
    store.close()
    remove_db(db)
    assert first.added == len(sample.good_rows), (first.added, len(sample.good_rows))
    assert again.added == again.updated == 0
    label = f"{n:,}-row register"
    return [
        row(f"import-register {label} (first import)", first_s, "bare calamine read", base,
            f"{first.added:,} added, {len(first.rejected):,} rejected; goal <= 1.5x"),
        row(f"import-register {label} again (no change)", again_s, "bare calamine read", base,
            f"{again.unchanged:,} unchanged"),
    ]

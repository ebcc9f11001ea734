"""Register import: a 100,000-row household register (.xlsx, realistic defects: full-width
digits, stray spaces, bad and duplicate ID numbers, blank rows, a total line) imported into an
empty county database — header detection, validation, matching, and one change-logged
transaction that writes every household and its change-log entry — then imported again
(nothing changes: every row matched and unchanged).

The register has 100,000 rows for the default county of 218,800 households, in proportion for
other sizes up to 180,000 (the 2× county: a 200,000-row sheet is over the app's 100 MiB limit).

Baseline: a bare python-calamine read of the same file (`to_python()` of the sheet), nothing
else.

A third row measures the floor: the bare read plus a raw sqlite3 `executemany` of the very rows
our import wrote (households and their change-log entries, read back out of our database before
the clock starts) into a fresh database of the same schema, indexes built after the insert, one
commit, measured right after the first import. The notes give the CPU (process) times too. No
validation, no matching, no stamping: what any importer that stores these rows pays.
Goal (issue 20): the first import within 1.3x the floor (its ratio to the floor is in the note).

A fourth row undoes the first import (every household it added deleted, its ID number cleared
first, all change-logged and audited) and prints its time as a ratio to the first import's in the
same run. Goal: <= 1x. A fifth row measures the undo's floor (round 23): the very rows the undo
wrote (its change-log and audit rows, the households as it left them) written by hand with raw
`executemany` into a copy of the database as the undo found it, the same indexes built again
after, one commit.

The first import, its floor and its undo each run twice, interleaved, into fresh databases, and
the faster of each is kept (from round 23; the bare read is the best of three): the shared
machine's speed moves by ±15% minute to minute. Both times are in the notes.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from python_calamine import CalamineWorkbook

from fieldapp.demo.sample_register import make_register
from fieldapp.store import Store
from fieldapp.store.deferred_indexes import deferred_indexes
from fieldapp.store.setup import new_county_database
from fieldapp.jobs.register_import import import_register
from fieldapp.store.register_imports.import_log import undo_import

from .common import COUNTY, DEFAULT_HOUSEHOLDS, remove_db, row, timed

ROWS = 100_000
MAX_ROWS = 180_000


def _timed_cpu(fn) -> tuple[float, float, object]:
    """Wall and CPU (process) seconds of one call, and its result: on a shared machine the CPU
    ratio of two halves measured in this process is the steadier figure. Dirty pages of what
    ran before (the county just built, the register just written, the previous half's
    database) are written out first, so neither half waits on the other's writes."""
    os.sync()
    cpu0 = time.process_time()
    wall, result = timed(fn)
    return wall, time.process_time() - cpu0, result


def _bare_read(path: Path) -> int:
    return len(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python())


def _written(store) -> dict[str, tuple[str, list[tuple]]]:
    """INSERT statement and rows of every household and change-log row the import wrote."""
    out = {}
    for table, where in (("households", ""), ("changes", " WHERE tbl = 'households'")):
        cur = store.conn.execute(f"SELECT * FROM {table}{where}")
        cols = [d[0] for d in cur.description]
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        out[table] = (sql, cur.fetchall())
    return out


def _raw_write(store, data: dict[str, tuple[str, list[tuple]]]) -> None:
    conn = store.conn
    conn.execute("BEGIN")
    with deferred_indexes(store, {t: len(rows) for t, (_, rows) in data.items()}):
        for sql, rows in data.values():
            conn.executemany(sql, rows)
    conn.execute("COMMIT")


def _first_import(workdir: Path, register: Path, again: bool) -> dict:
    """A first import of the register into a fresh county database; the floor (the same rows
    written raw into another fresh database of the same schema) right after it; (again: the
    same register imported a second time, nothing to change); then the undo of the import."""
    db = workdir / "bench_import.sqlite"
    remove_db(db)
    store = new_county_database(db, COUNTY)
    out = {"first": _timed_cpu(lambda: import_register(store, register))}
    written = _written(store)
    floor_db = workdir / "bench_import_floor.sqlite"
    remove_db(floor_db)
    floor_store = new_county_database(floor_db, COUNTY)
    out["floor"] = _timed_cpu(lambda: _raw_write(floor_store, written))
    floor_store.close()
    remove_db(floor_db)
    if again:
        out["again"] = _timed_cpu(lambda: import_register(store, register))
    # the undo's floor starts from a copy of the database as the undo finds it
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    snapshot = workdir / "bench_undo_floor.sqlite"
    remove_db(snapshot)
    shutil.copyfile(db, snapshot)
    marks = {t: store.conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {t}").fetchone()[0]
             for t in ("changes", "audit_log")}
    out["undo"] = _timed_cpu(lambda: undo_import(store, out["first"][2].import_id))
    out["live"] = store.conn.execute(
        "SELECT count(*) FROM households WHERE deleted = 0").fetchone()[0]
    undone = _undone(store, marks)
    store.close()
    remove_db(db)
    floor_store = Store.open(snapshot)
    out["undo_floor"] = _timed_cpu(lambda: _raw_write(floor_store, undone))
    floor_store.close()
    remove_db(snapshot)
    return out


_UNDONE = ("id_hash", "id_masked", "id_full", "deleted", "device_id", "counter", "hlc", "clock",
           "status", "status_reason", "last_visit_at", "persons")


def _undone(store, marks: dict[str, int]) -> dict[str, tuple[str, list[tuple]]]:
    """What the undo wrote: the change-log and audit rows it added, and the households as it
    left them (the columns it changes), as statements and rows for _raw_write: the undo's
    floor, with no plan and no check, the same indexes built again after, one transaction."""
    out = {}
    for table, mark in marks.items():
        cur = store.conn.execute(f"SELECT * FROM {table} WHERE rowid > ?", (mark,))
        cols = [d[0] for d in cur.description]
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        out[table] = (sql, cur.fetchall())
    rows = store.conn.execute(f"SELECT {', '.join(_UNDONE)}, rowid FROM households"
                              " WHERE deleted = 1").fetchall()
    out["households"] = (f"UPDATE households SET {', '.join(f'{c} = ?' for c in _UNDONE)}"
                         " WHERE rowid = ?", rows)
    return out


def run(workdir: Path, households: int) -> list[dict]:
    # 100,000 rows for the default county; in proportion, but within what the app opens: the
    # sheet of a 200,000-row register unpacks to 105 MiB, over the 100 MiB limit of an .xlsx
    # member (docs/limits.md), so the 2× county imports 180,000 (the growth is per row).
    n = max(1, min(MAX_ROWS, ROWS * households // DEFAULT_HOUSEHOLDS))
    db = Path(workdir) / "bench_import.sqlite"
    remove_db(db)
    store = new_county_database(db, COUNTY)
    villages = [tuple(r) for r in store.conn.execute(
        "SELECT v.code, v.name, t.name FROM areas v JOIN areas t ON t.code = v.parent_code"
        " WHERE v.level = 'village' ORDER BY v.code")]
    store.close()
    register = Path(workdir) / "bench_register.xlsx"
    sample = make_register(register, villages, n, seed=3, region=COUNTY)
    base, base_cpu = min(_timed_cpu(lambda: _bare_read(register))[:2] for _ in range(3))
    # The import, its floor and its undo twice each, interleaved, the faster of each kept (the
    # shared machine's speed moves minute to minute; the bare read is already the best of 3).
    runs = [_first_import(Path(workdir), register, again=i == 1) for i in range(2)]
    first_s, first_cpu, first = min((r["first"] for r in runs), key=lambda t: t[0])
    write_s, write_cpu, _ = min((r["floor"] for r in runs), key=lambda t: t[0])
    undo_s, undo_cpu, undone = min((r["undo"] for r in runs), key=lambda t: t[0])
    undo_floor_s, undo_floor_cpu, _ = min((r["undo_floor"] for r in runs), key=lambda t: t[0])
    again_s, _, again = runs[1]["again"]
    for r in runs:
        assert r["first"][2].added == len(sample.good_rows), r["first"][2].added
        assert len(r["undo"][2].deletes) == r["first"][2].added and r["live"] == 0, r["live"]
    assert again.added == again.updated == 0
    label = f"{n:,}-row register"
    floor_s, floor_cpu = base + write_s, base_cpu + write_cpu
    rows = [
        row(f"import-register {label} (first import)", first_s, "bare calamine read", base,
            f"{first.added:,} added, {len(first.rejected):,} rejected;"
            f" {first_s / floor_s:.2f}x the floor (goal <= 1.3x); CPU {first_cpu:.2f} s vs the"
            f" floor's {floor_cpu:.2f} s ({first_cpu / floor_cpu:.2f}x); faster of"
            f" {runs[0]['first'][0]:.2f} s and {runs[1]['first'][0]:.2f} s"),
        row(f"import-register {label} again (no change)", again_s, "bare calamine read", base,
            f"{again.unchanged:,} unchanged"),
        row(f"floor: bare read + raw executemany of the same {first.added:,} households and"
            " change-log rows", floor_s, "bare calamine read", base,
            f"no validation; raw write alone {write_s:.2f} s (faster of"
            f" {runs[0]['floor'][0]:.2f} s and {runs[1]['floor'][0]:.2f} s)"),
        row(f"undo of that first import ({first.added:,} households)", undo_s,
            "the first import", first_s, "set-based, change-logged and audited; goal <= 1x;"
            f" CPU {undo_cpu:.2f} s vs {first_cpu:.2f} s ({undo_cpu / first_cpu:.2f}x); faster of"
            f" {runs[0]['undo'][0]:.2f} s and {runs[1]['undo'][0]:.2f} s;"
            f" {undo_s / undo_floor_s:.2f}x its floor"),
        row(f"floor of the undo: raw writes of its {len(undone.deletes):,} households,"
            " change-log and audit rows", undo_floor_s, "the first import", first_s,
            f"CPU {undo_floor_cpu:.2f} s; faster of {runs[0]['undo_floor'][0]:.2f} s and"
            f" {runs[1]['undo_floor'][0]:.2f} s"),
    ]
    return [dict(r, size=n) for r in rows]  # the scale comparison's measure: register rows

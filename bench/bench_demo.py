"""Demo build: `fieldapp demo --county 330411` (areas, households, visits, change log, derived
status: everything from the seed) against a raw sqlite3 `executemany` of the very same rows into
the same schema, in one transaction, with the same connection settings.

The baseline's rows are read out of the database our build wrote and held in memory before its
clock starts, so it times only the inserts (index upkeep included): the floor any builder pays.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from fieldapp.jobs.demo_build import build_demo
from fieldapp.store.sync_log.changes import BULK_PRAGMAS

from .common import COUNTY, SEED, remove_db, row, timed


def _rows(path: Path) -> tuple[list[str], dict[str, tuple[str, list[tuple]]]]:
    conn = sqlite3.connect(path)
    schema = [sql for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
        " ORDER BY type = 'index', rowid")]
    data = {}
    tables = [t for (t,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY rowid")]
    for table in tables:  # every table the build filled, parents before children
        cur = conn.execute(f"SELECT * FROM {table}")
        cols = [d[0] for d in cur.description]
        sql = (f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
               f"({', '.join('?' * len(cols))})")
        data[table] = (sql, cur.fetchall())
    conn.close()
    return schema, data


def baseline_insert(path: Path, schema: list[str], data: dict) -> None:
    """Plain sqlite3: create the schema, executemany every table's rows, commit."""
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in BULK_PRAGMAS:
        conn.execute(pragma)
    conn.execute("PRAGMA foreign_keys = ON")
    for sql in schema:
        conn.execute(sql)
    conn.execute("BEGIN")
    for sql, rows in data.values():
        conn.executemany(sql, rows)
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


def run(workdir: Path, households: int) -> list[dict]:
    ours_db = Path(workdir) / "demo-build.sqlite"
    base_db = Path(workdir) / "demo-baseline.sqlite"
    remove_db(ours_db)
    cpu0 = time.process_time()
    ours, summary = timed(lambda: build_demo(ours_db, COUNTY, households, SEED))
    ours_cpu = time.process_time() - cpu0
    schema, data = _rows(ours_db)
    remove_db(base_db)
    cpu0 = time.process_time()
    base, _ = timed(lambda: baseline_insert(base_db, schema, data))
    base_cpu = time.process_time() - cpu0
    nrows = sum(len(rows) for _sql, rows in data.values())
    # CPU seconds too: on a shared machine they vary far less with load than wall time.
    note = (f"{summary.households:,} households, {summary.visits:,} visits, {nrows:,} rows; "
            f"CPU {ours_cpu:.1f} s vs {base_cpu:.1f} s ({ours_cpu / base_cpu:.2f}×)")
    remove_db(ours_db)
    remove_db(base_db)
    return [row("demo build", ours, "sqlite3 executemany", base, note)]

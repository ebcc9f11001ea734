"""Reconciliation of the whole county (218,800 households for 330411): households in the
register, visited, covered, not covered by reason, never visited, found in the field, probable
duplicates (same ID-number hash county-wide, or the same head name in a village group) and
coverage, for every village rolled up to townships and the county.

Baseline: one raw sqlite3 `SELECT village_code, status, count(*) ... GROUP BY` over the same
households (what a hand-written status count costs). Goal: ours well under one second.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fieldapp.store import Store
from fieldapp.store.reports.reconciliation_counts import reconciliation

from .common import county_db, row, timed


def _baseline(path: Path) -> int:
    conn = sqlite3.connect(path)
    n = len(conn.execute("SELECT village_code, status, count(*) FROM households"
                         " WHERE deleted = 0 GROUP BY village_code, status").fetchall())
    conn.close()
    return n


def run(workdir: Path, households: int) -> list[dict]:
    path = county_db(workdir)
    store = Store.open(path)
    reconciliation(store)  # warm the page cache for both sides alike
    _baseline(path)
    ours = min(timed(lambda: reconciliation(store))[0] for _ in range(3))
    base = min(timed(lambda: _baseline(path))[0] for _ in range(3))
    figures = reconciliation(store)
    store.close()
    return [row(f"reconcile county ({figures.households:,} households)", ours,
                "raw GROUP BY village, status", base,
                f"{figures.duplicates:,} probable duplicates; goal < 1 s")]

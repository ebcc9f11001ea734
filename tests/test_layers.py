"""House rule: only fieldapp/store runs SQL against the SQLite database (fieldapp/rollup runs the
roll-up's own PostgreSQL and reads the county database through store/rollup_source.py).  (No Qt below ui and the direction of imports
between layers: tests/test_import_contracts.py.)"""

import re
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "fieldapp"


def test_only_store_runs_sql():
    bad = [str(p.relative_to(PKG)) for p in PKG.rglob("*.py")
           if p.relative_to(PKG).parts[0] not in ("store", "rollup")
           and re.search(r"\.execute\(|executemany\(", p.read_text(encoding="utf-8"))]
    assert bad == []


def test_rollup_reads_sqlite_only_through_store():
    for p in (PKG / "rollup").rglob("*.py"):
        text = p.read_text(encoding="utf-8")
        assert "import sqlite3" not in text and "store.conn" not in text, p.name

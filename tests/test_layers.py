"""House rule: only fieldapp/store runs SQL.  (No Qt below ui and the direction of imports
between layers: tests/test_import_contracts.py.)"""

import re
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "fieldapp"


def test_only_store_runs_sql():
    bad = [str(p.relative_to(PKG)) for p in PKG.rglob("*.py")
           if "store" not in p.relative_to(PKG).parts[:1]
           and re.search(r"\.execute\(|executemany\(", p.read_text(encoding="utf-8"))]
    assert bad == []

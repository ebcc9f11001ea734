"""House rules: lower layers never import Qt; only fieldapp/store runs SQL."""

import re
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "fieldapp"
QT_FREE = ("core", "survey", "store", "geo", "sync", "reports", "demo", "tabular")


def _py(sub):
    return sorted((PKG / sub).rglob("*.py")) if (PKG / sub).exists() else []


def test_no_qt_below_ui():
    bad = [str(p.relative_to(PKG)) for sub in QT_FREE for p in _py(sub)
           if re.search(r"^\s*(from|import)\s+PySide6", p.read_text(encoding="utf-8"), re.M)]
    assert bad == []


def test_only_store_runs_sql():
    bad = [str(p.relative_to(PKG)) for p in PKG.rglob("*.py")
           if "store" not in p.relative_to(PKG).parts[:1]
           and re.search(r"\.execute\(|executemany\(", p.read_text(encoding="utf-8"))]
    assert bad == []

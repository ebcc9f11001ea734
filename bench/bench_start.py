"""Cold start: a fresh process until the main window shows the county (tree filled, status
bar set), against a bare `python` that opens the database with sqlite3 and counts households,
and against an empty Qt main window (what any PySide6 app pays before it does anything).

Both are whole processes timed from spawn to a "ready" line on stdout (interpreter start and
imports included), best of a few runs so a cold disk cache does not decide it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import county_db, row

RUNS = 3

_APP = r"""
import sys
from fieldapp.ui.shell.app import make_app
from fieldapp.ui.shell.main_window import MainWindow
app = make_app()
w = MainWindow()
w.show()
ok = w.open_path(sys.argv[1])
app.processEvents()
print("READY" if ok else "FAILED", flush=True)
"""

_BARE_QT = r"""
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.resize(1366, 740)
w.show()
app.processEvents()
print("READY", flush=True)
"""

_BARE = r"""
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("SELECT count(*) FROM households").fetchone()
print("READY", flush=True)
"""


def _time_process(script: str, db: Path, env: dict) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", script, str(db)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline().strip()
    elapsed = time.perf_counter() - t0
    proc.stdout.close()
    _out, err = proc.communicate(timeout=120)
    if line != "READY":
        raise RuntimeError(f"start failed ({line!r}): {err.strip()[-2000:]}")
    return elapsed


def run(workdir: Path, households: int) -> list[dict]:
    db = county_db(workdir)
    main_window = Path(__file__).resolve().parent.parent / "fieldapp" / "ui" / "main_window.py"
    with tempfile.TemporaryDirectory(prefix="bench-start-home-") as home:
        # A private home so the recent-files list of whoever runs this is left alone.
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home, QT_QPA_PLATFORM="offscreen")
        bare = min(_time_process(_BARE, db, env) for _ in range(RUNS))
        bare_qt = min(_time_process(_BARE_QT, db, env) for _ in range(RUNS))
        if not main_window.exists():
            return [row("cold start (main window)", None, "python + sqlite3 open", bare,
                        "no main window yet")]
        ours = min(_time_process(_APP, db, env) for _ in range(RUNS))
    note = f"best of {RUNS}, offscreen"
    return [row("cold start (main window)", ours, "python + sqlite3 open", bare, note),
            row("cold start (main window)", ours, "empty Qt window", bare_qt, note)]

"""Cold start: a fresh process started as the app starts (`fieldapp DB`: the main window shows,
then the database opens from the event loop) until

- window: the main window has painted the county's counts (tree filled, status bar set),
- list: the household list has painted its first rows (usable: it scrolls and selects),

against an empty Qt main window (what any PySide6 app pays before it does anything) and a bare
`python` that opens the database with sqlite3 and counts households.

Memory: the app with the county open and the map tab shown (every household loaded and painted),
the process's resident set (VmRSS) against the brief's limit of 300 MB.

Every figure is a whole process timed from spawn to a line on stdout (interpreter start and
imports included), best of a few runs so a cold disk cache does not decide it. fieldapp is
byte-compiled first, as an installed app is (pip and the PyInstaller build ship .pyc): with
PYTHONDONTWRITEBYTECODE set, a source tree would otherwise be compiled again at every start.
"""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import county_db, row

RUNS = 5
RSS_LIMIT_MB = 300

# The app as `fieldapp DB` starts it (ui.shell.app.run_app: make_app, show_main_window, exec),
# with a watch on two paints.
_APP = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from fieldapp.ui.shell.app import make_app, show_main_window

MAP = len(sys.argv) > 2 and sys.argv[2] == "map"


def status_mb(key):  # VmRSS (resident now) or VmHWM (the most it has been), in MB
    with open("/proc/self/status", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint:  # both widgets paint in the same frame of the window
            if w.count_label.text() and "window" not in seen:
                seen.add("window")
                print("WINDOW", flush=True)
            if obj is w.table.view.viewport() and w.table.model.rowCount() and "list" not in seen:
                seen.add("list")
                print("LIST", flush=True)
                if MAP:
                    QTimer.singleShot(0, show_map)
                else:
                    app.quit()
        return False


def show_map():
    w.centre.setCurrentWidget(w.map_view)
    w.map_view.canvas.installEventFilter(done)


class Done(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint and w.map_view.data is not None and "map" not in seen:
            seen.add("map")
            QTimer.singleShot(0, report)
        return False


def report():  # once the map has also built its pick index (shortly after its first frame)
    if w.map_view.data._tree is None:
        QTimer.singleShot(50, report)
        return
    print(f"RSS {status_mb('VmRSS'):.1f} {status_mb('VmHWM'):.1f} {len(w.map_view.data.x)}",
          flush=True)
    app.quit()


seen = set()
app = make_app()
w = show_main_window(sys.argv[1])  # as run_app: shown, the database opening from the event loop
watch, done = Watch(), Done()
w.count_label.installEventFilter(watch)  # before the event loop paints anything
w.table.view.viewport().installEventFilter(watch)
QTimer.singleShot(120_000, lambda: app.exit(1))  # e.g. an error dialog waiting for a click
sys.exit(app.exec())
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


def _run_process(script: str, args: list[str], env: dict,
                 until: str = "READY") -> dict[str, tuple[float, str]]:
    """Start `script`; for every line on stdout, (seconds since spawn, rest of the line) by its
    first word, until the line starting with `until`."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    marks: dict[str, tuple[float, str]] = {}
    for line in proc.stdout:
        word, _, rest = line.strip().partition(" ")
        marks[word] = (time.perf_counter() - t0, rest)
        if word == until:
            break
    proc.stdout.close()
    _out, err = proc.communicate(timeout=300)
    if until not in marks:
        raise RuntimeError(f"start failed ({sorted(marks)}): {err.strip()[-2000:]}")
    return marks


def _best(scripts: dict[str, tuple[str, list[str], str]], env: dict) -> dict[str, dict]:
    """Best of RUNS for each script, run in turn (one of each, then again) so that a busy
    moment of the machine falls on all of them alike. name -> {mark: seconds}."""
    runs: dict[str, list] = {name: [] for name in scripts}
    for _ in range(RUNS):
        for name, (script, args, until) in scripts.items():
            runs[name].append(_run_process(script, args, env, until))
    return {name: {k: min(r[k][0] for r in rs) for k in rs[0]} for name, rs in runs.items()}


def run(workdir: Path, households: int) -> list[dict]:
    db = str(county_db(workdir))
    compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "fieldapp"), quiet=1)
    with tempfile.TemporaryDirectory(prefix="bench-start-home-") as home:
        # A private home so the recent-files list of whoever runs this is left alone.
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home, QT_QPA_PLATFORM="offscreen")
        best = _best({"bare": (_BARE, [db], "READY"), "bare_qt": (_BARE_QT, [db], "READY"),
                      "ours": (_APP, [db], "LIST")}, env)
        bare, bare_qt, ours = best["bare"]["READY"], best["bare_qt"]["READY"], best["ours"]
        window, listed = ours["WINDOW"], ours["LIST"]
        memory = _run_process(_APP, [db, "map"], env, until="RSS")
    rss, peak, points = memory["RSS"][1].split()
    note = f"best of {RUNS}, offscreen"
    rows = [row("cold start (window with counts)", window, "python + sqlite3 open", bare, note),
            row("cold start (window with counts)", window, "empty Qt window", bare_qt,
                f"{note}; target ≤ 3×"),
            row("household list usable, after the window", listed - window, "", None,
                f"{note}; {listed:.3f} s from start; target ≤ 0.5 s")]
    verdict = "within" if float(peak) < RSS_LIMIT_MB else "OVER"
    rows.append(row("memory, county open and map shown", memory["RSS"][0], "", None,
                    f"{float(rss):.0f} MB resident, at most {float(peak):.0f} MB ({verdict} "
                    f"{RSS_LIMIT_MB} MB); {int(points):,} points on the map, pick index built; "
                    f"time = start to then"))
    return rows

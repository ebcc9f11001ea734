"""The app open while commands run on the same database, then killed: the real main window
(offscreen, its own process) completes visits through the visit form one after another while
every kind of command reads or writes the same file beside it; after `kill -9` every visit the app
reported complete is complete in the database and `fieldapp check` passes (issue 14, the visit
once lost beside `fieldapp sheets`)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from fault_helpers import assert_checks_out, rows

from fieldapp.demo.sample_register import make_register
from fieldapp.store import Store

pytestmark = [pytest.mark.ui, pytest.mark.slow]

APP = textwrap.dedent("""
    import sys, time
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from fieldapp.store import Store
    from fieldapp.ui.shell.main_window import MainWindow

    store = Store.open(sys.argv[1])
    window = MainWindow(store)
    window.show()
    homes = [r[0] for r in store.conn.execute(
        "SELECT uuid FROM households WHERE status = 'not_visited' ORDER BY uuid LIMIT 400")]
    ANSWERS = [("visit_result", "met"), ("reception_mode", "iptv"), ("works_now", "yes"),
               ("operator", "telecom"), ("broadband", "yes"), ("eb_terminal", "no"),
               ("satisfaction", "satisfied"), ("head_phone", "13912345678")]
    print("ready", flush=True)
    for hh in homes:
        window.open_visit(hh)  # what Enter on the household list does
        form = window.visit_dialog.form_widget
        for name, value in ANSWERS:  # each answer autosaved as the editor reports it
            form.editors[name].edited.emit(value, True)
            app.processEvents()
        if not form.complete():
            print("refused", hh, flush=True)
            continue
        print("completed", hh, flush=True)
        for _ in range(3):
            app.processEvents()
            time.sleep(0.02)
    print("all done", flush=True)
    while True:
        app.processEvents()
        time.sleep(0.05)
""")


def _cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fieldapp", *map(str, args)], check=False,
                          capture_output=True, text=True, timeout=300)


def test_visits_saved_by_the_app_survive_commands_beside_it_and_a_kill(demo_path, tmp_path):
    with Store.open(demo_path) as s:
        village = s.conn.execute(
            "SELECT village_code FROM households GROUP BY village_code"
            " ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        villages = [tuple(r) for r in s.conn.execute(
            "SELECT code, name FROM areas WHERE level = 'village' ORDER BY code LIMIT 2")]
    register = make_register(tmp_path / "reg.xlsx", villages, 200, seed=3, region="140802").path
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    app = subprocess.Popen([sys.executable, "-c", APP, str(demo_path)], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, env=env)
    commands = [
        ("sheets", demo_path, "--village", village, "-o", tmp_path / "v.pdf"),
        ("info", demo_path, "--json"),
        ("reconcile", demo_path, "--json"),
        ("import-register", demo_path, register, "--dry-run", "--json"),
        ("import-register", demo_path, register, "--json"),
        ("gaps", demo_path, "-o", tmp_path / "gaps.xlsx"),
        ("backup", demo_path),
        ("report", demo_path, "-o", tmp_path / "r.xlsx"),
        ("check", demo_path),
        ("imports", demo_path, "--undo", "1"),
    ]
    outcomes = []
    try:
        assert app.stdout.readline().strip() == "ready", app.stderr.read()
        assert app.stdout.readline().startswith("completed")  # the app is writing
        for args in commands:
            r = _cli(*args)
            outcomes.append((args[0], r.returncode, r.stderr.strip()[-300:]))
        time.sleep(0.5)
    finally:
        app.send_signal(signal.SIGKILL)
        out, err = app.communicate(timeout=60)
    completed = [line.split()[1] for line in out.splitlines() if line.startswith("completed")]
    assert "Traceback" not in err, err[-2000:]
    for name, rc, stderr in outcomes:  # each command did its work, or said clearly why not
        assert rc == 0 or (stderr and "Traceback" not in stderr), (name, rc, stderr)
    assert len(completed) >= 5, out
    done = {hh for (hh,) in rows(demo_path, "SELECT household_uuid FROM visits"
                                            " WHERE state = 'complete'")}
    assert set(completed) <= done  # nothing the app reported complete was lost
    states = dict(rows(demo_path, "SELECT uuid, status FROM households"))
    assert all(states[hh] == "covered" for hh in completed)
    assert_checks_out(demo_path)

"""Killing the app in the middle of a visit loses no answer: a child process fills in the form,
reports each save, and is killed with SIGKILL; the draft must hold every answer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from fieldapp.store import Store
from fieldapp.store import visits as V

pytestmark = [pytest.mark.ui, pytest.mark.slow]

CHILD = textwrap.dedent("""
    import sys, time
    from PySide6.QtWidgets import QApplication
    from PySide6.QtTest import QTest
    from fieldapp.store import Store
    from fieldapp.survey.registry import bundled_form
    from fieldapp.ui.visit.visit_form import VisitFormWidget

    app = QApplication([])
    store = Store.open(sys.argv[1])
    w = VisitFormWidget(store, sys.argv[2], bundled_form("huhutong_household"), language="zh")
    w.show()
    saves = []
    w.saved.connect(lambda uuid: saves.append(uuid))
    # met, IPTV, works, China Telecom, no broadband (each question picked, whatever its default)
    for name, key in (("visit_result", "1"), ("reception_mode", "2"), ("works_now", "1"),
                      ("operator", "1"), ("broadband", "2")):
        w.focus_field(name)
        QTest.keyClick(w.focusWidget(), key)
    w.focus_field("notes")
    line = w.editors["notes"].line
    line.setText("门口有狗")
    line.textEdited.emit("门口有狗")
    deadline = time.time() + 10
    while w.state.answers.get("notes") is None and time.time() < deadline:
        app.processEvents()
        time.sleep(0.02)
    print("saved", len(saves), w.visit_uuid, flush=True)
    while True:  # keep running until killed, like a surveyor who never closes the app
        app.processEvents()
        time.sleep(0.05)
""")


def test_answers_survive_a_killed_process(demo_path, tmp_path):
    with Store.open(demo_path) as store:
        household = store.conn.execute(
            "SELECT uuid FROM households WHERE status = 'not_visited' LIMIT 1").fetchone()[0]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(demo_path), household],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = child.stdout.readline()
        assert line.startswith("saved"), child.stderr.read() if child.poll() is not None else line
        _, saves, visit_uuid = line.split()
        assert int(saves) >= 2  # each change saved on its own (defaults need no save)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    with Store.open(demo_path) as store:
        draft = V.latest_draft(store, household, "huhutong_household")
        assert draft["uuid"] == visit_uuid and draft["state"] == "draft"
        answers = draft["answers"]
        assert {k: answers[k] for k in ("visit_result", "reception_mode", "works_now", "operator",
                                        "broadband", "notes")} == {
            "visit_result": "met", "reception_mode": "iptv", "works_now": "yes",
            "operator": "telecom", "broadband": "no", "notes": "门口有狗"}
        audited = store.conn.execute(
            "SELECT count(*) FROM audit_log WHERE record_uuid = ?", (visit_uuid,)).fetchone()[0]
        assert audited >= 2

"""Failures stay visible: an unhandled exception (in a slot, a worker thread, at start-up) is
written to a log file in the app-data folder and shown in a dialog naming that file."""

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldapp.ui.shell import crash

pytestmark = [pytest.mark.ui, pytest.mark.qt_no_exception_capture]


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "appdata"))
    return tmp_path / "appdata"


@pytest.fixture
def handler(qapp, home, monkeypatch):
    shown = []
    monkeypatch.setattr(crash, "show_crash_dialog",
                        lambda parent, path, summary, details: shown.append((path, summary)))
    h = crash.CrashHandler(qapp).install()
    h.shown = shown
    yield h
    h.uninstall()
    h.deleteLater()


def _boom():
    raise ZeroDivisionError("division by zero in a slot")


def test_exception_in_a_slot_is_logged_and_shown(handler, home, qtbot):
    QTimer.singleShot(0, _boom)
    qtbot.waitUntil(lambda: bool(handler.shown), timeout=3000)
    path, summary = handler.shown[0]
    assert path.startswith(str(home / "logs" / "crash-"))
    text = Path(path).read_text(encoding="utf-8")
    assert "ZeroDivisionError: division by zero in a slot" in text
    assert "_boom" in text  # the traceback, for whoever fixes it
    assert "ZeroDivisionError" in summary
    assert "division by zero in a slot" in (home / "logs" / "fieldapp.log").read_text("utf-8")


def test_exception_in_a_python_thread_is_shown_on_the_gui_thread(handler, qtbot):
    seen_on = []
    original = handler._show

    def record(path, summary, details):
        seen_on.append(QThread.currentThread() is QCoreApplication.instance().thread())
        original(path, summary, details)

    handler.reported.disconnect()
    handler.reported.connect(record)
    t = threading.Thread(target=_boom, name="worker")
    t.start()
    t.join()
    qtbot.waitUntil(lambda: bool(handler.shown), timeout=3000)
    assert seen_on == [True]
    assert "thread: worker" in Path(handler.shown[0][0]).read_text(encoding="utf-8")


def test_exception_in_a_qthread_worker(handler, qtbot):
    class Worker(QObject):
        done = Signal()

        def run(self):
            try:
                _boom()
            finally:
                self.done.emit()

    thread = QThread()
    worker = Worker()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.done.connect(thread.quit)
    thread.start()
    qtbot.waitUntil(lambda: bool(handler.shown), timeout=3000)
    thread.wait(2000)
    assert "ZeroDivisionError" in handler.shown[0][1]


def test_one_dialog_at_a_time(handler, qapp, monkeypatch, qtbot):
    """Errors while the dialog is open are logged, not stacked into dialogs."""
    opened = []

    def slow_dialog(parent, path, summary, details):
        opened.append(path)
        handler.excepthook(ValueError, ValueError("second"), None)
        qapp.processEvents()

    monkeypatch.setattr(crash, "show_crash_dialog", slow_dialog)
    handler.excepthook(ValueError, ValueError("first"), None)
    qapp.processEvents()
    assert len(opened) == 1
    assert len(list(handler.last_log.parent.glob("crash-*.log"))) == 2


def test_dialog_names_the_log_file_and_lets_the_user_carry_on(qapp, home, qtbot):
    path = crash.write_crash_log(RuntimeError, RuntimeError("x"), None)
    result = {}

    def press_continue():
        box = QApplication.activeModalWidget()
        result["text"] = box.text()
        result["buttons"] = [b.text() for b in box.buttons()]
        for b in box.buttons():
            if box.buttonRole(b) == QMessageBox.AcceptRole:
                b.click()

    QTimer.singleShot(100, press_continue)
    role = crash.show_crash_dialog(None, str(path), "RuntimeError: x", "Traceback ...")
    assert role == QMessageBox.AcceptRole
    assert str(path) in result["text"]
    assert len(result["buttons"]) >= 3


def test_crash_message_in_chinese(qapp, home):
    from fieldapp.ui.shell.i18n import install_translators

    translators = install_translators(qapp, "zh_CN")
    try:
        text = crash.crash_message("/x/crash.log")
        assert "意外问题" in text and "/x/crash.log" in text and "没有丢失" in text
    finally:
        for t in translators:
            qapp.removeTranslator(t)


def test_startup_failure_is_reported_not_silent(home, monkeypatch):
    shown = []
    monkeypatch.setattr(crash, "show_crash_dialog", lambda *a: shown.append(a))
    try:
        raise OSError("Qt platform plugin could not be initialized")
    except OSError as exc:
        assert crash.report_startup_failure(exc) == 1
    logs = list((home / "logs").glob("crash-*.log"))
    assert len(logs) == 1
    assert "context: startup" in logs[0].read_text("utf-8")


def test_log_folder_not_writable_still_shows_the_dialog(handler, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("FIELDAPP_HOME", str(blocker))
    handler.excepthook(ValueError, ValueError("no log"), None)
    QCoreApplication.processEvents()
    assert handler.shown and handler.shown[0][0] in ("", ".")


def test_a_crashing_app_process_writes_its_log(tmp_path):
    """End to end in a child process: the app starts, a slot raises, the log appears, the
    dialog is shown (closed by the script), and the process goes on to exit normally."""
    script = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from fieldapp.ui.shell.app import make_app
app = make_app()
def boom():
    raise KeyError("lost field")
def close_dialog():
    box = QApplication.activeModalWidget()
    print("DIALOG", isinstance(box, QMessageBox), flush=True)
    box.buttons()[0].click() if box else None
    QTimer.singleShot(50, app.quit)
QTimer.singleShot(0, boom)
QTimer.singleShot(500, close_dialog)
sys.exit(app.exec())
"""
    env = {"FIELDAPP_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen",
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", script], check=False, env=env,
                          capture_output=True, text=True, timeout=60)
    assert time.monotonic() - started < 60
    assert "DIALOG True" in proc.stdout, proc.stderr
    logs = list((tmp_path / "home" / "logs").glob("crash-*.log"))
    assert len(logs) == 1 and "KeyError: 'lost field'" in logs[0].read_text("utf-8")

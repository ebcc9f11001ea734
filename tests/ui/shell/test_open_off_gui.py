"""File → Open never freezes the window: the file is checked on a worker thread, a slow or
stalled check can be cancelled at once, and the database open until then stays open."""

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

from fieldapp.jobs import open_database as opening
from fieldapp.store.households import queries

pytestmark = pytest.mark.ui


@pytest.fixture
def held_check(monkeypatch):
    """The check of the file hangs (a stalled USB stick) until `release` is set."""
    release = threading.Event()
    real = opening.check_database

    def held(path):
        release.wait(20)
        real(path)

    monkeypatch.setattr(opening, "check_database", held)
    yield release
    release.set()


@pytest.fixture
def chinese(qapp):
    from fieldapp.ui.shell.i18n import install_translators

    translators = install_translators(qapp, "zh_CN")
    yield
    for t in translators:
        qapp.removeTranslator(t)


def _ticking(every_ms, on_tick):
    timer = QTimer()
    timer.timeout.connect(on_tick)
    timer.start(every_ms)
    return timer


def test_not_a_database_is_refused_in_chinese_while_the_window_keeps_running(
        window, demo_store, tmp_path, monkeypatch, held_check, chinese):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    junk = tmp_path / "花名册.sqlite"
    junk.write_bytes(b"this is not a database at all " * 4000)  # SQLite itself must look at it
    ticks = []

    def tick():  # the window's event loop runs while the check hangs: it lets the check go on
        ticks.append(1)
        if len(ticks) == 20:
            held_check.set()

    timer = _ticking(5, tick)
    try:
        assert window.open_path(str(junk)) is False
    finally:
        timer.stop()
    assert len(ticks) >= 20  # the check was let go by the ticking window, not by its timeout
    assert len(shown) == 1 and "不是 fieldapp 数据库" in shown[0] and str(junk) in shown[0]
    assert window.store is demo_store  # the database open until now stays open
    assert str(demo_store.path) in window.db_label.text()


def test_cancel_during_a_held_open_returns_at_once_and_keeps_the_open_database(
        window, demo_store, demo_path, monkeypatch, held_check):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    title = window.windowTitle()
    seen = []

    def cancel_when_shown():  # the user sees the progress dialog and presses Cancel
        for dialog in window.findChildren(QProgressDialog):
            if dialog.isVisible() and not dialog.wasCanceled():
                seen.append(dialog.labelText())
                dialog.findChild(QPushButton).click()

    timer = _ticking(20, cancel_when_shown)
    try:
        assert window.open_path(str(demo_path)) is False
    finally:
        timer.stop()
    assert not held_check.is_set()  # returned while the check still hangs on its thread
    assert seen and str(demo_path) in seen[0]
    assert shown == []  # a cancel is no error
    assert window.store is demo_store and window.windowTitle() == title
    assert queries.area_counts(window.store)  # and it still answers on the GUI thread


def test_an_older_database_is_upgraded_on_the_worker_thread_then_opened(window, tmp_path,
                                                                         monkeypatch):
    from fieldapp.store import db as dbmod
    from fieldapp.store.schema import SCHEMA_VERSION
    from fieldapp.store.setup import new_county_database

    old = tmp_path / "旧版.sqlite"
    with monkeypatch.context() as m:  # a county database of the release of schema 5
        m.setattr(dbmod, "SCHEMA_VERSION", 5)
        new_county_database(old, "140824").close()
    upgraded_on = []
    real = dbmod.Store._migrate

    def migrate(store, current):
        upgraded_on.append((current, threading.current_thread() is threading.main_thread()))
        real(store, current)

    monkeypatch.setattr(dbmod.Store, "_migrate", migrate)
    assert window.open_path(str(old))
    assert upgraded_on == [(5, False)]  # the window did not wait on the migrations
    assert window.store.path == old and window.store.schema_version == SCHEMA_VERSION


def test_a_second_open_while_one_is_checked_is_ignored(window, tmp_path, monkeypatch, held_check):
    """File → Open chosen again within the moment before the progress dialog shows: the first
    open goes on and ends opened; the second does nothing (it does not replace the first)."""
    from fieldapp.store.setup import new_county_database

    first, second = tmp_path / "甲.sqlite", tmp_path / "乙.sqlite"
    for path in (first, second):
        new_county_database(path, "140824").close()
    again = []

    def tick():
        if not again:  # the user opens another file while the first is still being checked
            again.append((window.open_path(str(second)), held_check.is_set()))
            held_check.set()

    timer = _ticking(5, tick)
    try:
        assert window.open_path(str(first)) is True
    finally:
        timer.stop()
    assert again == [(False, False)]  # refused at once, while the first check still held
    assert window.store.path == first

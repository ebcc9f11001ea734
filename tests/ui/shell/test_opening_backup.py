"""The automatic backup on opening a database in the app waits until the first screen is up, and
quitting before it is done leaves no half-written copy in the backups folder."""

import threading

import pytest

from fieldapp.store.backups import backup as B
from fieldapp.store.backups.backup import default_folder, list_backups
from fieldapp.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.ui


def test_the_backup_starts_after_the_window_has_shown_the_county(qtbot, demo_path):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    assert w.open_path(str(demo_path))
    assert not w.backup_thread.is_alive() and list_backups(demo_path) == []  # not yet
    qtbot.waitUntil(lambda: len(list_backups(demo_path)) == 1, timeout=60000)
    assert "start" in list_backups(demo_path)[0].path.name


def test_quitting_during_the_backup_leaves_no_partial_copy(qtbot, demo_path, monkeypatch):
    monkeypatch.setattr(B, "STEP_PAGES", 1)  # many small steps: time to quit half-way
    halfway = threading.Event()
    copy = B._copy

    def slow_copy(src, target, progress, *args):
        def report(done, total):
            if done > total // 2:
                halfway.set()
                w.backup_thread.cancel.wait(10)  # the user quits now
            return progress(done, total)

        return copy(src, target, report, *args)

    monkeypatch.setattr(B, "_copy", slow_copy)
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.open_path(str(demo_path))
    qtbot.waitUntil(halfway.is_set, timeout=60000)
    w.close()
    assert not w.backup_thread.is_alive()
    assert list_backups(demo_path) == []
    assert [p.name for p in default_folder(demo_path).iterdir() if "partial" in p.name] == []

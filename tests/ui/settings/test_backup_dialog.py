"""Backups and restore from the app: the automatic backups listed with what they hold, a restore
that brings the old data back into the open window (and can itself be undone), a backup to a
file, a wrong file refused, and a damaged database offering its backups."""

import os

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from fieldapp.store.backups import backup as B
from fieldapp.store.backups.content import database_content
from fieldapp.store.setup import new_county_database
from fieldapp.ui.settings.backup_dialog import BackupDialog
from fieldapp.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.ui


@pytest.fixture(autouse=True)
def _app_home(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "apphome"))


@pytest.fixture
def answers(monkeypatch):
    """Dialogs answered without a user: every question Yes (or what the test sets), messages
    recorded."""
    seen = {"question": [], "information": [], "critical": [], "reply": QMessageBox.Yes}

    def question(parent, title, text, *a, **k):
        seen["question"].append(text)
        return seen["reply"]

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information",
                        lambda p, t, text, *a, **k: seen["information"].append(text))
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda p, t, text, *a, **k: seen["critical"].append(text))
    return seen


@pytest.fixture
def window(qtbot, demo_path):
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.open_path(str(demo_path))
    w.backup_thread.wait()  # the automatic backup on opening
    w.show()
    return w


def _notes(store, uuid):
    return store.conn.execute("SELECT notes FROM households WHERE uuid = ?", (uuid,)).fetchone()[0]


def test_restore_brings_the_backup_back_into_the_open_window(window, demo_path, answers, qtbot):
    uuid = window.store.conn.execute("SELECT uuid FROM households LIMIT 1").fetchone()[0]
    with window.store.write("测试") as w:
        w.update("households", uuid, {"notes": "导入前的样子"})
    B.auto_backup(demo_path, "import")
    with window.store.write("测试") as w:
        w.update("households", uuid, {"notes": "导入后误改"})
    window.backup_action.trigger()
    dlg = window.backup_dialog
    reasons = [dlg.table.item(r, 1).text() for r in range(dlg.table.rowCount())]
    assert reasons[0] in ("导入前", "Before an import")  # newest first
    dlg.table.selectRow(0)
    assert "3,000" in dlg.details.text()  # what the selected backup holds
    assert dlg.restore(dlg._selected())
    assert "3,000" in answers["question"][0]  # the confirmation said what comes back
    assert _notes(window.store, uuid) == "导入前的样子"  # the window shows the restored data
    assert window.store.path == demo_path
    # the restore itself can be undone: the database as it was is a backup now
    safety = B.list_backups(demo_path)[0]
    assert safety.reason == "before_restore"
    assert str(safety.path) in answers["information"][0]  # and the user was told where


def test_answering_no_changes_nothing(window, demo_path, answers):
    uuid = window.store.conn.execute("SELECT uuid FROM households LIMIT 1").fetchone()[0]
    with window.store.write("测试") as w:
        w.update("households", uuid, {"notes": "保留"})
    answers["reply"] = QMessageBox.No
    dlg = BackupDialog(demo_path, window)
    assert not dlg.restore(dlg.backups[0].path)
    assert _notes(window.store, uuid) == "保留"


def test_backup_to_a_file(window, demo_path, answers, tmp_path, monkeypatch):
    dest = tmp_path / "U盘" / "备份.sqlite"
    dest.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(dest), ""))
    dlg = BackupDialog(demo_path, window)
    dlg.backup_to_file()
    assert dest.exists() and str(dest) in answers["information"][0]
    assert database_content(dest).households == 3000


def test_another_countys_file_is_refused(window, demo_path, answers, tmp_path):
    other = new_county_database(tmp_path / "秀洲区.sqlite", "330411")
    other.close()
    count = window.store.conn.execute("SELECT count(*) FROM households").fetchone()[0]
    dlg = BackupDialog(demo_path, window)
    assert not dlg.restore(tmp_path / "秀洲区.sqlite")
    assert answers["critical"] and "秀洲区" in answers["critical"][0]
    assert window.store.conn.execute("SELECT count(*) FROM households").fetchone()[0] == count


def test_damaged_database_offers_its_backups(qtbot, demo_path, answers, tmp_path):
    B.auto_backup(demo_path, "start")
    data = bytearray(demo_path.read_bytes())
    for offset in range(4096 * 3, len(data), 4096 * 7):
        data[offset: offset + 512] = os.urandom(512)
    demo_path.write_bytes(bytes(data))
    answers["reply"] = QMessageBox.No
    w = MainWindow()
    qtbot.addWidget(w)
    assert not w.open_path(str(demo_path))
    assert answers["critical"] and answers["question"]  # the error, then the offer
    assert "备份" in answers["question"][0] or "backup" in answers["question"][0]

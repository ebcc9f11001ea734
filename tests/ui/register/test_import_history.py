"""Undoing an import from the app: from the wizard's last page right after the import, and from
File → Import history; the confirmation says what will happen, and the window refreshes."""

import pytest
from PySide6.QtWidgets import QMessageBox

from fieldapp.demo.sample_register import make_register
from fieldapp.jobs.register_import import import_register
from fieldapp.ui.register.import_wizard import ImportRegisterWizard
from fieldapp.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.ui


@pytest.fixture(autouse=True)
def _app_home(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "apphome"))


@pytest.fixture
def answers(monkeypatch):
    seen = {"question": [], "information": [], "critical": []}
    monkeypatch.setattr(QMessageBox, "question",
                        lambda p, t, text, *a, **k: seen["question"].append(text)
                        or QMessageBox.Yes)
    monkeypatch.setattr(QMessageBox, "information",
                        lambda p, t, text, *a, **k: seen["information"].append(text))
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda p, t, text, *a, **k: seen["critical"].append(text))
    return seen


def _villages(store, n=2):
    return [tuple(r) for r in store.conn.execute(
        "SELECT code, name FROM areas WHERE level = 'village' ORDER BY code LIMIT ?", (n,))]


def _live(store):
    return store.conn.execute("SELECT count(*) FROM households WHERE deleted = 0").fetchone()[0]


def test_undo_right_after_the_import_in_the_wizard(qtbot, demo_store, tmp_path, answers):
    sample = make_register(tmp_path / "reg.xlsx", _villages(demo_store), 120, seed=21,
                           region="140802")
    before = _live(demo_store)
    wizard = ImportRegisterWizard(demo_store, None, sample.path)
    qtbot.addWidget(wizard)
    wizard.show()
    refreshed = []
    wizard.imported.connect(lambda: refreshed.append(1))
    wizard.next()
    wizard.next()
    wizard.next()  # imported
    page = wizard.done_page
    assert _live(demo_store) == before + wizard.result.added and page.undo.isEnabled()
    page.undo.click()
    assert f"{wizard.result.added:,}" in answers["question"][0]  # says how many go
    assert _live(demo_store) == before
    assert not page.undo.isEnabled() and len(refreshed) == 2  # import, then undo


def test_import_history_lists_and_undoes(qtbot, demo_path, tmp_path, answers):
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.open_path(str(demo_path))
    sample = make_register(tmp_path / "reg.xlsx", _villages(w.store), 80, seed=3,
                           region="140802", messy=False)
    result = import_register(w.store, sample.path)
    assert result.added > 0
    w.import_history_action.trigger()
    dlg = w.import_history
    assert dlg.table.rowCount() == 1 and dlg.table.item(0, 3).text() == "reg.xlsx"
    assert dlg.undo_button.isEnabled()
    dlg.undo_selected()
    assert _live(w.store) == 3000 and answers["information"]
    assert not dlg.undo_button.isEnabled()  # undone: cannot be undone twice
    assert dlg.table.item(0, 6).text().startswith(("已于", "Undone"))


def test_rejected_rows_can_still_be_saved_after_the_import(qtbot, demo_store, tmp_path, answers,
                                                           monkeypatch):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    sample = make_register(tmp_path / "reg.xlsx", _villages(demo_store), 120, seed=21,
                           region="140802")
    wizard = ImportRegisterWizard(demo_store, None, sample.path)
    qtbot.addWidget(wizard)
    wizard.show()
    for _ in range(3):
        wizard.next()
    page = wizard.done_page
    assert page.save.isEnabled()  # the check page cannot be reached again after importing
    out = tmp_path / "未导入.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    page.save.click()
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == sorted(sample.rejects)

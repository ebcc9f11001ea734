"""The register import wizard: detected header and columns, editable mapping, dry run with
row-numbered rejects, import, and cancel leaving the database unchanged."""

import pytest
from PySide6.QtWidgets import QMessageBox

from fieldapp.demo.sample_register import make_register
from fieldapp.ui.register.import_wizard import ImportRegisterWizard
from fieldapp.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.ui


def villages(store, n=2):
    return [tuple(r) for r in store.conn.execute(
        "SELECT code, name FROM areas WHERE level = 'village' ORDER BY code LIMIT ?", (n,))]


def count(store):
    return store.conn.execute("SELECT count(*) FROM households").fetchone()[0]


@pytest.fixture
def wizard(qtbot, demo_store, tmp_path):
    # IDs from another county so none collides with the demo households by chance
    sample = make_register(tmp_path / "reg.xlsx", villages(demo_store), 200, seed=21,
                           region="140802")
    w = ImportRegisterWizard(demo_store, None, sample.path)
    qtbot.addWidget(w)
    w.show()
    w.sample = sample
    return w


def test_wizard_walks_through_to_an_import(wizard, demo_store):
    before = count(demo_store)
    wizard.next()  # file read
    assert wizard.currentPage() is wizard.mapping
    assert wizard.mapping.header.value() == wizard.sample.header_row
    assert wizard.mapping.combos["head_name"].currentData() == 3
    wizard.next()  # dry run
    assert wizard.currentPage() is wizard.checking
    assert [p.row for p in wizard.check.rejected] == sorted(wizard.sample.rejects)
    assert count(demo_store) == before  # nothing written yet
    shown = {int(wizard.checking.problems.item(i, 0).text())
             for i in range(wizard.checking.problems.rowCount())}
    assert set(wizard.sample.rejects) <= shown
    wizard.next()  # import
    assert wizard.currentPage() is wizard.done_page
    assert count(demo_store) == before + len(wizard.sample.good_rows)
    assert wizard.result.added == len(wizard.sample.good_rows)


def test_user_can_change_header_row_and_columns(wizard, monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    wizard.next()
    page = wizard.mapping
    page.header.setValue(1)  # the title row: nothing maps
    assert page.combos["head_name"].currentData() == -1
    assert not page.validatePage() and warned
    page.header.setValue(wizard.sample.header_row)
    page.combos["phone"].setCurrentIndex(page.combos["phone"].findData(-1))  # skip phones
    assert page.validatePage()
    assert "phone" not in wizard.layout_.columns and wizard.layout_.columns["head_name"] == 3


def test_cancel_during_import_changes_nothing(wizard, demo_store, monkeypatch):
    before = count(demo_store)
    wizard.next()
    wizard.next()
    from fieldapp.ui.widgets import job_runner as import_job

    real = import_job._Worker._progress
    monkeypatch.setattr(import_job._Worker, "_progress",
                        lambda self, d, t: (self.cancel.set(), real(self, d, t))[1])
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    wizard.next()
    assert wizard.currentPage() is wizard.checking  # stayed: nothing imported
    assert count(demo_store) == before
    assert len(shown) == 1 and ("未做任何改动" in shown[0] or "Nothing was changed" in shown[0])


def test_unreadable_file_gives_a_dialog(qtbot, demo_store, tmp_path, monkeypatch):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    w = ImportRegisterWizard(demo_store, None, str(bad))
    qtbot.addWidget(w)
    w.show()
    errors = []
    monkeypatch.setattr("fieldapp.ui.register.import_pages.show_error",
                        lambda parent, exc, title=None: errors.append(str(exc)))
    w.next()
    assert w.currentPage() is w.source and errors and "bad.xlsx" in errors[0]


def test_file_menu_opens_the_wizard(qtbot, demo_store):
    win = MainWindow(demo_store)
    qtbot.addWidget(win)
    assert win.import_action in win.file_menu.actions()
    win.import_action.trigger()
    assert isinstance(win.import_wizard, ImportRegisterWizard)
    win.import_wizard.close()


def test_rows_not_imported_are_explained_in_the_ui_language(wizard):
    """The check page lists why each row is not imported in the language of the window."""
    import re

    from PySide6.QtCore import QSettings

    QSettings().setValue("ui/language", "en")
    wizard.next()  # file read
    wizard.next()  # dry run
    table = wizard.checking.problems
    reasons = [table.item(i, 2).text() for i in range(table.rowCount())]
    assert reasons and not any(re.search(r"[\u4e00-\u9fff]", r) for r in reasons)
    assert reasons == [p.text("en") for p in sorted(
        [*wizard.check.rejected, *wizard.check.warnings], key=lambda p: p.row)]

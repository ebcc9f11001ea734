"""Sheet and report screens: generate with progress on a worker thread, open the result, a
scanner typing the QR text into the verify field, the Print & reports menu."""

import sys
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt

from fieldapp.core.progress import Cancelled
from fieldapp.reports.payload import Payload
from fieldapp.store.reports import sheet_rows as sheets_rows
from fieldapp.store.reports.printed_sheets import find_page, last_printed
from fieldapp.ui.widgets import output_dialog
from fieldapp.ui.reports import sheets_dialog
from fieldapp.ui.reports.report_dialog import ReportDialog
from fieldapp.ui.reports.sheets_dialog import TOWN_COMBINED, SheetsDialog
from fieldapp.ui.reports.sheets_verify import VerifyDialog

pytestmark = pytest.mark.ui
TOWN = "140824100000"


@pytest.fixture
def village(demo_store):
    return sheets_rows.villages_under(demo_store, TOWN)[0]["code"]


def _payload_of_first_page(store):
    """The QR text of page 1 of the most recent sheet (as the scanner would type it)."""
    s = last_printed(store)
    page = find_page(store, s["sheet_id"], 1)
    return Payload(s["kind"], s["area_code"], s["stamp"], 1, s["pages"], s["sheet_id"],
                   page["row_hash"]).text()


def test_village_sheet_from_the_dialog(qtbot, demo_store, village, tmp_path, monkeypatch):
    dlg = SheetsDialog(demo_store, village)
    qtbot.addWidget(dlg)
    assert dlg.options[0].isChecked() and dlg.output.text().endswith(".pdf")
    dlg.output.setText(str(tmp_path / "v.pdf"))
    assert dlg.generate()
    assert (tmp_path / "v.pdf").stat().st_size > 10_000
    assert dlg.open_button.isEnabled() and dlg.print_button.isEnabled()
    opened = []
    monkeypatch.setattr(output_dialog, "open_in_viewer", opened.append)
    dlg.open_button.click()
    assert opened == [tmp_path / "v.pdf"]


def test_combined_township_pdf_and_cancel(qtbot, demo_store, village, tmp_path, monkeypatch):
    dlg = SheetsDialog(demo_store, village)
    qtbot.addWidget(dlg)
    dlg.options[TOWN_COMBINED].setChecked(True)
    assert dlg.code() == TOWN and "合并" in dlg.output.text()
    dlg.output.setText(str(tmp_path / "town"))
    assert dlg.generate()
    assert (tmp_path / "town.pdf").exists()

    def cancelled(*_a, **_k):
        raise Cancelled()

    monkeypatch.setattr(sheets_dialog, "make_sheets", cancelled)
    dlg.output.setText(str(tmp_path / "again.pdf"))
    assert not dlg.generate()
    assert not (tmp_path / "again.pdf").exists()
    assert dlg.status.text()


def test_bad_output_folder_is_a_dialog_not_a_traceback(qtbot, demo_store, village, tmp_path,
                                                       monkeypatch):
    shown = []
    monkeypatch.setattr(output_dialog, "show_error", lambda _p, exc, _t=None: shown.append(exc))
    dlg = SheetsDialog(demo_store, village)
    qtbot.addWidget(dlg)
    dlg.output.setText(str(tmp_path / "missing" / "v.pdf"))
    assert not dlg.generate()
    assert "输出目录不存在" in str(shown[0])


def test_scanner_input_verifies_then_lists_changes(qtbot, demo_store, village, tmp_path):
    dlg = SheetsDialog(demo_store, village)
    qtbot.addWidget(dlg)
    dlg.output.setText(str(tmp_path / "v.pdf"))
    assert dlg.generate()
    code = _payload_of_first_page(demo_store)

    verify = VerifyDialog(demo_store)
    qtbot.addWidget(verify)
    verify.show()
    assert not verify.code.testAttribute(Qt.WA_InputMethodEnabled)
    qtbot.keyClicks(verify.code, code)  # a USB scanner types like a keyboard …
    qtbot.keyClick(verify.code, Qt.Key_Return)  # … and ends with Enter
    # still open, the answer heard: an unsigned page is not proof, so three beeps
    assert verify.isVisible() and verify.beeps == 3
    assert verify.code.selectedText() == code  # the next scan replaces this one
    # the app prints demo sheets unsigned (no county key): the content matches, not "genuine"
    assert verify.result is not None and verify.result.status == "unsigned"
    assert "与数据库一致" in verify.result.message
    assert verify.changes.count() == 0

    first = sheets_rows.village_households(demo_store, village)[0]
    with demo_store.write("t") as w:
        w.update("households", first["uuid"], {"phone": "13900000000"})
    verify.code.setText(code)
    qtbot.keyClick(verify.code, Qt.Key_Return)
    assert not verify.result.ok
    assert verify.changes.count() == 1 and "联系电话" in verify.changes.item(0).text()
    assert verify.isVisible() and verify.beeps == 3

    verify.code.setText("hello")
    qtbot.keyClick(verify.code, Qt.Key_Return)
    assert verify.result is None and "不是本系统" in verify.answer.text()

    QSettings().setValue("ui/language", "en")  # the English window answers in English
    try:
        verify.code.setText(code)
        qtbot.keyClick(verify.code, Qt.Key_Return)
        assert "Not signed (an older version)" in verify.answer.text()
        assert "rows changed on this page: 1" in verify.answer.text()
        change = verify.changes.item(0).text()
        assert ": phone " in change and change.endswith(" -> 139****0000"), change
    finally:
        QSettings().remove("ui/language")


def test_report_dialog_writes_excel(qtbot, demo_store, village, tmp_path):
    dlg = ReportDialog(demo_store, village)
    qtbot.addWidget(dlg)
    assert dlg.scope.currentData() == TOWN
    dlg.format.setCurrentIndex(1)
    assert dlg.output.text().endswith(".xlsx")
    dlg.output.setText(str(tmp_path / "r.xlsx"))
    assert dlg.generate()
    assert "按村" in openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames
    assert dlg.open_button.isEnabled()


def test_main_window_has_the_print_and_reports_menu(qtbot, demo_store, village, monkeypatch):
    from fieldapp.ui.shell.main_window import MainWindow
    from fieldapp.ui.reports.sheets_dialog import SheetsDialog as Dialog

    win = MainWindow(demo_store)
    qtbot.addWidget(win)
    menu = win.sheets_menu
    titles = [a.text() for a in win.menuBar().actions()]
    assert menu.title() in titles
    assert titles.index(menu.title()) > titles.index(win.file_menu.title())
    assert len(menu.actions()) == 4
    win.tree.select(village)
    opened = []
    monkeypatch.setattr(Dialog, "open", lambda self: opened.append(self.village))
    menu.actions()[0].trigger()
    assert opened == [village]


def test_sheets_printed_at_the_county_ask_its_passphrase_retry_and_are_signed(
        qtbot, demo_path, tmp_path, monkeypatch):
    """The print dialog asks the county passphrase (again after a wrong one) and signs the QR
    payloads like `fieldapp sheets`; cancelling the question prints nothing."""
    from fieldapp.reports.payload import parse
    from fieldapp.reports.verify import verify
    from fieldapp.store import Store
    from fieldapp.sync.setup import init_county
    from fieldapp.ui.reports import county_key

    sys.path.insert(0, str(Path(__file__).parents[2] / "reports"))
    import sheet_pdftools as pdftools

    init_county(demo_path, "140824", "县里的口令 county")
    answers = [("wrong passphrase", True), ("县里的口令 county", True)]
    asked, warned = [], []

    def get_text(*args, **kwargs):
        asked.append(args[1])
        return answers.pop(0) if answers else ("", False)

    monkeypatch.setattr(county_key.QInputDialog, "getText", get_text)
    monkeypatch.setattr(county_key.QMessageBox, "warning", lambda *a: warned.append(a[2]))
    with Store.open(demo_path) as store:
        village = sheets_rows.villages_under(store, TOWN)[0]["code"]
        dlg = SheetsDialog(store, village)
        qtbot.addWidget(dlg)
        dlg.output.setText(str(tmp_path / "v.pdf"))
        assert dlg.generate()
        assert len(asked) == 2 and len(warned) == 1  # wrong once, then right
        qr = pdftools.qr_of_page(tmp_path / "v.pdf", 1, tmp_path)  # as a phone scans it
        assert parse(qr).signature and verify(store, qr).status == "genuine"
        # cancelling the passphrase question prints nothing
        dlg.output.setText(str(tmp_path / "w.pdf"))
        assert not dlg.generate()
        assert not (tmp_path / "w.pdf").exists()

"""The 打印 / 报表 menu of the main window: verification sheets, the one-household slip, checking
a printed page by its QR code, and the coverage report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from fieldapp.store.households import queries

from fieldapp.ui.widgets.errors import show_error


def _t(text: str) -> str:
    return QCoreApplication.translate("SheetsMenu", text)


def attach_sheets(window) -> QMenu:
    """Add the menu to `window` (a MainWindow: store, tree.current_code(), table.current_uuid())."""
    menu = QMenu(_t("&Print && reports"), window)
    window.menuBar().insertMenu(_before(window), menu)
    acts = [
        (_t("Verification &sheets…"), "Ctrl+P", lambda: _sheets(window)),
        (_t("Household confirmation &slip…"), None, lambda: _slip(window)),
        (_t("&Verify a printed sheet (scan QR)…"), "Ctrl+Shift+V", lambda: _verify(window)),
        (_t("Coverage &report…"), None, lambda: _report(window)),
    ]
    for text, key, slot in acts:
        act = QAction(text, window)
        if key:
            act.setShortcut(key)
        act.triggered.connect(slot)
        menu.addAction(act)
    menu.aboutToShow.connect(lambda: [a.setEnabled(window.store is not None)
                                      for a in menu.actions()])
    window.sheets_menu = menu
    return menu


def _before(window):
    for act in window.menuBar().actions():
        if act.menu() is not None and act.menu() not in (window.file_menu, window.view_menu):
            return act  # before Settings / Help
    return None


def _need_store(window) -> bool:
    if window.store is None:
        QMessageBox.information(window, _t("No database"), _t("Open a database first."))
        return False
    return True


def _sheets(window):
    from fieldapp.ui.reports.sheets_dialog import SheetsDialog

    if _need_store(window):
        dlg = SheetsDialog(window.store, window.tree.current_code(), window)
        window.sheets_dialog = dlg
        dlg.open()


def _verify(window):
    from fieldapp.ui.reports.sheets_verify import VerifyDialog

    if _need_store(window):
        dlg = VerifyDialog(window.store, window)
        window.verify_dialog = dlg
        dlg.open()


def _report(window):
    from fieldapp.ui.reports.report_dialog import ReportDialog

    if _need_store(window):
        dlg = ReportDialog(window.store, window.tree.current_code(), window)
        window.report_dialog = dlg
        dlg.open()


def _slip(window) -> None:
    if not _need_store(window):
        return
    uuid = window.table.current_uuid()
    hh = queries.household(window.store, uuid) if uuid else None
    if not hh:
        QMessageBox.information(window, _t("Household confirmation slip"),
                                _t("Select a household in the list first."))
        return
    from fieldapp.core.export_names import export_name

    start = Path(window.store.path).resolve().parent / export_name(hh["head_name"], "入户确认单",
                                                                   "pdf")
    path, _ = QFileDialog.getSaveFileName(window, _t("Save slip as"), str(start), "PDF (*.pdf)")
    if not path:
        return
    from fieldapp.jobs.sheets import make_slip  # reportlab: loaded when a slip is made
    from fieldapp.ui.reports.sheets_print import open_in_viewer
    from fieldapp.ui.reports.county_key import CANCELLED, ask_signing_key

    key = ask_signing_key(window, window.store)
    if key is CANCELLED:
        return
    try:
        make_slip(window.store.path, uuid, path, user=window.store.setting("surveyor") or "",
                  signing_key=key)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a dialog
        show_error(window, exc, _t("Cannot generate the slip"))
        return
    open_in_viewer(path)

"""The register room's entries in the main window's File menu. The wizard and the history dialog
(and the import job, the file readers, the backup policy behind them) load when first opened."""

from __future__ import annotations

from importlib import import_module

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction


def _entry(window, text: str, name: str, dialog: str, changed: str) -> QAction:
    """File → `text`: opens `dialog` ("module:Class", loaded then) on the open database; its
    signal `changed` refreshes the window."""
    module, cls = dialog.split(":")

    def make(store):
        dlg = getattr(import_module(module), cls)(store, window)
        getattr(dlg, changed).connect(window.refresh)
        return dlg

    return window.add_file_dialog(text, name, make)


def attach_register_import(window) -> QAction:
    """File → Import household register… in the main window; refreshes it after an import."""
    return _entry(window,
                  QCoreApplication.translate("ImportRegisterWizard", "Import household register…"),
                  "import_wizard", "fieldapp.ui.register.import_wizard:ImportRegisterWizard",
                  "imported")


def attach_import_history(window) -> QAction:
    """File → Import history… in the main window; refreshes it after an undo."""
    return _entry(window, QCoreApplication.translate("ImportHistoryDialog", "Import &history…"),
                  "import_history", "fieldapp.ui.register.import_history:ImportHistoryDialog",
                  "undone")

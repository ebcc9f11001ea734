"""File → Backups and restore… in the main window; the dialog loads when first opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from fieldapp.ui.settings.backup_dialog import BackupDialog


def attach_backups(window) -> QAction:
    """File → Backups and restore… in the main window; reopens the database after a restore."""
    def make(store) -> BackupDialog:
        from fieldapp.ui.settings.backup_dialog import BackupDialog

        dlg = BackupDialog(store.path, window)
        dlg.restored.connect(window.open_path)
        return dlg

    return window.add_file_dialog(
        QCoreApplication.translate("BackupDialog", "&Backups and restore…"), "backup_dialog", make)

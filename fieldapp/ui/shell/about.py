"""About fieldapp: version, the checklist versions in use, and where the program keeps its files
(data paths)."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
    QWidget,
)

from fieldapp import __version__
from fieldapp.core.appdata import app_data_dir, backups_dir, databases_dir, logs_dir
from fieldapp.core.paths import resource_dir

from fieldapp.ui.shell.app_resources import app_icon


def data_paths(store=None) -> list[tuple[str, Path]]:
    """(label key, path) of every place fieldapp reads or writes."""
    rows = [
        ("app_data", app_data_dir()),
        ("databases", databases_dir()),
        ("backups", backups_dir()),
        ("logs", logs_dir()),
        ("settings", Path(QSettings().fileName())),
        ("program", resource_dir().parent),
    ]
    if store is not None:
        rows.insert(0, ("database", Path(store.path)))
    return rows


class AboutDialog(QDialog):
    def __init__(self, store=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About fieldapp"))
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        title = QLabel(f"<h2>fieldapp {__version__}</h2>")
        blurb = QLabel(self.tr("Household TV coverage survey (户户通) — no household left out.\n"
                               "Works offline; township laptops hand sync bundles to the "
                               "county office."))
        blurb.setWordWrap(True)
        versions = QLabel(f"Python {platform.python_version()} · PySide6 {pyside_version} · "
                          f"{platform.system()} {platform.release()}"
                          + (" · " + self.tr("installed build") if getattr(sys, "frozen", False)
                             else ""))
        head = QHBoxLayout()
        head.addWidget(icon)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(blurb)
        text.addWidget(versions)
        head.addLayout(text, 1)

        labels = {
            "database": self.tr("Open database"),
            "app_data": self.tr("Data folder"),
            "databases": self.tr("Databases"),
            "backups": self.tr("Backups"),
            "logs": self.tr("Logs (error reports)"),
            "settings": self.tr("Settings file"),
            "program": self.tr("Program folder"),
        }
        form = QFormLayout()
        self.path_labels: dict[str, QLabel] = {}
        for key, path in data_paths(store):
            label = QLabel(str(path))
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            label.setWordWrap(True)
            self.path_labels[key] = label
            form.addRow(labels[key], label)
        self.forms_label = QLabel(self._forms_text(store))
        self.forms_label.setWordWrap(True)
        form.addRow(self.tr("Checklists in use"), self.forms_label)

        open_folder = QPushButton(self.tr("Open data folder"))
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(app_data_dir()))))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.addButton(open_folder, QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)

    def _forms_text(self, store) -> str:
        """Each checklist's version in use, and whether the county published it (it came in a
        reference bundle or was published here) or it was shipped with the program."""
        from fieldapp.jobs.form_publish import APP_FORMS
        from fieldapp.store.form_source import in_use

        lines = []
        for u in in_use(store, APP_FORMS):
            where = (self.tr("version %1, published by the county") if u.source == "database"
                     else self.tr("version %1, shipped with the program"))
            lines.append(f"{u.title}: " + where.replace("%1", u.version))
        return "\n".join(lines) or "-"

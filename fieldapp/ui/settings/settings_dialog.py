"""Settings: the program's language (this computer) and the open database's role, township,
surveyor and device name. A language change takes effect after a restart, offered at once."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QProcess, QSettings
from PySide6.QtWidgets import (
    QApplication, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel,
    QLineEdit, QMessageBox, QVBoxLayout, QWidget,
)

from fieldapp.core.gazetteer import COUNTIES
from fieldapp.store import Store
from fieldapp.store.profile import profile, set_profile, townships

from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.shell.first_run import remember_profile
from fieldapp.ui.shell.i18n import LANGUAGES, current_language


class SettingsDialog(QDialog):
    def __init__(self, store: Store | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(480)
        self.language_changed = False

        program = QGroupBox(self.tr("Program (this computer)"))
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(current_language()))
        pform = QFormLayout(program)
        pform.addRow(self.tr("Language"), self.language)
        note = QLabel(self.tr("A new language is used after fieldapp restarts."))
        note.setWordWrap(True)
        pform.addRow(note)

        database = QGroupBox(self.tr("This database"))
        self.role = QComboBox()
        self.role.addItem(self.tr("Township laptop"), "township")
        self.role.addItem(self.tr("County office"), "county")
        self.county = QLabel()
        self.township = QComboBox()
        self.surveyor = QLineEdit()
        self.device_name = QLineEdit()
        dform = QFormLayout(database)
        dform.addRow(self.tr("Role"), self.role)
        dform.addRow(self.tr("County"), self.county)
        dform.addRow(self.tr("Township"), self.township)
        dform.addRow(self.tr("Surveyor"), self.surveyor)
        dform.addRow(self.tr("Device name"), self.device_name)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        dform.addRow(self.problem)
        if store is None:
            database.setEnabled(False)
            self.county.setText(self.tr("Open a database to change its role, township, "
                                        "surveyor and device name."))
            self.county.setWordWrap(True)
        else:
            self._load(store)
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()

        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(program)
        layout.addWidget(database)
        layout.addWidget(buttons)
        self.database_box = database

    def _load(self, store: Store) -> None:
        p = profile(store)
        self.role.setCurrentIndex(max(0, self.role.findData(p["role"])))
        county = p["county_code"][:6]
        name = p["county_name"] or COUNTIES.get(county, "")
        self.county.setText(self.tr("%1 (fixed when the database was created)")
                            .replace("%1", f"{name} ({county})"))
        self.township.addItem(self.tr("(none)"), "")
        for code, tname in townships(store):
            self.township.addItem(f"{tname} ({code[:9]})", code)
        self.township.setCurrentIndex(max(0, self.township.findData(p["township_code"])))
        self.surveyor.setText(p["surveyor"])
        self.device_name.setText(p["device_name"])

    def _role_changed(self) -> None:
        self.township.setEnabled(self.store is not None and self.role.currentData() == "township")

    def _save(self) -> None:
        if self.store is not None:
            role = self.role.currentData()
            if role == "township" and not self.township.currentData():
                self.problem.setText(self.tr("A township laptop needs its township."))
                self.township.setFocus()
                return
            try:
                set_profile(self.store, role=role,
                            township_code=self.township.currentData() if role == "township"
                            else None,
                            surveyor=self.surveyor.text(), device_name=self.device_name.text())
            except Exception as exc:  # noqa: BLE001 - e.g. empty device name, read-only file
                show_error(self, exc, self.tr("Cannot save settings"))
                return
            remember_profile(self.surveyor.text().strip(), self.device_name.text().strip())
        language = self.language.currentData()
        self.language_changed = language != current_language()
        QSettings().setValue("ui/language", language)
        QSettings().sync()
        self.accept()


def restart_command(db_path: str | None) -> tuple[str, list[str]]:
    """The program and arguments that start fieldapp again (frozen build or source tree)."""
    args = [db_path] if db_path else []
    if getattr(sys, "frozen", False):
        return sys.executable, args
    return sys.executable, ["-m", "fieldapp", *args]


def open_settings(window) -> bool:
    """Settings… from the main window; offers a restart when the language changed."""
    dlg = SettingsDialog(window.store, window)
    if dlg.exec() != QDialog.Accepted:
        return False
    if window.store is not None:
        window.refresh()
    if dlg.language_changed:
        answer = QMessageBox.question(
            window, QCoreApplication.translate("SettingsDialog", "Language"),
            QCoreApplication.translate("SettingsDialog",
                                       "Restart fieldapp now to use the new language?"),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        if answer == QMessageBox.Yes:
            program, args = restart_command(str(window.store.path) if window.store else None)
            window.close()  # closes the database cleanly first
            if QProcess.startDetached(program, args):
                QApplication.instance().quit()
    return True

"""First-run setup: who uses this computer (township laptop or county office), for which county
and township (from the shipped real lists), the surveyor's name and the device name. Creates the
database in the app-data folder. Everything can be changed later in Settings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, QSysInfo
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QRadioButton, QVBoxLayout, QWidget,
)

from fieldapp.appdata import databases_dir, default_database_path
from fieldapp.gazetteer import COUNTIES, load_divisions
from fieldapp.store import Store
from fieldapp.store.profile import set_profile
from fieldapp.store.setup import new_county_database

from .errors import show_error


def default_device_name() -> str:
    return QSettings().value("profile/device_name", "") or QSysInfo.machineHostName() or "PC"


def remember_profile(surveyor: str, device_name: str) -> None:
    """The user's name and the device name are offered again for the next database."""
    settings = QSettings()
    settings.setValue("profile/surveyor", surveyor)
    settings.setValue("profile/device_name", device_name)


class FirstRunDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to fieldapp — first-time setup"))
        self.setMinimumWidth(520)
        intro = QLabel(self.tr(
            "Answer a few questions once. You can change them later under Settings."))
        intro.setWordWrap(True)

        self.township_role = QRadioButton(self.tr("Township laptop (visits households in the "
                                                  "villages)"))
        self.county_role = QRadioButton(self.tr("County office (merges the townships' data, "
                                                "prints sheets)"))
        self.roles = QButtonGroup(self)
        self.roles.addButton(self.township_role)
        self.roles.addButton(self.county_role)
        self.township_role.setChecked(True)
        role_box = QVBoxLayout()
        role_box.addWidget(self.township_role)
        role_box.addWidget(self.county_role)

        self.county = QComboBox()
        for code, name in COUNTIES.items():
            self.county.addItem(f"{name} ({code})", code)
        self.township = QComboBox()
        self.surveyor = QLineEdit(QSettings().value("profile/surveyor", "") or "")
        self.surveyor.setPlaceholderText(self.tr("e.g. 张伟"))
        self.device_name = QLineEdit(default_device_name())
        self.where = QLabel(self.tr("The database will be saved in: %1")
                            .replace("%1", str(databases_dir(create=False))))
        self.where.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("This computer is a"), role_box)
        form.addRow(self.tr("County"), self.county)
        form.addRow(self.tr("Township"), self.township)
        form.addRow(self.tr("Your name (surveyor)"), self.surveyor)
        form.addRow(self.tr("Device name"), self.device_name)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Create database"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.where)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self.county.currentIndexChanged.connect(self._fill_townships)
        self.township_role.toggled.connect(self._role_changed)
        self._fill_townships()

    # ----- form --------------------------------------------------------------------------
    def _fill_townships(self) -> None:
        self.township.clear()
        for d in load_divisions(self.county.currentData()):
            if d["level"] == "township":
                self.township.addItem(f"{d['name']} ({d['code'][:9]})", d["code"])

    def _role_changed(self) -> None:
        self.township.setEnabled(self.township_role.isChecked())

    def role(self) -> str:
        return "township" if self.township_role.isChecked() else "county"

    def values(self) -> dict[str, str]:
        return {
            "role": self.role(),
            "county_code": self.county.currentData(),
            "township_code": self.township.currentData() if self.role() == "township" else "",
            "surveyor": self.surveyor.text().strip(),
            "device_name": self.device_name.text().strip(),
        }

    def _accept(self) -> None:
        v = self.values()
        if not v["surveyor"]:
            self.problem.setText(self.tr("Please enter your name: it is recorded with every "
                                         "visit you make."))
            self.surveyor.setFocus()
            return
        if not v["device_name"]:
            self.problem.setText(self.tr("Please enter a device name, e.g. the township and a "
                                         "number."))
            self.device_name.setFocus()
            return
        self.problem.clear()
        self.accept()


def create_database(values: dict[str, str]) -> Store:
    """Create the first database in the app-data folder from the setup answers.

    A township laptop gets the real division list of its county with its own township set;
    the county's reference bundle (households and maps) is merged into it later."""
    township = values["township_code"] if values["role"] == "township" else None
    path = default_database_path(values["county_code"], township)
    store = new_county_database(path, values["county_code"], role=values["role"],
                                device_name=values["device_name"], surveyor=values["surveyor"])
    if township:
        set_profile(store, township_code=township)
    remember_profile(values["surveyor"], values["device_name"])
    return store


def run_first_run(parent: QWidget | None = None) -> Store | None:
    """Ask the setup questions and create the database; None when the user cancels."""
    dlg = FirstRunDialog(parent)
    while dlg.exec() == QDialog.Accepted:
        try:
            return create_database(dlg.values())
        except Exception as exc:  # noqa: BLE001 - e.g. app-data folder not writable
            show_error(parent, exc, QCoreApplication.translate("FirstRunDialog",
                                                             "Cannot create database"))
    return None

"""First-run setup: who uses this computer (township laptop or county office), for which county
and township (from the shipped real lists), the surveyor's name and the device name. Creates the
database in the app-data folder. Everything but the county can be changed later in Settings.

A county office gets its database with the real division list and its signing keys. A township
laptop first asks to be enrolled (its own key pair, a request file and the key fingerprint to
show the county office), then starts from the reference bundle the county wrote when it enrolled
it (households, maps, forms, the county's keys, this laptop's certificate); without one it gets
the division list only, to try things out.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QSysInfo
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.appdata import databases_dir, default_database_path
from fieldapp.core.gazetteer import COUNTIES, load_divisions
from fieldapp.store import Store
from fieldapp.store.profile import set_profile
from fieldapp.store.setup import new_county_database

from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.widgets.busy_runner import run_busy


def _t(text: str) -> str:
    return QCoreApplication.translate("FirstRunDialog", text)


def pending_key_file(create: bool = True) -> Path:
    """Where a new laptop keeps its key pair (encrypted) until the county's bundle comes."""
    return databases_dir(create=create) / "new-laptop.key"


def pending_fingerprint() -> str:
    from fieldapp.jobs import devices
    from fieldapp.sync.keys import fingerprint, unb64

    try:
        path = pending_key_file(create=False)
        if not path.exists():
            return ""
        return fingerprint(unb64(devices.load_pending(path)["sign"]))
    except Exception:  # noqa: BLE001 - a damaged file or no app-data folder: ask again
        return ""


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
        self.setMinimumWidth(560)
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

        self.use_bundle = QCheckBox(self.tr("Start from the county's reference bundle "
                                            "(recommended)"))
        self.bundle = QLineEdit()
        self.bundle.setPlaceholderText(self.tr("the bundle file (.fab) the county office gave you"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        bundle_row = QHBoxLayout()
        bundle_row.addWidget(self.bundle)
        bundle_row.addWidget(browse)
        self.bundle_browse = browse
        self.bundle_row = bundle_row
        self.request_button = QPushButton(self.tr("Request enrolment…"))
        self.request_button.clicked.connect(self._request)
        self.request_state = QLabel()
        self.request_state.setWordWrap(True)
        request_row = QHBoxLayout()
        request_row.addWidget(self.request_button)
        request_row.addWidget(self.request_state, 1)
        self.request_row = request_row

        self.county = QComboBox()
        for code, name in COUNTIES.items():
            self.county.addItem(f"{name} ({code})", code)
        self.township = QComboBox()
        self.surveyor = QLineEdit(QSettings().value("profile/surveyor", "") or "")
        self.surveyor.setPlaceholderText(self.tr("e.g. 张伟"))
        self.device_name = QLineEdit(default_device_name())
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.Password)
        self.passphrase2 = QLineEdit()
        self.passphrase2.setEchoMode(QLineEdit.Password)
        self.passphrase_note = QLabel(self.tr(
            "The passphrase protects this computer's key, which signs and opens sync bundles. "
            "You will need it for every bundle: write it down and keep it safe."))
        self.passphrase_note.setWordWrap(True)
        self.where = QLabel(self.tr("The database will be saved in: %1")
                            .replace("%1", str(databases_dir(create=False))))
        self.where.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("This computer is a"), role_box)
        form.addRow(self.use_bundle)
        form.addRow(self.tr("1. Enrolment"), request_row)
        form.addRow(self.tr("2. Reference bundle"), bundle_row)
        self.no_bundle_note = QLabel(self.tr(
            "Without a bundle this laptop gets the division list only, to try the program; "
            "it can exchange data with the county once it is set up from a reference bundle."))
        self.no_bundle_note.setWordWrap(True)
        form.addRow(self.no_bundle_note)
        form.addRow(self.tr("County"), self.county)
        form.addRow(self.tr("Township"), self.township)
        form.addRow(self.tr("Your name (surveyor)"), self.surveyor)
        form.addRow(self.tr("Device name"), self.device_name)
        form.addRow(self.tr("Key passphrase"), self.passphrase)
        form.addRow(self.tr("Passphrase again"), self.passphrase2)
        form.addRow(self.passphrase_note)
        self.form = form

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
        self.township_role.toggled.connect(self._update)
        self.use_bundle.toggled.connect(self._update)
        self._fill_townships()
        self.use_bundle.setChecked(True)
        self._update()

    # ----- form --------------------------------------------------------------------------
    def _fill_townships(self) -> None:
        self.township.clear()
        for d in load_divisions(self.county.currentData()):
            if d["level"] == "township":
                self.township.addItem(f"{d['name']} ({d['code'][:9]})", d["code"])

    def _update(self) -> None:
        township = self.township_role.isChecked()
        from_bundle = township and self.use_bundle.isChecked()
        self.form.setRowVisible(self.use_bundle, township)
        self.form.setRowVisible(self.bundle_row, from_bundle)
        self.form.setRowVisible(self.request_row, from_bundle)
        fp = pending_fingerprint()
        self.request_state.setText(
            self.tr("Requested. Key fingerprint: %1").replace("%1", fp) if fp else
            self.tr("Enter the passphrase below, then write the request file for the county."))
        self.form.setRowVisible(self.no_bundle_note, township and not from_bundle)
        # The bundle says which county and township this laptop serves.
        self.form.setRowVisible(self.county, not from_bundle)
        self.form.setRowVisible(self.township, township and not from_bundle)
        keys = not township or from_bundle
        for w in (self.passphrase, self.passphrase2, self.passphrase_note):
            self.form.setRowVisible(w, keys)
        self.adjustSize()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Reference bundle"), "",
                                              self.tr("fieldapp bundle (*.fab);;"
                                                      "All files (*)"))
        if path:
            self.bundle.setText(path)

    def role(self) -> str:
        return "township" if self.township_role.isChecked() else "county"

    def values(self) -> dict[str, str]:
        township = self.role() == "township"
        from_bundle = township and self.use_bundle.isChecked()
        return {
            "role": self.role(),
            "county_code": self.county.currentData(),
            "township_code": self.township.currentData() if township and not from_bundle else "",
            "bundle": self.bundle.text().strip() if from_bundle else "",
            "surveyor": self.surveyor.text().strip(),
            "device_name": self.device_name.text().strip(),
            "passphrase": self.passphrase.text() if (not township or from_bundle) else "",
        }

    def _request(self) -> None:
        from fieldapp.ui.sync.devices_dialog import show_fingerprint, write_request

        fp = pending_fingerprint()
        if fp:
            from fieldapp.jobs import devices

            d = devices.load_pending(pending_key_file())
            show_fingerprint(self, fp, d["device_id"])
            return
        if self._weak_passphrase():
            return None
        if self.passphrase.text() != self.passphrase2.text():
            return self._problem(self.tr("Enter the passphrase twice first: it protects the new "
                                         "key."), self.passphrase2)
        self.problem.clear()
        write_request(self, databases_dir() / "new-laptop.sqlite", self.passphrase.text(),
                      name=self.device_name.text().strip(), key_file=pending_key_file())
        self._update()

    def _weak_passphrase(self) -> bool:
        """Show why a new key's passphrase is too weak (the rule of core/passphrase_rule)."""
        from fieldapp.core.passphrase_rule import WeakPassphrase, check_new_passphrase
        from fieldapp.ui.widgets.errors import describe

        try:
            check_new_passphrase(self.passphrase.text())
        except WeakPassphrase as exc:
            self._problem(describe(exc), self.passphrase)
            return True
        return False

    def _problem(self, text: str, widget: QWidget) -> None:
        self.problem.setText(text)
        widget.setFocus()

    def _accept(self) -> None:
        v = self.values()
        needs_keys = v["role"] == "county" or self.use_bundle.isChecked()
        if v["role"] == "township" and self.use_bundle.isChecked():
            if not v["bundle"] or not Path(v["bundle"]).is_file():
                return self._problem(self.tr("Choose the reference bundle file from the county "
                                             "office, or untick the box to start without it."),
                                     self.bundle)
            if not pending_fingerprint():
                return self._problem(self.tr("First request enrolment: the county enrols this "
                                             "laptop and gives you its reference bundle."),
                                     self.request_button)
        if not v["surveyor"]:
            return self._problem(self.tr("Please enter your name: it is recorded with every "
                                         "visit you make."), self.surveyor)
        if not v["device_name"]:
            return self._problem(self.tr("Please enter a device name, e.g. the township and a "
                                         "number."), self.device_name)
        if needs_keys:
            if self._weak_passphrase():  # every new key's passphrase meets the bar
                return None
            if v["passphrase"] != self.passphrase2.text():
                return self._problem(self.tr("The two passphrases differ."), self.passphrase2)
        self.problem.clear()
        self.accept()


def create_database(values: dict[str, str]) -> str:
    """Create the first database in the app-data folder from the setup answers; return its
    path. Blocking (key derivation, bundle import): the dialog runs it on a worker thread."""
    from fieldapp.sync import setup

    if values.get("bundle"):
        from fieldapp.sync.container import open_bundle

        header = open_bundle(values["bundle"]).header  # checks the signature; names the township
        path = default_database_path(header["county"], header["township"])
        setup.init_township(path, values["bundle"], values["passphrase"],
                            device_name=values["device_name"], surveyor=values["surveyor"],
                            key_file=pending_key_file())
    elif values["role"] == "county":
        path = default_database_path(values["county_code"])
        setup.init_county(path, values["county_code"], values["passphrase"],
                          device_name=values["device_name"], surveyor=values["surveyor"])
    else:
        path = default_database_path(values["county_code"], values["township_code"])
        store = new_county_database(path, values["county_code"], role="township",
                                    device_name=values["device_name"],
                                    surveyor=values["surveyor"])
        try:
            set_profile(store, township_code=values["township_code"])
        finally:
            store.close()
    remember_profile(values["surveyor"], values["device_name"])
    return str(path)


def run_first_run(parent: QWidget | None = None) -> Store | None:
    """Ask the setup questions and create the database; None when the user cancels."""
    dlg = FirstRunDialog(parent)
    while dlg.exec() == QDialog.Accepted:
        values = dlg.values()
        try:
            path = run_busy(parent, _t("Creating the database…"),
                            lambda v=values: create_database(v))
            return Store.open(path)
        except Exception as exc:  # noqa: BLE001 - e.g. wrong transfer code, folder not writable
            show_error(parent, exc, _t("Cannot create database"))
    return None

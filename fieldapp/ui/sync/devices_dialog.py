"""Laptops and enrolment (同步 › 笔记本登记): at the county, the laptops with their key
fingerprints and status, enrol one from its request file (after comparing the fingerprint with
the laptop's screen) and revoke one; at a laptop, its own fingerprint as text and QR code and
the request file for the county. The jobs are fieldapp.jobs.devices."""

from __future__ import annotations

import json
from pathlib import Path

import segno
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.progress import Cancelled
from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.widgets.job_runner import JobRunner
from fieldapp.ui.widgets.export_names import suggested_path
from fieldapp.ui.widgets.screen_fit import fit_to_screen


def _t(text: str) -> str:
    return QCoreApplication.translate("DevicesDialog", text)


def qr_pixmap(text: str, scale: int = 5) -> QPixmap:
    import io

    buf = io.BytesIO()
    segno.make(text, error="m").save(buf, kind="png", scale=scale, border=2)
    pix = QPixmap()
    pix.loadFromData(buf.getvalue(), "PNG")
    return pix


class FingerprintPanel(QWidget):
    """A laptop's key fingerprint, large, with a QR code the county can scan."""

    def __init__(self, fingerprint: str, device_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        text = QLabel(f"<span style='font-size:22pt;font-family:monospace'>{fingerprint}</span>"
                      f"<br>{device_id}")
        qr = QLabel()
        qr.setPixmap(qr_pixmap(json.dumps({"fingerprint": fingerprint, "device_id": device_id})))
        note = QLabel(self.tr("Read this fingerprint to the county office (or let them scan the "
                              "code): they compare it with the request file before enrolling "
                              "this laptop."))
        note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addWidget(qr)
        lay.addWidget(note)


def write_request(parent: QWidget, db: str | Path, passphrase: str, name: str = "",
                  key_file: str | Path | None = None):
    """Ask where to save the request file, write it; returns the RequestResult or None."""
    from fieldapp.jobs import devices

    path, _ = QFileDialog.getSaveFileName(parent, _t("Save enrolment request"),
                                          "enrolment-request.json",
                                          _t("Enrolment requests (*.json)"))
    if not path:
        return None
    try:
        res = JobRunner(parent).run(_t("Writing the request…"), lambda progress:
                                    devices.request(db, path, passphrase, name=name,
                                                    key_file=key_file))
    except Exception as exc:  # noqa: BLE001 - shown to the user in one sentence
        show_error(parent, exc)
        return None
    show_fingerprint(parent, res.fingerprint, res.device_id, res.request)
    return res


def show_fingerprint(parent: QWidget, fingerprint: str, device_id: str, where: str = "") -> None:
    dlg = QDialog(parent)
    dlg.setWindowTitle(_t("This laptop's key fingerprint"))
    lay = QVBoxLayout(dlg)
    if where:
        lay.addWidget(QLabel(_t("Request written to %1. Take it to the county office.")
                             .replace("%1", where)))
    lay.addWidget(FingerprintPanel(fingerprint, device_id, dlg))
    buttons = QDialogButtonBox(QDialogButtonBox.Close)
    buttons.rejected.connect(dlg.reject)
    lay.addWidget(buttons)
    dlg.exec()


STATUS = {"enrolled": "Enrolled", "revoked": "Revoked",
          "needs_reenrol": "Enrolled the old way: enrol again"}
_STATUS_TEXT = (_t("Enrolled"), _t("Revoked"), _t("Enrolled the old way: enrol again"))


class DevicesDialog(QDialog):
    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Laptops and enrolment"))
        fit_to_screen(self, 980, 520)
        lay = QVBoxLayout(self)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        if store.role == "county":
            self.table = QTableWidget(0, 6)
            self.table.setHorizontalHeaderLabels(
                [self.tr("Device"), self.tr("Name"), self.tr("Township"),
                 self.tr("Key fingerprint"), self.tr("Status"), self.tr("Certificate")])
            self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
            self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
            self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
            self.table.verticalHeader().setVisible(False)
            intro = QLabel(self.tr(
                "Only laptops enrolled here can send bundles. To enrol a laptop: take its "
                "request file, compare the fingerprint with the laptop's screen, choose the "
                "township and save the reference bundle for it."))
            intro.setWordWrap(True)
            lay.addWidget(intro)
            lay.addWidget(self.table, 1)
            enrol = QPushButton(self.tr("Enrol a laptop…"))
            enrol.clicked.connect(self.enrol)
            revoke = QPushButton(self.tr("Revoke…"))
            revoke.clicked.connect(self.revoke)
            buttons.addButton(enrol, QDialogButtonBox.ActionRole)
            buttons.addButton(revoke, QDialogButtonBox.ActionRole)
            self.refresh()
        else:
            from fieldapp.sync import identity

            pub = identity.own_public(store)
            lay.addWidget(FingerprintPanel(pub.fingerprint, store.device_id, self))
            req = QPushButton(self.tr("Write enrolment request…"))
            req.clicked.connect(self.request)
            buttons.addButton(req, QDialogButtonBox.ActionRole)
        lay.addWidget(buttons)

    # ----- county ------------------------------------------------------------------------
    def refresh(self) -> None:
        from fieldapp.jobs import devices

        rows = devices.list_devices(self.store)
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, d in enumerate(rows):
            status = _t(STATUS.get(d["status"], d["status"]))
            if d["revoked_at"]:
                status += f" {d['revoked_at'][:10]} {d['reason'] or ''}"
            for j, v in enumerate((d["device_id"], d["name"] or "", (d["township"] or "")[:9],
                                   d["fingerprint"], status, str(d["serial"] or "-"))):
                self.table.setItem(i, j, QTableWidgetItem(v))

    def _passphrase(self) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("Passphrase"),
                                        self.tr("Passphrase of this database's private key:"),
                                        QLineEdit.Password)
        return text if ok and text else None

    def enrol(self) -> None:
        from fieldapp.sync import certificates

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Enrolment request of the laptop"),
                                              "", self.tr("Enrolment requests (*.json)"))
        if not path:
            return
        try:  # a file from the laptop: read off the GUI thread, Cancel returns at once
            req = JobRunner(self).run(self.tr("Reading the request…"),
                                      lambda _progress: certificates.read_request(path),
                                      read_only=True)
        except Cancelled:
            return
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        dlg = EnrolDialog(self.store, req, self)
        if dlg.exec() != QDialog.Accepted:
            return
        out, _ = QFileDialog.getSaveFileName(self, self.tr("Save reference bundle"),
                                             suggested_path(self.store, "参考包", "fab",
                                                            dlg.township()),
                                             self.tr("Sync bundles (*.fab)"))
        passphrase = self._passphrase() if out else None
        if not passphrase:
            return
        self.run_enrol(path, dlg.township(), out, passphrase, req["fingerprint"])

    def run_enrol(self, path: str, township: str, out: str, passphrase: str,
                  fingerprint: str) -> None:
        from fieldapp.jobs import devices

        try:
            res = JobRunner(self).run(self.tr("Enrolling…"), lambda progress: devices.enrol(
                self.store, path, township, passphrase, out=out,
                expect_fingerprint=fingerprint))
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.refresh()
        QMessageBox.information(self, self.tr("Laptop enrolled"), self.tr(
            "%1 is enrolled (certificate %2). Give it the reference bundle %3: only this "
            "laptop (and the township's other enrolled laptops) can open it.")
            .replace("%1", res.device_name).replace("%2", str(res.serial))
            .replace("%3", out))

    def revoke(self) -> None:
        from fieldapp.jobs import devices

        row = self.table.currentRow()
        if row < 0:
            return
        d = self.rows[row]
        reason, ok = QInputDialog.getText(self, self.tr("Revoke laptop"), self.tr(
            "Revoke %1 (%2)? From the next merge its bundles are refused. Reason:")
            .replace("%1", d["name"] or d["device_id"]).replace("%2", d["fingerprint"]))
        if not ok:
            return
        try:
            devices.revoke(self.store, d["device_id"], reason.strip())
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
        self.refresh()

    # ----- laptop --------------------------------------------------------------------------
    def request(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Passphrase"),
                                        self.tr("Passphrase of this database's private key:"),
                                        QLineEdit.Password)
        if ok and text:
            write_request(self, self.store.path, text)


class EnrolDialog(QDialog):
    """Step 1 at the county: the request's fingerprint next to the township to enrol it for."""

    def __init__(self, store, req: dict, parent: QWidget | None = None):
        super().__init__(parent)
        from fieldapp.store.households import queries

        self.setWindowTitle(self.tr("Enrol a laptop"))
        form = QFormLayout(self)
        fp = QLabel(f"<span style='font-size:20pt;font-family:monospace'>"
                    f"{req['fingerprint']}</span>")
        form.addRow(self.tr("Laptop"), QLabel(f"{req.get('device_name') or ''}  "
                                              f"({req['device_id']})"))
        form.addRow(self.tr("Key fingerprint"), fp)
        form.addRow(QLabel(self.tr("Is this exactly the fingerprint shown on the laptop? "
                                   "If not, do not enrol: the file may have been swapped.")))
        self.towns = QComboBox()
        root = queries.area_tree(store)
        for t in root.children if root else []:
            self.towns.addItem(f"{t.name} ({t.code[:9]})", t.code)
        form.addRow(self.tr("Township"), self.towns)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Fingerprint matches: enrol"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def township(self) -> str:
        return self.towns.currentData()

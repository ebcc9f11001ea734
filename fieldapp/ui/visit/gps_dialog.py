"""Take a geopoint from a USB/serial GPS receiver: pick the port (and baud rate), wait for a
position, and use it. The receiver is read on a thread (gps_port.GpsReader); this window only
shows what it reports (position, fix quality, satellites, how long ago the last fix came) and
stops it when closed. A fix older than STALE_S (the receiver lost the sky, or was unplugged) is
not used until a new one comes. Enter uses the position when it can be used and does nothing
otherwise (it never restarts the reading: Start is pressed, not the default).

A question's ODK accuracy thresholds are honoured: a position at least as accurate as its
capture-accuracy is taken at once (as ODK Collect does), and one less accurate than its
warning-accuracy is shown in red as too inaccurate (it can still be used)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from fieldapp.core.nmea import UERE_M, Fix
from fieldapp.ui.shell.i18n import form_language
from fieldapp.ui.visit.gps_port import (
    BAUD_RATES,
    DEFAULT_BAUD,
    TIMEOUT_S,
    GpsReader,
    available_ports,
)
from fieldapp.ui.widgets.screen_fit import fit_to_screen

POLL_MS = 100
AGE_MS = 250  # how often the age of the last fix is shown again
STALE_S = 5.0  # a fix older than this is not used


class GpsDialog(QDialog):
    def __init__(self, parent=None, timeout_s: float = TIMEOUT_S, *,
                 capture_accuracy: float | None = None, warning_accuracy: float | None = None,
                 clock: Callable[[], float] = time.monotonic):
        """`clock`: seconds, for the age of a fix (tests give their own)."""
        super().__init__(parent)
        self._clock = clock
        self._fix_at: float | None = None
        self.setWindowTitle(self.tr("Position from a GPS receiver"))
        self.timeout_s = timeout_s
        self.capture_accuracy, self.warning_accuracy = capture_accuracy, warning_accuracy
        self.reader: GpsReader | None = None
        self.fix: Fix | None = None
        self.port_box = QComboBox()
        self.port_box.setEditable(True)
        self.port_box.lineEdit().setPlaceholderText(self.tr("e.g. COM3 or /dev/ttyUSB0"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.list_ports)
        self.refresh_button.setAutoDefault(False)
        self.baud_box = QComboBox()
        for rate in BAUD_RATES:
            self.baud_box.addItem(str(rate), rate)
        self.baud_box.setCurrentIndex(BAUD_RATES.index(DEFAULT_BAUD))
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.clicked.connect(self.start)
        self.start_button.setAutoDefault(False)  # Enter is for using the position (keyPressEvent)
        port_row = QHBoxLayout()
        port_row.addWidget(self.port_box, 1)
        port_row.addWidget(self.refresh_button)
        form = QFormLayout()
        form.addRow(self.tr("Port"), port_row)
        form.addRow(self.tr("Baud rate"), self.baud_box)
        self.status = QLabel(self.tr("Plug in the receiver, pick its port and press Start."))
        self.status.setWordWrap(True)
        self.position = QLabel()
        self.position.setStyleSheet("font-size: 14px; font-weight: bold;")
        self.age = QLabel()
        self.age.setWordWrap(True)
        note = QLabel(self.tr("Accuracy is estimated from the receiver's HDOP (HDOP × %1 m); "
                              "the receiver does not measure it.").replace("%1", f"{UERE_M:g}"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #666; font-size: 11px;")
        self.thresholds = QLabel(self._thresholds_text())
        self.thresholds.setWordWrap(True)
        self.thresholds.setVisible(bool(self.thresholds.text()))
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.use_button = self.buttons.addButton(self.tr("Use this position"),
                                                 QDialogButtonBox.AcceptRole)
        self.use_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.start_button)
        layout.addWidget(self.status)
        layout.addWidget(self.position)
        layout.addWidget(self.age)
        layout.addWidget(self.thresholds)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._age_timer = QTimer(self, interval=AGE_MS)  # runs on after the receiver stops
        self._age_timer.timeout.connect(self._show_age)
        self.list_ports()
        self._remembered()
        fit_to_screen(self, 520, 320)

    def _thresholds_text(self) -> str:
        """What this question asks of the accuracy ("" when nothing)."""
        parts = []
        if self.capture_accuracy is not None:
            parts.append(self.tr("A position of ±%1 m or better is taken at once.")
                         .replace("%1", f"{self.capture_accuracy:g}"))
        if self.warning_accuracy is not None:
            parts.append(self.tr("Above ±%1 m the position is too inaccurate for this question.")
                         .replace("%1", f"{self.warning_accuracy:g}"))
        return " ".join(parts)

    def _remembered(self) -> None:
        """The port and baud rate that last gave a position."""
        settings = QSettings()
        port = str(settings.value("gps/port", "") or "")
        index = self.port_box.findData(port)
        if index >= 0:
            self.port_box.setCurrentIndex(index)
        elif port:
            self.port_box.setEditText(port)
        baud = self.baud_box.findData(int(settings.value("gps/baud", DEFAULT_BAUD) or 0))
        if baud >= 0:
            self.baud_box.setCurrentIndex(baud)

    def list_ports(self) -> None:
        typed = self.port_box.currentText()
        self.port_box.clear()
        try:
            ports = available_ports()
        except Exception:  # noqa: BLE001 - no port list on this system: the port is typed
            ports = []
        for device, description in ports:
            self.port_box.addItem(f"{device}  {description}".strip(), device)
        if typed and not ports:
            self.port_box.setEditText(typed)

    def port(self) -> str:
        index = self.port_box.currentIndex()
        if index >= 0 and self.port_box.itemText(index) == self.port_box.currentText():
            return str(self.port_box.itemData(index))
        return self.port_box.currentText().strip()

    def start(self) -> None:
        port = self.port()
        if not port:
            self.status.setText(self.tr("Choose the receiver's port first."))
            return
        self.stop()
        self.fix, self._fix_at = None, None
        self._age_timer.stop()
        self.use_button.setEnabled(False)
        self.position.clear()
        self.age.clear()
        self.reader = GpsReader(port, int(self.baud_box.currentData()), self.timeout_s)
        self.reader.start()
        self._timer.start()
        self.status.setText(self.tr("Waiting for a position from %1 (at most %2 s)…")
                            .replace("%1", port).replace("%2", f"{self.timeout_s:g}"))

    def stop(self) -> None:
        self._timer.stop()
        if self.reader is not None:
            self.reader.stop()
            self.reader.join(1.0)
            self.reader = None

    def _poll(self) -> None:
        reader = self.reader
        if reader is None:
            return
        while not reader.events.empty():
            kind, value = reader.events.get_nowait()
            if kind == "fix":
                self._show_fix(value)
                if self._accurate_enough(value):
                    self.accept()
                    return
            elif kind == "failed":
                self.stop()
                self.status.setText(value.text(form_language()))
                self.status.setStyleSheet("color: #c0392b;")
                return
            elif self.fix is None:
                self._show_waiting(value)

    def _show_waiting(self, watch) -> None:
        text = self.tr("%1 sentences read, no position yet").replace("%1", str(watch.sentences))
        if watch.bad:
            text += " · " + self.tr("%1 unreadable").replace("%1", str(watch.bad))
            if watch.last_problem is not None:
                text += "\n" + watch.last_problem.text(form_language())
        self.status.setText(text)

    def _show_fix(self, fix: Fix) -> None:
        self.fix, self._fix_at = fix, self._clock()
        self._age_timer.start()
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Position received; it is updated while the receiver "
                                    "reports."))
        if self._too_inaccurate(fix):
            self.status.setStyleSheet("color: #c0392b;")
            self.status.setText(self.tr("Accuracy about ±%1 m is worse than the ±%2 m this "
                                        "question asks for: wait for a better position, or use "
                                        "this one anyway.")
                                .replace("%1", f"{fix.accuracy:g}")
                                .replace("%2", f"{self.warning_accuracy:g}"))
        parts = [f"{fix.lat:.6f}, {fix.lon:.6f}"]
        if fix.alt is not None:
            parts.append(self.tr("altitude %1 m").replace("%1", f"{fix.alt:g}"))
        if fix.accuracy is not None:
            parts.append(self.tr("about ±%1 m").replace("%1", f"{fix.accuracy:g}"))
        if fix.satellites is not None:
            parts.append(self.tr("%1 satellites").replace("%1", str(fix.satellites)))
        if fix.quality is not None:
            parts.append(self._quality(fix.quality))
        self.position.setText(" · ".join(parts))
        self._show_age()

    def _quality(self, quality: int) -> str:
        """GGA's fix quality in words."""
        names = {1: self.tr("GPS fix"), 2: self.tr("differential GPS fix"),
                 3: self.tr("PPS fix"), 4: self.tr("RTK fixed"), 5: self.tr("RTK float"),
                 6: self.tr("estimated (dead reckoning)"), 7: self.tr("entered by hand"),
                 8: self.tr("simulated")}
        return names.get(quality, self.tr("fix quality %1").replace("%1", str(quality)))

    def fix_age(self) -> float | None:
        """Seconds since the last fix (None before the first)."""
        return None if self._fix_at is None else max(0.0, self._clock() - self._fix_at)

    def fresh(self) -> bool:
        age = self.fix_age()
        return age is not None and age <= STALE_S

    def _show_age(self) -> None:
        age = self.fix_age()
        if age is None:
            return
        seconds = f"{age:.0f}"
        if self.fresh():
            self.age.setStyleSheet("")
            self.age.setText(self.tr("Last fix %1 s ago").replace("%1", seconds))
        else:
            self.age.setStyleSheet("color: #c0392b;")
            self.age.setText(self.tr("No new fix for %1 s: this position is not used until the "
                                     "receiver reports again.").replace("%1", seconds))
        self.use_button.setEnabled(self.fresh())

    def _too_inaccurate(self, fix: Fix) -> bool:
        return None not in (fix.accuracy, self.warning_accuracy) and \
            fix.accuracy > self.warning_accuracy

    def _accurate_enough(self, fix: Fix) -> bool:
        """capture-accuracy reached: the position is taken without waiting for a click (never
        without an accuracy: a receiver that gives no HDOP is used by hand)."""
        return None not in (fix.accuracy, self.capture_accuracy) and \
            fix.accuracy <= self.capture_accuracy

    def answer(self) -> str | None:
        """The geopoint answer "lat lon alt acc" of the position shown."""
        return self.fix.geopoint() if self.fix else None

    def accept(self) -> None:
        if not self.fresh():  # Enter on a stale fix does nothing
            self._show_age()
            return
        settings = QSettings()
        settings.setValue("gps/port", self.port())
        settings.setValue("gps/baud", int(self.baud_box.currentData()))
        super().accept()

    def keyPressEvent(self, event) -> None:
        """Enter uses the current fix when it can be used, else does nothing."""
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            if self.use_button.isEnabled():
                self.accept()
            event.accept()
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        self.stop()
        self._age_timer.stop()
        super().done(result)

"""Failures stay visible: every unhandled exception is written to a log file in the app-data
folder and shown in a friendly dialog that names that file. Never a silent exit.

Edits are written to the database one transaction per action, so an error in the window
cannot lose what was already saved; the dialog says so and lets the user carry on.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication, QObject, Qt, QThread, QtMsgType, QUrl, Signal, qInstallMessageHandler,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldapp import __version__
from fieldapp.core.appdata import logs_dir

log = logging.getLogger("fieldapp")
LOG_NAME = "fieldapp.log"


def _t(text: str) -> str:
    return QCoreApplication.translate("CrashDialog", text)


def setup_logging() -> Path:
    """Log to logs/fieldapp.log in the app-data folder (rotated at 1 MB, 3 kept)."""
    path = logs_dir() / LOG_NAME
    for handler in log.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path:
            return path
    for handler in list(log.handlers):  # an older app-data folder (tests, FIELDAPP_HOME)
        if getattr(handler, "_fieldapp", False):
            log.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                                   encoding="utf-8")
    handler._fieldapp = True
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def write_crash_log(exc_type, exc, tb, context: str = "") -> Path:
    """Write one crash report file and return its path."""
    import datetime as _dt  # (these two only when there is a crash to report)
    import platform

    stamp = _dt.datetime.now()
    folder = logs_dir()
    path = folder / f"crash-{stamp:%Y%m%d-%H%M%S}.log"
    n = 2
    while path.exists():
        path = folder / f"crash-{stamp:%Y%m%d-%H%M%S}-{n}.log"
        n += 1
    lines = [
        f"fieldapp {__version__} crash report",
        f"time: {stamp.isoformat(timespec='seconds')}",
        f"platform: {platform.platform()}",
        f"python: {sys.version.split()[0]}",
        f"thread: {threading.current_thread().name}",
    ]
    if context:
        lines.append(f"context: {context}")
    lines.append("")
    lines.extend(traceback.format_exception(exc_type, exc, tb))
    path.write_text("\n".join(line.rstrip("\n") for line in lines) + "\n", encoding="utf-8")
    log.error("unhandled %s: %s (details in %s)", exc_type.__name__, exc, path.name)
    return path


class CrashHandler(QObject):
    """Installed once per application; its `reported` signal carries (log path, summary, details)
    from any thread to the dialog on the GUI thread."""

    reported = Signal(str, str, str)

    def __init__(self, app: QApplication):
        super().__init__(app)
        self._showing = False
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._fault_file = None
        self.last_log: Path | None = None
        self.reported.connect(self._show)

    # ----- installing --------------------------------------------------------------------
    def install(self) -> CrashHandler:
        setup_logging()
        sys.excepthook = self.excepthook
        threading.excepthook = lambda args: self.excepthook(args.exc_type, args.exc_value,
                                                            args.exc_traceback)
        try:  # hard crashes (segfaults in a library) leave a Python stack in fault.log
            self._fault_file = open(logs_dir() / "fault.log", "a", encoding="utf-8")  # noqa: SIM115
            faulthandler.enable(self._fault_file)
        except (OSError, RuntimeError, ValueError):
            self._fault_file = None
        qInstallMessageHandler(_qt_message)
        return self

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook
        qInstallMessageHandler(None)
        if self._fault_file:
            faulthandler.disable()
            self._fault_file.close()
            self._fault_file = None

    # ----- reporting ---------------------------------------------------------------------
    def excepthook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, exc, tb)
            return
        try:
            path = write_crash_log(exc_type, exc, tb)
        except Exception:  # noqa: BLE001 - the app-data folder itself failed: still say so
            path = Path("")
        self.last_log = path
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        summary = f"{exc_type.__name__}: {exc}"
        print(details, file=sys.stderr)
        # Emitted from a worker thread, the signal is queued to the GUI thread.
        self.reported.emit(str(path), summary, details)

    def _show(self, path: str, summary: str, details: str) -> None:
        if self._showing:  # an error while the dialog is open: logged, not stacked
            return
        self._showing = True
        try:
            show_crash_dialog(QApplication.activeWindow(), path, summary, details)
        finally:
            self._showing = False


def crash_message(path: str) -> str:
    text = _t("Sorry — fieldapp ran into an unexpected problem.\n\n"
              "Everything you saved before is safe: each change is written to the database "
              "as soon as you make it.\n\n"
              "The details were written to this file:\n%1\n\n"
              "Please send this file to the county office (县融媒体中心).")
    return text.replace("%1", path or _t("(the log file could not be written)"))


def show_crash_dialog(parent, path: str, summary: str, details: str) -> QMessageBox.ButtonRole:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Warning)
    box.setWindowTitle(_t("Unexpected problem"))
    box.setText(crash_message(path))
    box.setInformativeText(summary[:300])
    box.setDetailedText(details)
    box.setTextInteractionFlags(Qt.TextSelectableByMouse)
    carry_on = box.addButton(_t("Continue working"), QMessageBox.AcceptRole)
    folder = box.addButton(_t("Open log folder"), QMessageBox.ActionRole)
    quit_ = box.addButton(_t("Quit fieldapp"), QMessageBox.DestructiveRole)
    box.setDefaultButton(carry_on)
    box.exec()
    clicked = box.clickedButton()
    if clicked is folder and path:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))
    elif clicked is quit_:
        app = QApplication.instance()
        if app is not None:
            for w in app.topLevelWidgets():
                w.close()  # main window closes its database cleanly
            app.exit(1)
    return box.buttonRole(clicked) if clicked else QMessageBox.AcceptRole


_QT_NOISE = ("propagateSizeHints", "does not support raise()")  # offscreen/Xvfb platform chatter


def _qt_message(mode, context, message) -> None:
    if any(noise in message for noise in _QT_NOISE):
        return
    if mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        log.error("Qt: %s", message)
    elif mode == QtMsgType.QtWarningMsg:
        log.warning("Qt: %s", message)


def install_crash_handler(app: QApplication) -> CrashHandler:
    """Install (once) and return the application's crash handler."""
    existing = getattr(app, "_crash_handler", None)
    if existing is not None:
        setup_logging()  # the app-data folder may have changed (tests)
        return existing
    handler = CrashHandler(app).install()
    app._crash_handler = handler
    return handler


def report_startup_failure(exc: BaseException) -> int:
    """A failure before or while the window opens: log it, say so, exit 1 — never silently."""
    try:
        path = str(write_crash_log(type(exc), exc, exc.__traceback__, context="startup"))
    except Exception:  # noqa: BLE001 - no log folder: the dialog still appears
        path = ""
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    print(details, file=sys.stderr)
    if QApplication.instance() is not None and QThread.currentThread() is QApplication.instance().thread():
        show_crash_dialog(None, path, f"{type(exc).__name__}: {exc}", details)
    return 1

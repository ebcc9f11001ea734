"""The rolling automatic backup taken when a database is opened in the app: off the GUI thread
(the online backup reads a consistent snapshot while the user works), started once the first
screen is up so it does not slow the start, and cancelled — its half-written copy removed — when
the app quits before it is done. Failures are logged, not shown."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from fieldapp.ui.widgets.after_paint import after_paint


class OpeningBackup(threading.Thread):
    def __init__(self, path: str | Path):
        super().__init__(name="auto-backup", daemon=True)
        self.path = path
        self.cancel = threading.Event()

    def start_soon(self, window: QWidget) -> None:
        """Start once `window` has painted what it shows now (the county just opened)."""
        after_paint(window, self._start_once)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def _start_once(self) -> None:
        if self.ident is None and not self.cancel.is_set():
            self.start()

    def wait(self, timeout: float | None = None) -> None:
        """Start now if the event loop has not started it yet, and wait until it is done."""
        self._start_once()
        self.join(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        """Cancel: the copy stops at its next step and removes its partial file."""
        self.cancel.set()
        if self.ident is not None and self.is_alive():
            self.join(timeout)

    def run(self) -> None:
        from fieldapp.core.progress import Cancelled
        from fieldapp.jobs.backups import back_up

        try:
            back_up(self.path, reason="start",
                    progress=lambda _done, _total: not self.cancel.is_set())
        except Cancelled:
            pass
        except Exception:  # noqa: BLE001 - a missing backup must not disturb the user
            logging.getLogger(__name__).exception("automatic backup of %s failed", self.path)

"""Run a short read off the GUI thread and hand its result to the GUI thread: for figures the
first screen can show a moment later (a count over a big table), so the window does not wait."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot


class _Relay(QObject):
    done = Signal(object)

    def __init__(self, parent: QObject, on_done: Callable[[Any], None]):
        super().__init__(parent)  # lives on the GUI thread, dies with its parent
        self.on_done = on_done
        self.done.connect(self._deliver, Qt.QueuedConnection)

    @Slot(object)
    def _deliver(self, result: Any) -> None:
        self.deleteLater()
        self.on_done(result)


def run_in_background(parent: QObject, fn: Callable[[], Any],
                      on_done: Callable[[Any], None]) -> threading.Thread:
    """Call `fn()` on a thread of its own, then `on_done(result)` on the GUI thread. A failure is
    logged and `on_done` not called; neither is it once `parent` is gone."""
    relay = _Relay(parent, on_done)

    def work() -> None:
        try:
            result = fn()
        except Exception:  # noqa: BLE001 - a figure that does not come is not an error dialog
            logging.getLogger(__name__).exception("background read failed")
            return
        try:
            relay.done.emit(result)
        except RuntimeError:  # the window closed meanwhile
            pass

    thread = threading.Thread(target=work, name="background-read", daemon=True)
    thread.start()
    return thread

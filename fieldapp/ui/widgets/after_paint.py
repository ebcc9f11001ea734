"""Run work the first screen does not need (the automatic backup, the recent-files list) once a
window has painted what it shows now, so that work does not delay the paint. A window not shown
(a test, a window being set up) runs it from the event loop at once; one that never paints (kept
minimised) runs it after a moment all the same."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 2000


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, fn: Callable[[], None], fallback_ms: int):
        super().__init__(widget)  # dies with the widget: nothing runs for a deleted window
        self.widget = widget
        self.fn = fn
        # One timer: started with the fallback delay, restarted at 0 by the paint (it fires once
        # this paint is done and on screen).
        self.timer = QTimer(self, singleShot=True, interval=fallback_ms)
        self.timer.timeout.connect(self._run)
        self.timer.start()
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Paint and self.timer.interval():
            self.timer.start(0)
        return False

    def _run(self) -> None:
        # Not deleted here (deleteLater from its own timer's slot crashed PySide now and then):
        # a spent helper stays, idle, with its widget.
        self.widget.removeEventFilter(self)
        self.fn()


def after_paint(widget: QWidget, fn: Callable[[], None], fallback_ms: int = FALLBACK_MS) -> None:
    """Call `fn()` on the GUI thread after `widget`'s next paint (or from the event loop now, if
    it is not shown)."""
    if not widget.isVisible():
        QTimer.singleShot(0, fn)
        return
    _AfterPaint(widget, fn, fallback_ms)

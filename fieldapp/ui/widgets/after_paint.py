"""Run work the first screen does not need (the automatic backup, the recent-files list, the visit
count) once a window has painted what it shows now, so that work does not delay the paint. A
window not shown (a test, a window being set up) runs it from the event loop at once; one that
never paints (kept minimised) runs it after a moment all the same."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 2000
_HELPER = "_after_paint_helper"


class _AfterPaint(QObject):
    """One a widget, for as long as the widget lives (deleting it from its own timer's slot
    crashed PySide now and then): the work waiting for the widget's next paint."""

    def __init__(self, widget: QWidget):
        super().__init__(widget)
        self.widget = widget
        self.waiting: list[Callable[[], None]] = []  # added since the last paint
        self.painted: list[Callable[[], None]] = []  # a paint came: run once it is on screen
        self.soon = QTimer(self, singleShot=True, interval=0)
        self.soon.timeout.connect(self._run_painted)
        self.fallback = QTimer(self, singleShot=True)
        self.fallback.timeout.connect(self._run_all)

    def add(self, fn: Callable[[], None], fallback_ms: int) -> None:
        if not self.waiting and not self.painted:
            self.widget.installEventFilter(self)
        self.waiting.append(fn)
        self.fallback.start(fallback_ms)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Paint and self.waiting:
            self.painted += self.waiting
            self.waiting = []
            self.soon.start()
        return False

    def _run_painted(self) -> None:
        fns, self.painted = self.painted, []
        self._run(fns)

    def _run_all(self) -> None:
        fns = self.painted + self.waiting
        self.painted, self.waiting = [], []
        self._run(fns)

    def _run(self, fns: list[Callable[[], None]]) -> None:
        if not self.waiting and not self.painted:
            self.fallback.stop()
            self.widget.removeEventFilter(self)
        for fn in fns:
            fn()


def after_paint(widget: QWidget, fn: Callable[[], None], fallback_ms: int = FALLBACK_MS) -> None:
    """Call `fn()` on the GUI thread after `widget`'s next paint (or from the event loop now, if
    it is not shown)."""
    if not widget.isVisible():
        QTimer.singleShot(0, fn)
        return
    helper = getattr(widget, _HELPER, None)
    if helper is None:
        helper = _AfterPaint(widget)
        setattr(widget, _HELPER, helper)
    helper.add(fn, fallback_ms)

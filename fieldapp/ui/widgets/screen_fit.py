"""Windows open at a size that fits the screen they appear on: 1366x768 at 100% and at 125%
scaling (a logical 1093x614) are the laptops our users have. A dialog asks for the size it would
like; it gets at most the screen's free area less a title bar and, where the platform does not
report one, a taskbar."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

TITLE_BAR = 32  # logical pixels a window manager adds above a window
TASKBAR = 40  # physical pixels of a taskbar the platform may not report (Xvfb, some X11 desktops)
SIDE = 16  # room for the window's frame at the sides


def screen_room(widget: QWidget) -> tuple[int, int]:
    """(width, height) in logical pixels a window of `widget` may take, frame included."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    free, whole = screen.availableGeometry(), screen.geometry()
    height = free.height() - TITLE_BAR
    if free.height() == whole.height():  # nothing reserved for a taskbar: assume one
        height -= round(TASKBAR / screen.devicePixelRatio())
    return free.width() - SIDE, height


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """resize() to the wished size, or to what the screen has room for."""
    room_w, room_h = screen_room(widget)
    widget.resize(min(width, room_w), min(height, room_h))

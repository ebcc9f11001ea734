"""Fixtures the screens' tests share."""

import pytest

from fieldapp.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_store):
    """The main window on the demo county, shown (a test module may define its own `window`)."""
    w = MainWindow(demo_store)
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture(autouse=True)
def _chinese_window_again():
    """A test that switches the window to English leaves the next test a Chinese window
    (QSettings outlive a test inside one process)."""
    yield
    from PySide6.QtCore import QSettings

    QSettings().remove("ui/language")

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

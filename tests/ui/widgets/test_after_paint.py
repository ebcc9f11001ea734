"""Work the first screen does not need runs once the window has painted, not before it; a window
not shown runs it from the event loop; one that never paints, after a moment all the same."""

import pytest
from PySide6.QtWidgets import QLabel

from fieldapp.ui.widgets.after_paint import after_paint

pytestmark = pytest.mark.ui


@pytest.fixture
def shown(qtbot) -> QLabel:
    """A shown window whose first paints are done."""
    w = QLabel("县")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.wait(50)
    return w


def test_runs_after_the_next_paint_of_a_shown_window(qtbot, shown):
    w = shown
    order = []
    w.paintEvent = lambda e, paint=w.paintEvent: (order.append("paint"), paint(e))
    after_paint(w, lambda: order.append("work"), fallback_ms=60_000)
    qtbot.wait(50)
    assert order == []  # nothing painted yet: it waits
    w.setText("秀洲区 218,800 户")  # what the window shows now
    qtbot.waitUntil(lambda: "work" in order)
    assert order[0] == "paint" and order.count("work") == 1
    w.repaint()
    qtbot.wait(20)
    assert order.count("work") == 1  # once


def test_a_window_not_shown_runs_it_from_the_event_loop(qtbot):
    w = QLabel()
    qtbot.addWidget(w)
    ran = []
    after_paint(w, lambda: ran.append(1))
    assert ran == []
    qtbot.waitUntil(lambda: ran == [1])


def test_a_window_that_never_paints_runs_it_after_a_moment(qtbot, shown):
    ran = []
    after_paint(shown, lambda: ran.append(1), fallback_ms=50)  # nothing asks it to paint again
    qtbot.waitUntil(lambda: ran == [1], timeout=2000)


def test_work_added_after_a_paint_waits_for_the_next_one(qtbot, shown):
    w = shown
    order = []
    for i in range(3):  # a window refreshed three times: each waits for its own paint
        after_paint(w, lambda i=i: order.append(f"work{i}"), fallback_ms=60_000)
        qtbot.wait(30)
        assert f"work{i}" not in order
        w.setText(f"第 {i} 次")
        qtbot.waitUntil(lambda i=i: f"work{i}" in order)
    assert order == ["work0", "work1", "work2"]

"""The drawing window reads the village map off the GUI thread: it opens at once, says the map
is loading, can be drawn on meanwhile, and shows the map when it arrives; closed first, the read
is dropped. The map reader here is held back by the test (an event), not by a timing."""

from __future__ import annotations

import threading

import pytest
from held_loader import HeldLoader
from PySide6.QtCore import QPoint, Qt

from fieldapp.ui.visit.trace_dialog import TraceDialog

pytestmark = pytest.mark.ui


@pytest.fixture
def located(demo_store):
    return demo_store.conn.execute(
        "SELECT uuid, lon, lat FROM households WHERE lon IS NOT NULL ORDER BY uuid LIMIT 1"
    ).fetchone()


def click(qtbot, canvas, x, y):
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=QPoint(x, y))


def test_the_window_is_usable_before_the_map_arrives_and_draws_on_it_after(
        qtbot, demo_store, located):
    _uuid, lon, lat = located
    loader = HeldLoader()
    d = TraceDialog(demo_store, "geotrace", None, (lon, lat), loader=loader)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    assert loader.started.wait(10)
    assert loader.threads[0] != threading.get_ident()  # read on the job's thread
    assert d.canvas.notice == "Loading the village map…"  # written over the empty map
    assert d.canvas.data is None  # no households yet

    c = d.canvas
    cx, cy = c.width() // 2, c.height() // 2
    click(qtbot, c, cx, cy)  # on the household, while the map is still being read
    click(qtbot, c, cx + 60, cy)
    click(qtbot, c, cx + 60, cy + 60)
    qtbot.keyClick(c, Qt.Key_Backspace)
    assert d.status.text().startswith("2 point(s)")
    before = d.points()

    loader.release()
    qtbot.waitUntil(lambda: len(d.data.rowid) > 0, timeout=30000)
    assert d.canvas.notice == "" and not d.loading.isVisible()
    assert d.canvas.data is d.data and len(d.data.areas) > 0  # households and boundaries shown
    after = d.points()  # what was drawn stays where it was
    assert [a for p in after for a in p] == pytest.approx([a for p in before for a in p])

    click(qtbot, c, cx, cy + 60)  # drawing goes on over the map
    qtbot.keyClick(c, Qt.Key_Return)
    assert d.answer() is not None
    pts = [tuple(float(v) for v in p.split()) for p in d.answer().split(";")]
    assert len(pts) == 3
    assert pts[0][:2] == pytest.approx((lat, lon), abs=2e-5)


def test_closing_the_window_before_the_map_arrives_drops_the_read(qtbot, demo_store, located):
    _uuid, lon, lat = located
    loader = HeldLoader()
    d = TraceDialog(demo_store, "geopoint", None, (lon, lat), loader=loader)
    qtbot.addWidget(d)
    d.show()
    assert loader.started.wait(10)
    job = d._job
    arrived, gone = [], []
    job.finished.connect(arrived.append)
    job.destroyed.connect(lambda *_: gone.append(True))
    qtbot.keyClick(d.canvas, Qt.Key_Escape)  # closed while the map is read
    assert not d.isVisible() and d.answer() is None
    loader.release()
    qtbot.waitUntil(lambda: bool(gone), timeout=30000)  # the read ended; its job is gone
    assert arrived == [] and d.canvas.data is None


def test_a_map_that_cannot_be_read_is_said_and_drawing_still_works(qtbot, demo_store, located):
    _uuid, lon, lat = located

    def broken(store, gcj_display=False):
        raise OSError("disk read error")

    d = TraceDialog(demo_store, "geopoint", None, (lon, lat), loader=broken)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(d.loading.isVisible, timeout=10000)
    assert d.loading.text().startswith("The map cannot be read:")
    assert "disk read error" in d.loading.text() and d.canvas.notice == ""
    c = d.canvas
    click(qtbot, c, c.width() // 2, c.height() // 2)
    qtbot.keyClick(c, Qt.Key_Return)
    got = [float(v) for v in d.answer().split()]
    assert got[:2] == pytest.approx([lat, lon], abs=2e-5)

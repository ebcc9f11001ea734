"""The map tab reads the county's map off the GUI thread: the view says it is loading and stays
usable, a newer read supersedes an older one (the older map is never painted over the newer),
and a read under way is dropped when the view closes or changes database. The reader is held
back by the test (an event), not by a timing."""

from __future__ import annotations

import threading

import pytest
from held_loader import HeldLoader
from PySide6.QtCore import QSettings

from fieldapp.ui.map.map_canvas import MEASURE
from fieldapp.ui.map.map_jobs import Job
from fieldapp.ui.map.map_view import MapView

pytestmark = pytest.mark.ui


def shown_view(qtbot, store, loader) -> MapView:
    QSettings().remove("map/basemap")
    v = MapView(store, loader=loader)
    qtbot.addWidget(v)
    v.resize(900, 640)
    v.show()
    qtbot.waitExposed(v)
    return v


def ended(qtbot, job) -> None:
    """Wait until a dropped job's thread has ended and its queued result was delivered."""
    gone = []
    job.destroyed.connect(lambda *_: gone.append(True))
    qtbot.waitUntil(lambda: bool(gone), timeout=30000)


def test_the_view_is_usable_while_the_map_is_read_and_shows_it_after(qtbot, demo_store):
    loader = HeldLoader()
    v = shown_view(qtbot, demo_store, loader)
    qtbot.waitUntil(loader.started.is_set, timeout=10000)
    assert loader.threads[0] != threading.get_ident()  # read on the job's thread
    assert v.loading() and v.canvas.notice == "Loading the map…" and v.data is None
    uuid = demo_store.conn.execute("SELECT uuid FROM households WHERE lon IS NOT NULL"
                                   " ORDER BY uuid LIMIT 1").fetchone()[0]
    v.select_households([uuid])  # from the table, meanwhile
    v.set_mode(MEASURE)
    assert v.status.text().startswith("Click points on the map to measure")
    v.canvas.grab()  # painted meanwhile: no map, the notice

    loader.release()
    qtbot.waitUntil(lambda: v.data is not None, timeout=30000)
    assert not v.loading() and v.canvas.notice == ""
    assert len(v.data.x) == 3000 and v.canvas.data is v.data
    assert v.selected_uuids() == [uuid] and len(v.canvas.selected) == 1


def test_a_newer_read_supersedes_an_older_one(qtbot, demo_store):
    loader = HeldLoader()
    v = shown_view(qtbot, demo_store, loader)
    qtbot.waitUntil(loader.started.is_set, timeout=10000)
    first = v._job
    v.gcj_action.setChecked(True)  # before the first map came: nothing to shift yet
    v.reload()  # e.g. a visit saved meanwhile
    qtbot.waitUntil(lambda: loader.calls() == 2, timeout=10000)
    second = v._job
    assert second is not first and v.loading()

    loader.release(1)  # the newer read ends first
    qtbot.waitUntil(lambda: v.data is not None, timeout=30000)
    newer = v.data
    assert newer is loader.results[0]
    loader.release(0)  # the older one ends after: dropped
    ended(qtbot, first)
    assert v.data is newer and v.canvas.data is newer and not v.loading()


def test_gcj_toggled_while_a_map_is_shown_reads_it_again_shifted(qtbot, demo_store):
    loader = HeldLoader()
    loader.release()
    v = shown_view(qtbot, demo_store, loader)
    qtbot.waitUntil(lambda: v.data is not None and not v.loading(), timeout=30000)
    wgs = v.data
    v.gcj_action.setChecked(True)
    assert v.loading() and v.data is wgs  # the map shown stays until the shifted one comes
    qtbot.waitUntil(lambda: not v.loading(), timeout=30000)
    assert v.data is not wgs and v.data.gcj_display
    qtbot.waitUntil(lambda: not v.findChildren(Job))  # no finished read is kept per reload


def test_closing_or_switching_database_drops_the_read(qtbot, demo_store, store):
    loader = HeldLoader()
    v = shown_view(qtbot, demo_store, loader)
    qtbot.waitUntil(loader.started.is_set, timeout=10000)
    county = v._job
    v.set_store(store)  # another database: the demo county's map never shows
    qtbot.waitUntil(lambda: loader.calls() == 2, timeout=10000)
    loader.release(0)
    ended(qtbot, county)
    assert v.data is None and v.loading()
    loader.release(1)
    qtbot.waitUntil(lambda: v.data is not None, timeout=30000)
    assert len(v.data.x) == 0  # the empty county's map

    v.reload()
    qtbot.waitUntil(lambda: loader.calls() == 3, timeout=10000)
    job, shown = v._job, v.data
    v.close()
    assert not v.loading()
    loader.release(2)
    ended(qtbot, job)  # the read ended on its own; nothing arrived at the closed view
    assert v.data is shown


def test_a_map_that_cannot_be_read_is_said_on_the_map(qtbot, demo_store):
    def broken(store, gcj_display=False):
        raise OSError("disk read error")

    v = shown_view(qtbot, demo_store, broken)
    qtbot.waitUntil(lambda: v.canvas.notice.startswith("The map cannot be read:"),
                    timeout=10000)
    assert not v.loading()
    assert "disk read error" in v.canvas.notice and v.data is None

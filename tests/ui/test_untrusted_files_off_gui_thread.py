"""The GUI never blocks on a file from outside (issue 14 item 5): while a register, a basemap or
its tiles are read, the event loop keeps turning (a QTimer keeps ticking), Cancel returns at once
however slow the file, and a hostile file ends in one clear Chinese sentence naming it.

A "slow file" here is a reader held on an Event until the test lets it go: were the read on the
GUI thread, the timer could not tick while it is held, and the test would fail (the hold ends
by itself after HOLD seconds so a regression fails instead of hanging)."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton

from fieldapp.demo.sample_register import make_register
from fieldapp.store.geo.mbtiles_basemap import MBTiles
from fieldapp.ui.map.map_view import MapView
from fieldapp.ui.register.import_wizard import ImportRegisterWizard

pytestmark = pytest.mark.ui

HOLD = 20  # seconds a held read waits at most
TICKS = 5  # timer ticks that must happen while a read is held


class Ticker:
    """Counts the turns of the event loop (a 10 ms QTimer) after `mark()`."""

    def __init__(self):
        self.ticks = 0
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(10)

    def _tick(self):
        self.ticks += 1

    def stop(self):
        self.timer.stop()


class Held:
    """A reader that announces it started, then waits until released."""

    def __init__(self):
        self.started, self.released = threading.Event(), threading.Event()
        self.threads: list[str] = []

    def wait(self):
        self.threads.append(threading.current_thread().name)
        self.started.set()
        self.released.wait(HOLD)


def _hold(monkeypatch, reader: str, module: str) -> tuple[Held, list]:
    """Replace `reader` (a dotted name) by a held read that fails if its result ever arrives,
    and collect the errors `module` would show."""
    held = Held()

    def slow(*_args, **_kwargs):
        held.wait()
        raise AssertionError("a cancelled read must not reach the window")

    monkeypatch.setattr(reader, slow)
    shown: list = []
    monkeypatch.setattr(f"{module}.show_error", lambda *a, **_k: shown.append(a))
    return held, shown


def _cancel_once_ticking(parent, held: Held, ticker: Ticker, seen: dict) -> QTimer:
    """While the read is held: once TICKS more ticks have passed, press Cancel on the progress
    dialog of `parent`."""
    timer = QTimer()

    def check():
        if not held.started.is_set():
            return
        seen.setdefault("at", ticker.ticks)
        if ticker.ticks - seen["at"] >= TICKS:
            dialogs = parent.findChildren(QProgressDialog)
            if dialogs:
                seen["ticks"] = ticker.ticks - seen["at"]
                timer.stop()
                dialogs[0].findChild(QPushButton).click()  # its Cancel button

    timer.timeout.connect(check)
    timer.start(5)
    return timer


# ----- registers --------------------------------------------------------------------------
@pytest.fixture
def wizard_for(qtbot, demo_store):
    def make(path):
        w = ImportRegisterWizard(demo_store, None, str(path))
        qtbot.addWidget(w)
        w.show()
        return w

    return make


def test_a_slow_register_keeps_the_app_responsive_and_cancel_returns_at_once(
        wizard_for, demo_store, tmp_path, monkeypatch):
    villages = [tuple(r) for r in demo_store.conn.execute(
        "SELECT code, name FROM areas WHERE level = 'village' ORDER BY code LIMIT 2")]
    sample = make_register(tmp_path / "慢花名册.xlsx", villages, 20, seed=3, region="140802")
    held, errors = _hold(monkeypatch, "fieldapp.ui.register.import_pages.read_table",
                         "fieldapp.ui.register.import_pages")
    w = wizard_for(sample.path)
    ticker, seen = Ticker(), {}
    canceller = _cancel_once_ticking(w.source, held, ticker, seen)
    try:
        w.next()  # returns when Cancel is pressed, with the read still held
        assert not held.released.is_set()
    finally:
        held.released.set()
        canceller.stop()
        ticker.stop()
    assert seen["ticks"] >= TICKS
    assert held.threads and held.threads[0] != threading.main_thread().name
    assert w.currentPage() is w.source and errors == []


def test_a_register_with_nul_bytes_is_a_chinese_message_naming_it(wizard_for, tmp_path,
                                                                   monkeypatch):
    bad = tmp_path / "坏花名册.csv"
    bad.write_bytes("户主姓名,村民小组\n张三,1组\n".encode() + b"\x00\x00,\x00\n")
    errors = []
    monkeypatch.setattr("fieldapp.ui.register.import_pages.show_error",
                        lambda parent, exc, title=None: errors.append(str(exc)))
    w = wizard_for(bad)
    w.next()
    assert w.currentPage() is w.source
    assert len(errors) == 1 and "无法识别文件编码" in errors[0] and "坏花名册.csv" in errors[0]


# ----- basemaps ---------------------------------------------------------------------------
@pytest.fixture
def view(qtbot, demo_store):
    QSettings().remove("map/basemap")
    v = MapView(demo_store)
    qtbot.addWidget(v)
    v.resize(900, 640)
    v.show()
    qtbot.waitUntil(lambda: v.data is not None)
    yield v
    if v.canvas.basemap is not None:
        v.canvas.basemap.close()
    QSettings().remove("map/basemap")


def _endless(path, metadata: dict[str, str]):
    """An MBTiles whose `tiles` view is a recursive query that never ends."""
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    con.executemany("INSERT INTO metadata VALUES (?, ?)", list(metadata.items()))
    con.execute("CREATE VIEW tiles AS WITH RECURSIVE r(zoom_level, tile_column, tile_row, "
                "tile_data) AS (SELECT 99, 0, 0, x'00' UNION ALL SELECT zoom_level, "
                "tile_column + 1, tile_row, tile_data FROM r) SELECT * FROM r")
    con.commit()
    con.close()
    return path


def test_tiles_are_read_off_the_gui_thread_and_the_map_keeps_turning(view, tmp_path, qtbot,
                                                                     monkeypatch):
    path = _endless(tmp_path / "慢底图.mbtiles", {"name": "慢", "minzoom": "0", "maxzoom": "18"})
    held = Held()
    real_tile = MBTiles.tile

    def slow_tile(self, z, x, y):
        if not held.started.is_set():
            held.wait()
        return None

    monkeypatch.setattr(MBTiles, "tile", slow_tile)
    assert view._open_basemap(str(path))  # the opening check passes: zooms in the metadata
    ticker = Ticker()
    try:
        qtbot.waitUntil(lambda: view.canvas.basemap.ready, timeout=10000)
        view.canvas.repaint()  # paints at once, asking for its tiles
        qtbot.waitUntil(held.started.is_set, timeout=10000)
        at = ticker.ticks
        qtbot.waitUntil(lambda: ticker.ticks - at >= TICKS, timeout=10000)
        view.canvas.repaint()  # another frame while a tile is held: drawn without it
        assert not held.released.is_set()
    finally:
        held.released.set()
        ticker.stop()
    assert held.threads[0] == "basemap-tiles"
    monkeypatch.setattr(MBTiles, "tile", real_tile)


def test_a_tiles_view_that_never_ends_stops_on_its_thread_not_the_map(view, tmp_path, qtbot):
    path = _endless(tmp_path / "无尽底图.mbtiles", {"name": "无尽", "minzoom": "0",
                                                     "maxzoom": "18"})
    assert view._open_basemap(str(path))
    ticker = Ticker()
    try:
        qtbot.waitUntil(lambda: view.canvas.basemap.ready, timeout=10000)
        view.canvas.repaint()
        at = ticker.ticks
        qtbot.waitUntil(lambda: view.canvas.basemap.broken, timeout=20000)  # 500 ms bound
        assert ticker.ticks - at >= TICKS  # the loop turned while the query ran out of time
    finally:
        ticker.stop()
    view.canvas.repaint()  # no more tile queries on that file; the map still draws
    assert view.canvas.basemap.broken and view.data is not None


def test_opening_an_endless_basemap_is_refused_in_chinese_within_its_time_bound(view, tmp_path,
                                                                                 monkeypatch):
    path = _endless(tmp_path / "无尽底图.mbtiles", {"name": "无尽"})  # zooms from the view
    shown = []
    monkeypatch.setattr("fieldapp.ui.map.basemap_open.show_error",
                        lambda parent, exc, title=None: shown.append(str(exc)))
    ticker = Ticker()
    try:
        assert not view._open_basemap(str(path))
    finally:
        ticker.stop()
    assert ticker.ticks >= TICKS  # the 3 s check ran while the loop turned
    assert len(shown) == 1 and "无尽底图.mbtiles" in shown[0] and "毫秒仍未完成" in shown[0]
    assert view.canvas.basemap is None


def test_cancel_while_a_basemap_is_checked_returns_at_once(view, tmp_path, monkeypatch):
    held, shown = _hold(monkeypatch, "fieldapp.ui.map.basemap_open.basemap_info",
                        "fieldapp.ui.map.basemap_open")
    ticker, seen = Ticker(), {}
    canceller = _cancel_once_ticking(view, held, ticker, seen)
    try:
        assert not view._open_basemap(str(tmp_path / "慢底图.mbtiles"))
        assert not held.released.is_set()
    finally:
        held.released.set()
        canceller.stop()
        ticker.stop()
    assert seen["ticks"] >= TICKS and view.canvas.basemap is None and shown == []


# ----- boundaries and household points (map import) ------------------------------------------
def test_cancel_while_a_boundary_file_is_read_returns_at_once_and_drops_it(view, tmp_path,
                                                                           qtbot, monkeypatch):
    held, shown = _hold(monkeypatch, "fieldapp.ui.map.map_import_dialog.plan_boundary_import",
                        "fieldapp.ui.map.map_import_dialog")
    dlg = view.import_dialog(str(tmp_path / "慢边界.geojson"))
    ticker = Ticker()
    try:
        dlg.check()
        qtbot.waitUntil(held.started.is_set, timeout=10000)
        at = ticker.ticks
        qtbot.waitUntil(lambda: ticker.ticks - at >= TICKS, timeout=10000)
        dlg.job.dialog.findChild(QPushButton).click()  # Cancel on its progress dialog
        assert dlg.job is None and dlg.check_button.isEnabled()  # back at once
        assert not held.released.is_set()
    finally:
        held.released.set()
        ticker.stop()
    qtbot.wait(200)  # the held read ends on its thread; its failure is not shown
    assert shown == [] and dlg.plan is None and held.threads[0] != threading.main_thread().name


def test_a_points_file_in_big5_is_read_by_the_map_import(view, tmp_path, qtbot, demo_store):
    rows = demo_store.conn.execute("SELECT uuid FROM households WHERE deleted = 0 ORDER BY uuid"
                                   " LIMIT 3").fetchall()
    path = tmp_path / "坐標.csv"
    path.write_bytes(("戶ID,經度,緯度\r\n" + "".join(f"{u},111.2,35.7\r\n" for (u,) in rows))
                     .encode("big5"))
    dlg = view.import_dialog(str(path))
    dlg.check()
    qtbot.waitUntil(lambda: dlg.plan is not None, timeout=20000)
    assert [p[0] for p in dlg.plan.positions] == [u for (u,) in rows]

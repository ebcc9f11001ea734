"""The map view on the small demo county: points by status, selection both ways, placing and
moving a household (undoable, audited), measuring, checks, and the MBTiles basemap."""

import math

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox

from fieldapp.geo.mapdata import MapData
from fieldapp.store.geo import queries as geo_queries
from fieldapp.store.geo.mbtiles_basemap import write_mbtiles
from fieldapp.ui.map.map_canvas import MEASURE, PLACE
from fieldapp.ui.map.map_view import MapView

pytestmark = pytest.mark.ui


@pytest.fixture
def view(qtbot, demo_store):
    QSettings().remove("map/basemap")  # the Qt settings file is shared by the test session
    v = MapView(demo_store)
    qtbot.addWidget(v)
    v.resize(900, 640)
    v.show()
    qtbot.waitUntil(lambda: v.data is not None)
    return v


def _screen_of(view, idx) -> QPoint:
    sx, sy = view.canvas.to_screen(view.data.x[idx], view.data.y[idx])
    return QPoint(round(float(sx)), round(float(sy)))


def _isolated_household(view):
    """A household with no other within 12 px, zoomed so it is clickable alone."""
    d = view.data
    view.canvas.cx, view.canvas.cy, view.canvas.mpp = float(d.x[0]), float(d.y[0]), 2.0
    for i in range(len(d.x)):
        near = np.hypot(d.x - d.x[i], d.y - d.y[i]) < 12 * view.canvas.mpp
        if near.sum() == 1:
            view.canvas.cx, view.canvas.cy = float(d.x[i]), float(d.y[i])
            view.canvas.update()
            return i
    raise AssertionError("no isolated household")


def test_whole_county_is_drawn_with_every_located_household(view, demo_store):
    assert len(view.data.x) == 3000
    assert len(view.data.areas) == 161  # county + 9 townships + 151 villages
    img = view.canvas.grab().toImage()
    colours = {img.pixelColor(x, y).name() for x in range(0, img.width(), 3)
               for y in range(0, img.height(), 3)}
    assert "#2e7d32" in colours and "#c62828" in colours  # covered and not covered points


def test_clicking_a_point_selects_its_household(view, demo_store, qtbot):
    i = _isolated_household(view)
    with qtbot.waitSignal(view.householdsSelected) as sig:
        qtbot.mouseClick(view.canvas, Qt.LeftButton, pos=_screen_of(view, i))
    uuid = geo_queries.uuids_of(demo_store, [int(view.data.rowid[i])])[int(view.data.rowid[i])]
    assert sig.args[0] == [uuid]
    assert view.selected_uuids() == [uuid]


def test_select_households_from_the_table_does_not_echo(view, demo_store, qtbot):
    uuids = [u for u, in demo_store.conn.execute("SELECT uuid FROM households LIMIT 3")]
    with qtbot.assertNotEmitted(view.householdsSelected):
        view.select_households(uuids)
    assert sorted(view.selected_uuids()) == sorted(uuids)


def test_show_area_zooms_to_the_village(view, demo_store):
    code = demo_store.conn.execute("SELECT code FROM areas WHERE level = 'village'"
                                   " ORDER BY code LIMIT 1 OFFSET 5").fetchone()[0]
    view.show_area(code)
    x0, y0, x1, y1 = view.data.extent(code)
    (sx0, sx1), (sy_bottom, sy_top) = view.canvas.to_screen([x0, x1], [y0, y1])
    assert 0 <= sx0 < sx1 <= view.canvas.width()
    assert 0 <= sy_top < sy_bottom <= view.canvas.height()
    assert (sx1 - sx0) > view.canvas.width() * 0.5 or (sy_bottom - sy_top) > view.canvas.height() * 0.5


def test_place_and_move_are_audited_and_undoable(view, demo_store, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes)
    uuid = demo_store.conn.execute("SELECT uuid FROM households LIMIT 1").fetchone()[0]
    with demo_store.write("t") as w:
        w.update("households", uuid, {"lon": None, "lat": None})
    view.reload()
    qtbot.waitUntil(lambda: not view.loading(), timeout=30000)
    view.select_households([uuid])
    assert view.selected_uuids() == [uuid]  # selected though not on the map yet
    view.set_mode(PLACE)
    target = QPoint(300, 200)
    qtbot.mouseClick(view.canvas, Qt.LeftButton, pos=target)
    lon, lat = geo_queries.household_position(demo_store, uuid)
    wx, wy = view.canvas.to_world(300, 200)
    elon, elat = view.data.unproject(np.array([wx]), np.array([wy]))
    assert lon == pytest.approx(elon[0], abs=1e-6) and lat == pytest.approx(elat[0], abs=1e-6)
    audit = demo_store.conn.execute("SELECT field, old, new FROM audit_log WHERE record_uuid = ?"
                                    " AND field = 'lon' ORDER BY id", (uuid,)).fetchall()
    assert audit[-1][1] is None and float(audit[-1][2]) == lon
    assert view.selected_uuids() == [uuid] and len(view.data.x) == 3000
    # move it again, then undo twice: back to unlocated, each step change-logged
    qtbot.mouseClick(view.canvas, Qt.LeftButton, pos=QPoint(400, 260))
    moved = geo_queries.household_position(demo_store, uuid)
    assert moved != (lon, lat)
    view.undo_stack.undo()
    assert geo_queries.household_position(demo_store, uuid) == (lon, lat)
    view.undo_stack.undo()
    assert geo_queries.household_position(demo_store, uuid) == (None, None)
    view.undo_stack.redo()
    assert geo_queries.household_position(demo_store, uuid) == (lon, lat)
    n = demo_store.conn.execute("SELECT count(*) FROM changes WHERE record_uuid = ? AND op = 'update'",
                                (uuid,)).fetchone()[0]
    assert n == 6  # unset, place, move, undo, undo, redo: every step is a logged change
    # the map shows the household where it now is
    i = view.data.index_of([geo_queries.rowids_of(demo_store, [uuid])[uuid]])[0]
    assert view.data.lon[i] == pytest.approx(lon)


def test_placing_outside_the_village_asks_first(view, demo_store, qtbot, monkeypatch):
    import shapely

    rows = geo_queries.boundaries(demo_store, level="village")
    uuid = demo_store.conn.execute("SELECT uuid FROM households WHERE village_code = ?"
                                   " AND lon IS NOT NULL", (rows[10][0],)).fetchone()[0]
    before = geo_queries.household_position(demo_store, uuid)
    view.select_households([uuid])
    view.set_mode(PLACE)
    answers, asked = [QMessageBox.No], []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or answers.pop(0))
    far = shapely.from_geojson(rows[40][4]).representative_point()  # another village
    x, y = view.data.project(np.array([far.x]), np.array([far.y]))
    px, py = view.canvas.to_screen(float(x[0]), float(y[0]))
    qtbot.mouseClick(view.canvas, Qt.LeftButton, pos=QPoint(int(px), int(py)))
    assert len(asked) == 1 and ("米" in asked[0] or " m " in asked[0])
    assert geo_queries.household_position(demo_store, uuid) == before  # "No": not moved
    answers.append(QMessageBox.Yes)
    qtbot.mouseClick(view.canvas, Qt.LeftButton, pos=QPoint(int(px), int(py)))
    assert len(asked) == 2
    assert geo_queries.household_position(demo_store, uuid) != before
    # the confirmation is recorded with the position, and travels as a change like it
    flag = geo_queries.household_placement(demo_store, uuid)[2]
    assert flag is not None and flag > 100
    change = demo_store.conn.execute(
        "SELECT data FROM changes WHERE record_uuid = ? ORDER BY seq DESC LIMIT 1",
        (uuid,)).fetchone()[0]
    assert "outside_confirmed_m" in change
    inside = shapely.from_geojson(rows[10][4]).representative_point()
    x, y = view.data.project(np.array([inside.x]), np.array([inside.y]))
    px, py = view.canvas.to_screen(float(x[0]), float(y[0]))
    qtbot.mouseClick(view.canvas, Qt.LeftButton, pos=QPoint(int(px), int(py)))
    assert len(asked) == 2  # inside its own village: no question
    lon, lat, flag_now = geo_queries.household_placement(demo_store, uuid)
    assert lon == pytest.approx(inside.x, abs=1e-3) and lat == pytest.approx(inside.y, abs=1e-3)
    assert flag_now is None  # back inside: nothing to explain
    view.undo_stack.undo()  # back to the confirmed spot outside, with its flag
    assert geo_queries.household_placement(demo_store, uuid)[2] == flag


def test_measure_two_points(view, qtbot):
    view.set_mode(MEASURE)
    qtbot.mouseClick(view.canvas, Qt.LeftButton, pos=QPoint(100, 300))
    qtbot.mouseClick(view.canvas, Qt.LeftButton, pos=QPoint(400, 300))
    (x0, y0), (x1, y1) = view.canvas.measure_pts
    lon, lat = view.data.unproject(np.array([x0, x1]), np.array([y0, y1]))
    expected = 6371008.8 * math.radians(lon[1] - lon[0]) * math.cos(math.radians(lat[0]))
    shown = view.status.text()
    value = float(shown.split(":")[1].split()[0])
    unit = shown.split(":")[1].split()[1]
    metres = value * (1000 if unit.startswith("km") else 1)
    assert metres == pytest.approx(expected, rel=0.01)
    qtbot.mouseClick(view.canvas, Qt.RightButton, pos=QPoint(10, 10))
    assert view.canvas.measure_pts == []


def test_keyboard_zoom_and_pan(view, qtbot):
    c = view.canvas
    mpp, cx = c.mpp, c.cx
    qtbot.keyClick(c, Qt.Key_Plus)
    assert c.mpp == pytest.approx(mpp / 1.5)
    qtbot.keyClick(c, Qt.Key_Right)
    assert c.cx > cx
    qtbot.keyClick(c, Qt.Key_Home)
    assert c.mpp == pytest.approx(mpp, rel=0.01)


def test_checks_panel_finds_a_household_moved_out_of_its_village(view, demo_store, qtbot):
    rows = geo_queries.boundaries(demo_store, level="village")
    uuid = demo_store.conn.execute("SELECT uuid FROM households WHERE village_code = ?",
                                   (rows[10][0],)).fetchone()[0]
    import shapely
    far = shapely.from_geojson(rows[40][4]).representative_point()
    with demo_store.write("t") as w:
        w.update("households", uuid, {"lon": far.x, "lat": far.y})
    view.checks_action.trigger()
    assert view.checks.isVisible()
    view.checks.run()
    qtbot.waitUntil(lambda: view.checks.report is not None, timeout=20000)
    report = view.checks.report
    assert uuid in report.flagged_households()
    row = next(i for i, f in enumerate(view.checks.model.rows) if f.households == [uuid])
    with qtbot.waitSignal(view.householdsSelected):
        view.checks.table.selectRow(row)
    assert view.selected_uuids() == [uuid]
    assert len(view.canvas.flagged) >= 1


def _png(color: str) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    img = QImage(256, 256, QImage.Format_RGB32)
    img.fill(QColor(color))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    img.save(buf, "PNG")
    return bytes(data)


@pytest.mark.parametrize("xyz_rows", [False, True])
def test_mbtiles_basemap_tiles_land_in_the_right_place(view, tmp_path, xyz_rows, qtbot):
    from fieldapp.geo import basemap as bm

    c = view.canvas
    z = bm.zoom_for(c.mpp, 0, 22)
    # the tile under the view centre is magenta; the one just north of it cyan
    (_z, tx, ty), = bm.tiles_covering(c.cx, c.cy, c.cx, c.cy, z)
    path = tmp_path / "b.mbtiles"
    write_mbtiles(path, {"name": "t", "format": "png", "minzoom": str(z), "maxzoom": str(z)},
                  {(z, tx, ty): _png("#ff00ff"), (z, tx, ty - 1): _png("#00ffff")}, xyz_rows=xyz_rows)
    assert view._open_basemap(str(path))
    x0, y0, x1, y1 = bm.tile_bounds(z, tx, ty)
    (sx0, _sx1), (sy_top, sy_bottom) = c.to_screen([x0, x1], [y1, y0])
    inside = QPoint(int(sx0 + 3), int(sy_bottom - 3))  # south-west corner of the centre tile
    north = QPoint(int(sx0 + 3), int(sy_top - 3))

    def drawn():  # tiles are read off the GUI thread and drawn as they arrive
        img = c.grab().toImage()
        return img.pixelColor(inside).name() == "#ff00ff" and (
            north.y() <= 0 or img.pixelColor(north).name() == "#00ffff")

    qtbot.waitUntil(drawn, timeout=10000)


def test_broken_basemap_is_a_message_not_a_crash(view, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("fieldapp.ui.map.basemap_open.show_error", lambda *a: shown.append(a))
    (tmp_path / "x.mbtiles").write_text("not sqlite")
    assert not view._open_basemap(str(tmp_path / "x.mbtiles"))
    assert shown and view.canvas.basemap is None


def test_map_data_picks_moved_points_without_rebuilding(demo_store):
    data = MapData.load(demo_store)
    data.build_index()
    rowid = int(data.rowid[5])
    data.set_position(rowid, 0, 112.5, 36.5)
    x, y = data.project([112.5], [36.5])
    assert data.pick(float(x[0]), float(y[0]), 5.0) == 5
    assert data.pick(float(data.x[6]), float(data.y[6]), 0.001) == 6


def test_empty_county_database_shows_an_empty_map(qtbot, store):
    v = MapView(store)
    qtbot.addWidget(v)
    v.resize(600, 400)
    v.show()
    qtbot.waitUntil(lambda: v.data is not None)
    assert len(v.data.x) == 0
    v.show_area("140824100000")
    img = v.canvas.grab().toImage()
    assert img.width() == 600
    v.select_households(["no-such-household"])
    assert v.selected_uuids() == []


def test_gcj02_basemap_shifts_the_vectors_but_keeps_positions(view, demo_store, qtbot):
    uuid = demo_store.conn.execute("SELECT uuid FROM households LIMIT 1").fetchone()[0]
    view.select_households([uuid])
    before_x = view.data.x.copy()
    view.gcj_action.setChecked(True)
    qtbot.waitUntil(lambda: not view.loading(), timeout=30000)
    assert view.selected_uuids() == [uuid]
    shift = np.nanmedian(view.data.x - before_x)
    assert 400 < shift * math.cos(math.radians(35.6)) < 700  # ~520 m east in 稷山
    x, y = float(view.data.x[0]), float(view.data.y[0])
    lon, lat = view.data.unproject(np.array([x]), np.array([y]))
    assert lon[0] == pytest.approx(view.data.lon[0], abs=1e-8)  # clicks map back to WGS84
    assert lat[0] == pytest.approx(view.data.lat[0], abs=1e-8)

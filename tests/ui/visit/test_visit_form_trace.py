"""geotrace / geoshape drawn on the village map from the visit form (and a geopoint placed on
it): clicks add points, Backspace takes the last back, Enter or a double-click finishes, Esc
cancels; a shape is closed; the answer is ODK's "lat lon alt acc;…" and is drawn again when the
question is opened again."""

from __future__ import annotations

import pytest
from form_helpers import button, open_form, when_shown
from inline_xlsform import write_xlsform
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QImage

from fieldapp.geo.mapdata import MapData
from fieldapp.store import visits as V
from fieldapp.store.geo.mbtiles_basemap import write_mbtiles
from fieldapp.survey.loader import load_form
from fieldapp.ui.visit.trace_dialog import TraceDialog
from fieldapp.ui.visit.visit_form_signature import png_bytes

pytestmark = pytest.mark.ui


@pytest.fixture
def located(demo_store):
    """A household of the demo county with a position, nobody has visited yet."""
    return demo_store.conn.execute(
        "SELECT uuid, lon, lat FROM households WHERE status = 'not_visited' AND lon IS NOT NULL"
        " ORDER BY uuid LIMIT 1").fetchone()


def make_form(tmp_path):
    return load_form(write_xlsform(tmp_path / "trace_test.xlsx", [
        ["type", "name", "label"],
        ["geotrace", "cable", "入户线路走向"],
        ["geoshape", "yard", "院落范围"],
        ["geopoint", "dish", "天线位置"]]))


def points(answer: str) -> list[tuple[float, float, float, float]]:
    return [tuple(float(v) for v in p.split()) for p in answer.split(";")]


def click(qtbot, canvas, x, y):
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=QPoint(x, y))


def test_a_line_drawn_on_the_map_is_stored_and_shown_again(qtbot, demo_store, located,
                                                          tmp_path):
    household, lon, lat = located
    form = make_form(tmp_path)
    w = open_form(qtbot, demo_store, household, form)
    where: dict = {}

    def draw(d: TraceDialog) -> None:
        c = d.canvas
        cx, cy = c.width() // 2, c.height() // 2
        click(qtbot, c, cx, cy)  # the map opens on the household
        click(qtbot, c, cx + 60, cy)
        click(qtbot, c, cx + 60, cy + 80)
        assert "3 point(s)" in d.status.text() and " m" in d.status.text()
        qtbot.keyClick(c, Qt.Key_Backspace)  # the last point taken back
        click(qtbot, c, cx + 120, cy - 40)
        where["last"] = d.data.unproject(*c.to_world(cx + 120, cy - 40))
        qtbot.keyClick(c, Qt.Key_Return)

    seen = when_shown(TraceDialog, draw)
    qtbot.mouseClick(button(w.editors["cable"], "Draw on map…"), Qt.LeftButton)
    assert seen and seen[0].windowTitle() == "Draw the line on the map"
    assert w.flush()
    stored = V.get_visit(demo_store, w.visit_uuid)["answers"]["cable"]
    pts = points(stored)
    assert len(pts) == 3 and all(p[2:] == (0.0, 0.0) for p in pts)
    assert pts[0][:2] == pytest.approx((lat, lon), abs=2e-5)  # clicked on the household
    assert pts[2][:2] == pytest.approx((float(where["last"][1]), float(where["last"][0])),
                                       abs=1e-6)
    assert w.editors["cable"].line.text() == stored

    again = open_form(qtbot, demo_store, household, form, w.visit_uuid)
    shown: dict = {}

    def look_and_cancel(d: TraceDialog) -> None:
        shown["points"] = d.points()
        qtbot.keyClick(d.canvas, Qt.Key_Escape)

    when_shown(TraceDialog, look_and_cancel)
    with qtbot.waitActive(again):  # focus moves only in the active window
        again.activateWindow()
    again.focus_field("cable")
    qtbot.keyClick(again.editors["cable"].line, Qt.Key_F4)  # the keyboard way to the map
    assert [(round(b, 6), round(a, 6)) for a, b in shown["points"]] == \
        [(round(p[0], 6), round(p[1], 6)) for p in pts]
    assert V.get_visit(demo_store, w.visit_uuid)["answers"]["cable"] == stored  # Esc: unchanged


def test_a_shape_is_closed_and_needs_three_points(qtbot, demo_store, located, tmp_path):
    household, _lon, _lat = located
    w = open_form(qtbot, demo_store, household, make_form(tmp_path))
    messages: list = []

    def draw(d: TraceDialog) -> None:
        c = d.canvas
        cx, cy = c.width() // 2, c.height() // 2
        click(qtbot, c, cx, cy)
        click(qtbot, c, cx + 50, cy)
        qtbot.keyClick(c, Qt.Key_Return)  # two points are not an area: the dialog stays
        messages.append(d.status.text())
        assert d.isVisible()
        click(qtbot, c, cx + 50, cy + 50)
        qtbot.mouseDClick(c, Qt.LeftButton, pos=QPoint(cx, cy + 50))  # adds it and finishes

    when_shown(TraceDialog, draw)
    qtbot.mouseClick(button(w.editors["yard"], "Draw on map…"), Qt.LeftButton)
    assert "面至少要有 3 个不同的点" in messages[0]
    assert w.flush()
    pts = points(V.get_visit(demo_store, w.visit_uuid)["answers"]["yard"])
    assert len(pts) == 5 and pts[0] == pts[-1]  # four corners, closed
    assert len({p[:2] for p in pts}) == 4


def test_a_point_placed_on_the_map_answers_a_geopoint(qtbot, demo_store, located, tmp_path):
    household, lon, lat = located
    w = open_form(qtbot, demo_store, household, make_form(tmp_path))

    def place(d: TraceDialog) -> None:
        c = d.canvas
        click(qtbot, c, c.width() // 2 + 30, c.height() // 2)
        click(qtbot, c, c.width() // 2, c.height() // 2)  # a second click moves the point
        qtbot.keyClick(c, Qt.Key_Enter)

    when_shown(TraceDialog, place)
    qtbot.mouseClick(button(w.editors["dish"], "Place on map…"), Qt.LeftButton)
    assert w.flush()
    got = points(V.get_visit(demo_store, w.visit_uuid)["answers"]["dish"])
    assert len(got) == 1 and got[0][:2] == pytest.approx((lat, lon), abs=2e-5)


def test_the_map_tabs_basemap_is_under_the_drawing_and_gcj_keeps_answers_wgs84(
        qtbot, demo_store, tmp_path):
    tile = QImage(256, 256, QImage.Format_RGB32)
    tile.fill(QColor("#88aa88"))
    path = tmp_path / "高德影像.mbtiles"  # a Chinese web map: GCJ-02 coordinates
    write_mbtiles(path, {"name": "高德影像", "format": "png", "minzoom": "10",
                         "maxzoom": "10"}, {(10, 827, 408): png_bytes(tile)})
    QSettings().setValue("map/basemap", str(path))
    stored = "35.6 110.98 0 0;35.61 110.99 0 0"
    d = TraceDialog(demo_store, "geotrace", stored)
    qtbot.addWidget(d)
    d.show()
    assert d.canvas.basemap is not None and d.canvas.basemap.path == path
    wgs_x, _wgs_y = MapData().project([110.98], [35.6])  # where it would be without GCJ-02
    qtbot.waitUntil(lambda: d.data.gcj_display, timeout=10000)
    shifted = d.canvas.vertices[0][0] - float(wgs_x[0])
    assert 100 < abs(shifted) < 1500  # drawn where the basemap shows the place (metres)
    assert [(round(a, 6), round(b, 6)) for a, b in d.points()] == [(110.98, 35.6), (110.99, 35.61)]
    qtbot.keyClick(d.canvas, Qt.Key_Return)
    assert d.answer() == stored  # stored in WGS84 all the same

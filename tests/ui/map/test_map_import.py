"""Import and export from the map: check a file, see what matches and what is rejected, import
on a worker thread; export the map as a GeoPackage."""

import json
import shutil

import pyogrio
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from fieldapp.store.geo import queries as geo_queries
from fieldapp.ui.map.map_view import MapView

pytestmark = pytest.mark.ui
DATA = __import__("pathlib").Path(__file__).resolve().parents[2] / "geo" / "data"


@pytest.fixture
def view(qtbot, demo_store, monkeypatch):
    QSettings().remove("map/basemap")
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.Ok)
    v = MapView(demo_store)
    qtbot.addWidget(v)
    v.resize(900, 640)
    v.show()
    qtbot.waitUntil(lambda: v.data is not None)
    return v


def test_import_gcj02_county_boundary_from_the_map(view, demo_store, qtbot):
    dlg = view.import_dialog(str(DATA / "boundary_140824.geojson"))
    dlg.check()
    qtbot.waitUntil(lambda: dlg.plan is not None, timeout=20000)
    assert "GCJ-02" in dlg.summary.text() and dlg.import_button.isEnabled()
    with qtbot.waitSignal(view.dataChanged, timeout=20000):
        dlg.run_import()
    stored = json.loads(geo_queries.boundary(demo_store, "140824000000"))
    wgs = json.loads((DATA / "boundary_140824.wgs84.geojson").read_text(encoding="utf-8"))
    first = stored["coordinates"][0][0] if stored["type"] == "Polygon" else stored["coordinates"][0][0][0]
    expected = wgs["features"][0]["geometry"]["coordinates"][0][0][0]
    assert first == pytest.approx(expected, abs=2e-6)  # converted GCJ-02 -> WGS84
    assert demo_store.conn.execute("SELECT count(*) FROM audit_log WHERE field = 'boundary'"
                                   ).fetchone()[0] == 1


def test_rejected_rows_are_listed_and_nothing_matches_means_no_import(view, qtbot, tmp_path):
    bad = tmp_path / "p.csv"
    bad.write_text("household_id,lon,lat\nnope,111,35.6\n", encoding="utf-8")
    dlg = view.import_dialog(str(bad))
    dlg.check()
    qtbot.waitUntil(lambda: dlg.plan is not None, timeout=20000)
    assert dlg.rejected.rowCount() == 1 and dlg.rejected.item(0, 0).text() == "2"
    assert not dlg.import_button.isEnabled()
    chinese = dlg.rejected.item(0, 1).text()
    # the same check in the English window says why in English
    QSettings().setValue("ui/language", "en")
    dlg.plan = None
    dlg.check()
    qtbot.waitUntil(lambda: dlg.plan is not None, timeout=20000)
    english = dlg.rejected.item(0, 1).text()
    assert english == dlg.plan.rejected[0]["reason_en"] and english.isascii()
    assert chinese == dlg.plan.rejected[0]["reason"] and chinese != english


def test_broken_file_shows_an_error(view, qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("fieldapp.ui.map.map_import_dialog.show_error", lambda *a: shown.append(a))
    bad = tmp_path / "x.geojson"
    bad.write_text("{", encoding="utf-8")
    dlg = view.import_dialog(str(bad))
    dlg.check()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "JSON" in str(shown[0][1]) and dlg.plan is None


def test_export_from_the_map(view, qtbot, tmp_path):
    out = tmp_path / "m.gpkg"
    job = view.export_to(str(out))
    with qtbot.waitSignal(job.finished, timeout=60000):
        pass
    # the demo county has located service points and terminals: their layer comes along
    assert dict(pyogrio.list_layers(out)) == {"households": "Point", "villages": "MultiPolygon",
                                              "facilities": "Point"}
    shutil.rmtree(tmp_path, ignore_errors=True)

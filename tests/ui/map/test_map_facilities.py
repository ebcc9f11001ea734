"""Service points and terminals on the map (seed 2): their own symbols and legend entries with
counts, and a facilities layer in the GeoPackage export without contact names or phones."""

from __future__ import annotations

import pyogrio
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor

from fieldapp.geo.export import export_map
from fieldapp.store.facilities import list_facilities
from fieldapp.ui.map.map_facilities import COLORS
from fieldapp.ui.map.map_view import MapView

pytestmark = pytest.mark.ui


def test_facilities_are_drawn_with_a_legend_of_their_own(qtbot, demo_store):
    QSettings().remove("map/basemap")
    rows = list_facilities(demo_store)
    expected = {"station": sum(r["kind"] == "station" for r in rows),
                "agency": sum(r["kind"] == "agency" for r in rows),
                "terminal_working": sum(r["kind"] == "terminal" and r["status"] == "working"
                                        for r in rows),
                "terminal_other": sum(r["kind"] == "terminal" and r["status"] != "working"
                                      for r in rows)}
    v = MapView(demo_store)
    qtbot.addWidget(v)
    v.resize(1366, 768)
    v.show()
    qtbot.waitUntil(lambda: v.data is not None)
    assert v.data.facility_counts() == expected and expected["terminal_other"] > 0
    station = next(f for f in v.data.facilities if f[0] == "station")
    v.canvas.cx, v.canvas.cy, v.canvas.mpp = station[1], station[2], 6.0
    img = v.canvas.grab().toImage()
    cx, cy = v.canvas.width() // 2, v.canvas.height() // 2
    assert QColor(img.pixel(cx, cy)) == COLORS["station"]  # the square at the centre
    # the legend sits bottom right: its symbols' colours are there
    w, h = img.width(), img.height()
    corner = {QColor(img.pixel(x, y)).name() for x in range(w - 400, w - 5, 2)
              for y in range(h - 120, h - 5, 2)}
    assert {COLORS[s].name() for s in expected} <= corner


def test_geopackage_carries_the_facilities_layer_without_phones(demo_store, tmp_path):
    out = tmp_path / "map.gpkg"
    result = export_map(demo_store, out)
    located = [r for r in list_facilities(demo_store) if r["lon"] is not None]
    assert result["counts"]["facilities"] == len(located) > 0
    info = pyogrio.read_info(out, layer="facilities")
    assert {"kind", "kind_label", "name", "status", "village_code"} <= set(info["fields"])
    assert not {"phone", "contact"} & set(info["fields"])

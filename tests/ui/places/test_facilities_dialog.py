"""The service points and terminals dialog of the places tab: lists the area's records with the
townships and villages still lacking a point, imports a register, and shows a bad file's message
(file, row, column) without changing anything."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from fieldapp.store.facilities import list_facilities, service_gaps
from fieldapp.ui.places.public_places_tab import PublicPlacesTab

pytestmark = pytest.mark.ui
TOWN = "140824100000"


@pytest.fixture
def dialog(qtbot, demo_store):
    tab = PublicPlacesTab()
    qtbot.addWidget(tab)
    tab.set_store(demo_store)
    tab.show_area(TOWN)
    dlg = tab.show_facilities()
    qtbot.addWidget(dlg)
    return dlg


def test_lists_the_area_and_its_gaps(dialog, demo_store):
    assert dialog.table.rowCount() == len(list_facilities(demo_store, area_code=TOWN)) > 0
    missing = len(service_gaps(demo_store, TOWN)["no_agency_point"])
    assert dialog.summary.text().endswith(str(missing))
    assert dialog.width() <= 1366 and dialog.height() <= 768


def test_import_adds_and_a_bad_file_changes_nothing(dialog, qtbot, tmp_path, monkeypatch):
    before = dialog.table.rowCount()
    good = tmp_path / "终端.csv"
    good.write_text("乡镇,村,安装位置,状态\n稷峰镇,东街村,东街新广场,正常\n", encoding="utf-8")
    with qtbot.waitSignal(dialog.imported, timeout=5000):
        assert dialog.import_file(("terminal",), str(good))
    assert dialog.table.rowCount() == before + 1
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(a[2]))
    bad = tmp_path / "坏.csv"
    bad.write_text("乡镇,村,安装位置,状态\n稷峰镇,东街村,东街口,有点响\n", encoding="utf-8")
    assert not dialog.import_file(("terminal",), str(bad))
    assert dialog.table.rowCount() == before + 1
    assert "坏.csv" in shown[0] and "第 2 行" in shown[0] and "状态" in shown[0]


def test_an_import_from_the_main_window_redraws_the_map(qtbot, demo_store, tmp_path):
    from fieldapp.ui.shell.main_window import MainWindow

    w = MainWindow(demo_store)
    qtbot.addWidget(w)
    w.show()
    w.centre.setCurrentWidget(w.map_view)
    qtbot.waitUntil(lambda: w.map_view.data is not None)
    before = w.map_view.data.facility_counts()["terminal_working"]
    w.centre.setCurrentWidget(w.public_places)
    w.tree.select(TOWN)
    dlg = w.public_places.show_facilities()
    qtbot.addWidget(dlg)
    good = tmp_path / "终端.csv"
    good.write_text("乡镇,村,安装位置,状态,经度,纬度\n稷峰镇,东街村,东街新广场,正常,110.97,35.6\n",
                    encoding="utf-8")
    assert dlg.import_file(("terminal",), str(good))
    w.centre.setCurrentWidget(w.map_view)
    qtbot.waitUntil(lambda: w.map_view.data.facility_counts()["terminal_working"] == before + 1)

"""The map as a tab of the main window: selection follows between map, tree, table and detail."""

import pytest
from PySide6.QtCore import QSettings

from fieldapp.store.geo import queries as geo_queries
from fieldapp.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.ui


@pytest.fixture
def window(qtbot, demo_store):
    QSettings().remove("map/basemap")
    w = MainWindow(demo_store)
    qtbot.addWidget(w)
    w.resize(1366, 740)
    w.show()
    w.centre.setCurrentWidget(w.map_view)
    qtbot.waitUntil(lambda: w.map_view.data is not None and not w.map_view.loading())
    return w


def test_map_is_a_tab_beside_the_households(window):
    titles = [window.centre.tabText(i) for i in range(window.centre.count())]
    assert len(titles) >= 2 and window.centre.indexOf(window.map_view) >= 1


def test_picking_on_the_map_selects_in_tree_table_and_detail(window, demo_store, qtbot):
    view = window.map_view
    uuid, village = demo_store.conn.execute(
        "SELECT uuid, village_code FROM households ORDER BY uuid LIMIT 1").fetchone()
    view.select_households([uuid])
    view.canvas.selectionChanged.emit()  # as if clicked on the map
    assert window.tree.current_code() == village
    assert window.table.current_uuid() == uuid
    assert window.centre.currentWidget() is view  # the map stays in front
    assert view.selected_uuids() == [uuid]


def test_choosing_a_row_in_the_table_selects_on_the_map(window, demo_store, qtbot):
    village = demo_store.conn.execute(
        "SELECT village_code FROM households GROUP BY village_code HAVING count(*) > 5"
        " ORDER BY village_code LIMIT 1").fetchone()[0]
    window.tree.select(village)
    window.table.view.selectRow(2)
    uuid = window.table.current_uuid()
    assert window.map_view.selected_uuids() == [uuid]
    box = window.map_view.data.extent(village)
    assert box is not None  # the tree's village is where the map looks
    c = window.map_view.canvas
    assert box[0] - c.mpp * c.width() <= c.cx <= box[2] + c.mpp * c.width()


def test_refresh_reloads_the_map_after_an_outside_change(window, demo_store, qtbot):
    uuid = demo_store.conn.execute("SELECT uuid FROM households LIMIT 1").fetchone()[0]
    with demo_store.write("t") as w:
        w.update("households", uuid, {"lon": None, "lat": None})
    window.refresh()
    assert window.map_view.loading()  # read again, off the GUI thread
    qtbot.waitUntil(lambda: not window.map_view.loading(), timeout=30000)
    assert len(window.map_view.data.x) == 2999
    assert geo_queries.household_position(demo_store, uuid) == (None, None)

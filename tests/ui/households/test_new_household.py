"""新发现户 in the app: Ctrl+N (or the button) opens a short dialog prefilled from the selection;
saving records a field-found household and opens its visit checklist at once."""

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QPushButton

from fieldapp.store.households import queries
from fieldapp.ui.households.new_household_dialog import NewHouseholdDialog

pytestmark = pytest.mark.ui


def _selected_household(window, store):
    code = store.conn.execute("SELECT village_code FROM households WHERE group_no IS NOT NULL"
                              " ORDER BY village_code LIMIT 1").fetchone()[0]
    assert window.tree.select(code)
    window.table.view.selectRow(0)
    return queries.household(store, window.table.model.uuid_at(0))


def test_ctrl_n_prefills_from_selection_and_opens_the_visit(window, demo_store, qtbot):
    hh = _selected_household(window, demo_store)
    qtbot.keyClick(window.table.view, Qt.Key_N, Qt.ControlModifier)
    dlg = window.new_household_dialog
    assert isinstance(dlg, NewHouseholdDialog) and dlg.isVisible()
    assert dlg.village.currentData() == hh["village_code"]
    assert dlg.group.text() == hh["group_no"]
    dlg.name.setText("钱新来")  # (QTest cannot type Chinese characters)
    dlg.door.setText("8号")
    qtbot.keyClicks(dlg.lat, "35.61")
    qtbot.keyClicks(dlg.lon, "110.97")
    qtbot.keyClick(dlg.name, Qt.Key_Return)
    assert not dlg.error.text(), dlg.error.text()
    row = demo_store.conn.execute(
        "SELECT uuid, source, village_code, group_no, address, lat, lon FROM households"
        " WHERE head_name = '钱新来'").fetchone()
    assert tuple(row)[1:] == ("field", hh["village_code"], hh["group_no"], "8号", 35.61, 110.97)
    visit = window.visit_dialog  # the checklist opened at once for the new household
    assert visit.isVisible() and visit.form_widget.household_uuid == row[0]
    assert window.table.current_uuid() == row[0]


def test_bad_input_keeps_the_dialog_open_with_a_chinese_reason(window, demo_store, qtbot):
    _selected_household(window, demo_store)
    button = next(b for b in window.table.findChildren(QPushButton) if "Ctrl+N" in b.toolTip())
    before = demo_store.conn.execute("SELECT count(*) FROM households").fetchone()[0]
    button.click()
    dlg = window.new_household_dialog
    dlg.name.setText("孙某")
    qtbot.keyClicks(dlg.lat, "35.6")  # longitude missing
    dlg.save.click()
    assert dlg.isVisible() and "经度" in dlg.error.text()
    dlg.lat.setText("abc")
    dlg.lon.setText("110.9")
    dlg.save.click()
    assert dlg.isVisible() and "abc" in dlg.error.text()
    QSettings().setValue("ui/language", "en")  # the English window says why in English
    try:
        dlg.lat.setText("35.6")
        dlg.lon.setText("")
        dlg.save.click()
        assert dlg.error.text() == "A position needs both latitude and longitude"
    finally:
        QSettings().remove("ui/language")  # settings outlive a test in one process
    assert demo_store.conn.execute("SELECT count(*) FROM households").fetchone()[0] == before
    dlg.reject()


def test_a_map_click_in_place_mode_gives_the_position(window, demo_store, qtbot):
    window.table.view.clearSelection()
    window.map_view.last_click = (110.95, 35.62)
    window.new_household_action.trigger()
    dlg = window.new_household_dialog
    assert (dlg.lon.text(), dlg.lat.text()) == ("110.950000", "35.620000")
    dlg.reject()

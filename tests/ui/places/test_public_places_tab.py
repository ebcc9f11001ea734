"""The public places tab and checklist: listed for the area chosen in the tree, added and filled in
with the keyboard (each answer saved at once), edited, deleted after a question, undone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fieldapp.store import public_places as P
from fieldapp.survey.registry import bundled_form
from fieldapp.ui.shell.main_window import MainWindow
from fieldapp.ui.places.public_places_dialog import PublicPlaceDialog
from fieldapp.ui.places.public_places_model import PublicPlacesModel

pytestmark = pytest.mark.ui

TOWN = "140824100000"


@pytest.fixture
def window(qtbot, demo_store):
    w = MainWindow(demo_store)
    qtbot.addWidget(w)
    w.show()
    w.centre.setCurrentWidget(w.public_places)
    return w


@pytest.fixture
def tab(window):
    window.tree.select(TOWN)
    return window.public_places


@pytest.fixture
def village(demo_store):
    return demo_store.conn.execute(
        "SELECT code FROM areas WHERE parent_code = ? ORDER BY code LIMIT 1",
        (TOWN,)).fetchone()[0]


def _names(tab) -> list[str]:
    return [tab.proxy.index(r, 1).data() for r in range(tab.proxy.rowCount())]


def _type_into(w, name: str, text: str) -> None:
    """Chinese cannot go through keyClicks: set the text and say it was typed."""
    w.focus_field(name)
    line = w.editors[name].line
    line.setText(text)
    line.textEdited.emit(text)
    w.editors[name].commit()


def test_model_shows_the_checklists_words_without_a_view():
    model = PublicPlacesModel(bundled_form("public_place"), "zh")
    model.set_rows([
        {"uuid": "a", "place_type": "hospital", "name": "稷峰镇卫生院", "state": "complete",
         "village_name": "南街村委会", "answers": {"cable_opened": "yes",
                                                "channels": "cctv county"}},
        {"uuid": "b", "place_type": None, "name": "", "state": "draft", "village_name": None,
         "township_name": "稷峰镇", "answers": {"cable_opened": "no", "channels": "cctv"}},
    ])
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(2)]
    assert rows[0] == ["医院", "稷峰镇卫生院", "南街村委会", "是", "中央台（CCTV）、县台",
                       "Complete"]
    assert rows[1] == ["", "(no name yet)", "稷峰镇", "否", "", "Draft"]
    assert model.row_of("b") == 1 and model.uuid_at(0) == "a"


def test_tab_lists_the_places_of_the_area_in_the_tree(window, demo_store, village):
    titles = [window.centre.tabText(i) for i in range(window.centre.count())]
    assert "Public places" in titles or "公共场所" in titles
    tab = window.public_places
    window.tree.select(TOWN)
    expected = {p["name"] for p in P.list_places(demo_store, TOWN)}
    assert expected and set(_names(tab)) == expected
    assert tab.add_button.isEnabled()
    assert str(len(expected)) in tab.count_label.text()
    assert _names(tab)[0].endswith(("人民政府", "派出所", "财政所"))  # 党政机关 sort first
    window.tree.select("140824000000")
    assert tab.proxy.rowCount() == len(P.list_places(demo_store))
    assert tab.proxy.index(0, 2).data().split()[0].endswith(("镇", "乡", "社区", "开发区"))
    assert not tab.add_button.isEnabled()  # a place belongs to a township or village
    window.tree.select(village)
    assert set(_names(tab)) == {p["name"] for p in P.list_places(demo_store, village)}


def test_add_fill_in_with_keys_and_complete(tab, qtbot, demo_store):
    before = len(P.list_places(demo_store, TOWN))
    dlg = tab.add_place()
    qtbot.addWidget(dlg)
    w = dlg.form_widget
    w.focus_next()
    assert w.visit_uuid is None  # nothing is stored before the first answer
    qtbot.keyClicks(w.focusWidget(), "4")  # hospital
    uuid = dlg.place_uuid
    assert uuid and P.get_place(demo_store, uuid)["place_type"] == "hospital"
    assert tab.current_uuid() == uuid  # listed (and selected) at once
    _type_into(w, "place_name", "稷峰镇卫生院东院")
    assert P.get_place(demo_store, uuid)["name"] == "稷峰镇卫生院东院"
    assert "稷峰镇卫生院东院" in dlg.windowTitle()
    w.focus_field("cable_opened")
    qtbot.keyClicks(w.focusWidget(), "1")  # yes; channels default to all three
    _type_into(w, "contact_name", "薛明")
    assert w.complete_button.isEnabled()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow, timeout=3000)
    qtbot.keyClick(w.focusWidget(), Qt.Key_Return, Qt.ControlModifier)
    assert not dlg.isVisible()
    place = P.get_place(demo_store, uuid)
    assert place["state"] == "complete" and place["township_code"] == TOWN
    assert place["answers"]["channels"] == "cctv provincial county"
    assert len(P.list_places(demo_store, TOWN)) == before + 1
    row = tab.model.row_of(uuid)
    assert tab.model.index(row, 5).data() == "Complete"
    audited = demo_store.conn.execute(
        "SELECT count(*) FROM audit_log WHERE tbl = 'public_places' AND record_uuid = ?",
        (uuid,)).fetchone()[0]
    assert audited >= 5  # type, name (answer and column), cable, contact, state...


def test_an_abandoned_add_stores_nothing(tab, qtbot, demo_store):
    before = demo_store.conn.execute("SELECT count(*) FROM public_places").fetchone()[0]
    dlg = tab.add_place()
    qtbot.addWidget(dlg)
    dlg.reject()
    assert demo_store.conn.execute("SELECT count(*) FROM public_places").fetchone()[0] == before


def test_edit_keeps_a_draft_when_closed_mid_way(tab, qtbot, demo_store):
    tab.view.selectRow(0)
    uuid = tab.current_uuid()
    dlg = tab.edit_current()
    qtbot.addWidget(dlg)
    w = dlg.form_widget
    if w.read_only:
        w.reopen()
    w.focus_field("notes")
    w.editors["notes"].line.setText("门卫室有电视")  # typed, not yet committed
    dlg.reject()  # Esc: what was typed is saved anyway
    place = P.get_place(demo_store, uuid)
    assert place["answers"]["notes"] == "门卫室有电视" and place["state"] == "draft"
    assert tab.model.index(tab.model.row_of(uuid), 5).data() == "Draft"


def test_delete_asks_first_and_can_be_undone(tab, demo_store, monkeypatch):
    tab.view.selectRow(0)
    uuid = tab.current_uuid()
    name = P.get_place(demo_store, uuid)["name"]
    asked = []
    monkeypatch.setattr(tab, "confirm_delete", lambda n: asked.append(n) or False)
    assert not tab.delete_current()
    assert asked == [name] and P.get_place(demo_store, uuid) is not None
    monkeypatch.setattr(tab, "confirm_delete", lambda n: True)
    n = tab.proxy.rowCount()
    assert tab.delete_current()
    assert P.get_place(demo_store, uuid) is None and tab.proxy.rowCount() == n - 1
    assert name not in _names(tab) and tab.undo_button.isVisible()
    again = tab.undo_delete()
    assert P.get_place(demo_store, again)["name"] == name
    assert tab.proxy.rowCount() == n and tab.current_uuid() == again
    assert not tab.undo_button.isVisible()


def test_a_completed_place_opens_read_only(qtbot, demo_store):
    uuid = demo_store.conn.execute(
        "SELECT uuid FROM public_places WHERE state = 'complete' LIMIT 1").fetchone()[0]
    dlg = PublicPlaceDialog(demo_store, bundled_form("public_place"), place_uuid=uuid,
                            language="zh")
    qtbot.addWidget(dlg)
    w = dlg.form_widget
    assert w.read_only and not w.editors["place_type"].isEnabled()
    assert not w.history_button.isVisible()
    assert w.editors["place_name"].line.text() == P.get_place(demo_store, uuid)["name"]
    w.reopen()
    assert P.get_place(demo_store, uuid)["state"] == "draft"

"""The detail panel's change history: answers in the checklist's words, household fields by
their names."""

import pytest

from fieldapp.store import visits as V
from fieldapp.survey.registry import bundled_form
from fieldapp.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.ui


def _history(window) -> list[list[str]]:
    tree = window.detail.history
    return [[tree.topLevelItem(i).text(c) for c in range(1, 4)]
            for i in range(tree.topLevelItemCount())]


@pytest.fixture
def window(qtbot, demo_store):
    w = MainWindow(demo_store)
    qtbot.addWidget(w)
    return w


def _household(store) -> str:
    return store.conn.execute("SELECT uuid FROM households ORDER BY uuid LIMIT 1").fetchone()[0]


def test_answers_are_shown_in_the_words_of_the_checklist(window, demo_store):
    uuid = _household(demo_store)
    form = bundled_form("huhutong_household")
    V.start_visit(demo_store, "张", uuid, form.form_id, form.version,
                  {"visit_result": "met", "reception_mode": "iptv"})
    window.detail.show_household(uuid)
    assert ["电视接收方式", "", "IPTV（通信运营商）"] in _history(window)


def test_household_changes_are_shown_without_a_visit(window, demo_store):
    uuid = _household(demo_store)
    with demo_store.write("张") as w:
        w.update("households", uuid, {"phone": "13800000000"})
    window.detail.show_household(uuid)
    assert _history(window)[0][0] in ("电话", "Phone")
    assert _history(window)[0][2] == "13800000000"

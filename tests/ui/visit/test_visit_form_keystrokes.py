"""Speed of entry: a standard "covered" visit takes at most 15 keystrokes or clicks, counted from
the household list of the main window, and the new status shows in the table, tree and detail."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fieldapp.store.households import queries
from fieldapp.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.ui

BUDGET = 15


class Counter:
    """Every user action goes through here, so the count cannot miss one."""

    def __init__(self, qtbot):
        self.qtbot, self.n = qtbot, 0

    def click(self, widget, pos=None):
        self.n += 1
        self.qtbot.mouseClick(widget, Qt.LeftButton, pos=pos)

    def key(self, widget, key, modifier=Qt.NoModifier):
        self.n += 1
        self.qtbot.keyClick(widget, key, modifier)


def _tree_rate(window, code) -> float:
    from fieldapp.ui.households.area_tree import CODE_ROLE

    model = window.tree.model
    hit = model.match(model.index(0, 0), CODE_ROLE, code, 1,
                      Qt.MatchExactly | Qt.MatchRecursive)[0]
    return float(hit.siblingAtColumn(2).data().rstrip("%"))


def test_covered_visit_within_fifteen_actions(qtbot, demo_store):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    code = demo_store.conn.execute(
        "SELECT village_code FROM households WHERE status = 'not_visited'"
        " GROUP BY village_code ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    window.tree.select(code)
    model, view = window.table.model, window.table.view
    row = next(r for r in range(model.rowCount())
               if queries.household(demo_store, model.uuid_at(r))["status"] == "not_visited")
    uuid = model.uuid_at(row)
    village_rate_before = _tree_rate(window, code)
    before = demo_store.conn.execute(
        "SELECT count(*) FROM households WHERE status = 'covered'").fetchone()[0]

    c = Counter(qtbot)
    view.scrollTo(model.index(row, 0))
    c.click(view.viewport(), view.visualRect(model.index(row, 0)).center())  # pick household
    assert window.detail.uuid == uuid
    c.key(view, Qt.Key_Return)  # open its checklist
    dlg = window.visit_dialog
    qtbot.waitUntil(lambda: dlg.isVisible())
    form = dlg.form_widget
    qtbot.waitUntil(lambda: dlg.focusWidget() is form.editors["visit_result"].frame)
    for key in (Qt.Key_1,  # household met
                Qt.Key_2,  # IPTV
                Qt.Key_1,  # works now (channels and TV sets keep their defaults)
                Qt.Key_1,  # China Telecom
                Qt.Key_1,  # broadband
                Qt.Key_2,  # not a paid cable subscriber (no illegal charge is the default)
                Qt.Key_1,  # emergency broadcast terminal
                Qt.Key_1,  # it works
                Qt.Key_1,  # satisfied
                Qt.Key_1):  # household head confirmed
        c.key(dlg.focusWidget(), key)
    c.key(dlg.focusWidget(), Qt.Key_Return, Qt.ControlModifier)  # complete

    assert c.n <= BUDGET, f"{c.n} actions"
    qtbot.waitUntil(lambda: not dlg.isVisible())
    hh = queries.household(demo_store, uuid)
    assert hh["status"] == "covered"
    after = demo_store.conn.execute(
        "SELECT count(*) FROM households WHERE status = 'covered'").fetchone()[0]
    assert after == before + 1
    # the status shows everywhere: detail panel, table row, tree counts
    assert window.detail.uuid == uuid
    assert window.detail.status.text().startswith("已覆盖") or "Covered" in \
        window.detail.status.text()
    table_row = next(r for r in range(model.rowCount()) if model.uuid_at(r) == uuid)
    texts = [model.index(table_row, col).data() for col in range(model.columnCount())]
    assert any(t in ("已覆盖", "Covered") for t in texts)
    assert _tree_rate(window, code) > village_rate_before
    print(f"covered visit in {c.n} actions")

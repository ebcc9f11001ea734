"""Speed of entry in a doorway: a standard "covered" visit takes at most 5 key presses besides the
phone number's digits, from the open main window with no mouse, and the new status shows in the
table, tree and detail; the next household of the group is then one key away."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fieldapp.store.households import queries
from fieldapp.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.ui

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


def _findable(store, area: str) -> tuple[str, str]:
    """A not-yet-visited household that its three pinyin initials find first in `area`."""
    rows = store.conn.execute(
        "SELECT uuid, head_initials FROM households WHERE status = 'not_visited'"
        " AND length(head_initials) = 3 AND deleted = 0 ORDER BY uuid LIMIT 400").fetchall()
    for uuid, key in rows:
        first = queries.households(store, area, search=key, limit=1)
        if first and first[0][0] == uuid:
            return uuid, key
    raise AssertionError("no household found first by its initials")


def test_covered_visit_in_five_keys_besides_the_phone(qtbot, demo_store):
    """From the open main window, no mouse: l q j Enter, the phone digits, Ctrl+Enter."""
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    uuid, key = _findable(demo_store, window.tree.current_code())
    code = queries.household(demo_store, uuid)["village_code"]
    village_rate_before = _tree_rate(window, code)
    before = demo_store.conn.execute(
        "SELECT count(*) FROM households WHERE status = 'covered'").fetchone()[0]
    model = window.table.model

    c = Counter(qtbot)
    qtbot.waitUntil(lambda: window.focusWidget() is window.table.search)
    for letter in key:  # type-to-search: the search box has the focus when the window opens
        c.key(window.focusWidget(), getattr(Qt, f"Key_{letter.upper()}"))
    c.key(window.focusWidget(), Qt.Key_Return)  # the best match's visit
    qtbot.waitUntil(lambda: getattr(window, "visit_dialog", None) is not None
                    and window.visit_dialog.isVisible())
    dlg = window.visit_dialog
    form = dlg.form_widget
    assert form.household_uuid == uuid
    qtbot.waitUntil(lambda: dlg.focusWidget() is form.editors["head_phone"].line)
    phone = "13912345678"
    for digit in phone:  # data, not counted
        qtbot.keyClick(dlg.focusWidget(), getattr(Qt, f"Key_{digit}"))
    reloads = []
    real_reload = window.table.reload
    window.table.reload = lambda: reloads.append(1) or real_reload()
    c.key(dlg.focusWidget(), Qt.Key_Return, Qt.ControlModifier)  # complete

    assert c.n <= 5, f"{c.n} key presses besides the phone number"
    qtbot.waitUntil(lambda: not dlg.isVisible())
    qtbot.wait(50)
    assert len(reloads) == 1  # the village's list is read once, not once per refreshed part
    hh = queries.household(demo_store, uuid)
    assert hh["status"] == "covered"
    after = demo_store.conn.execute(
        "SELECT count(*) FROM households WHERE status = 'covered'").fetchone()[0]
    assert after == before + 1
    # the status shows everywhere: detail panel, table row, tree counts
    assert window.detail.uuid == uuid
    assert window.detail.status.text().startswith("已覆盖") or "Covered" in \
        window.detail.status.text()
    saved = queries.visits_of(demo_store, uuid)[0]
    assert saved["state"] == "complete"
    assert saved["answers"]["head_phone"] == phone and saved["answers"]["covered"] == "yes"
    table_row = next(r for r in range(model.rowCount()) if model.uuid_at(r) == uuid)
    texts = [model.index(table_row, col).data() for col in range(model.columnCount())]
    assert any(t in ("已覆盖", "Covered") for t in texts)
    assert _tree_rate(window, code) > village_rate_before
    # back in the village's list on that household: Down is the next one, Enter opens it
    qtbot.waitUntil(lambda: window.focusWidget() is window.table.view)
    assert window.table.current_uuid() == uuid
    qtbot.keyClick(window.table.view, Qt.Key_Down)
    nxt = window.table.current_uuid()
    assert nxt != uuid and queries.household(demo_store, nxt)["village_code"] == code
    qtbot.keyClick(window.table.view, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.visit_dialog.form_widget.household_uuid == nxt)
    window.visit_dialog.reject()

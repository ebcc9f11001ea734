"""A repeat group in the visit form: adding members from the keyboard, the saved draft holding
them as a list, removing one, and a repeat_count answer setting the number of boxes."""

from __future__ import annotations

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QMessageBox

from fieldapp.store import visits as V
from fieldapp.survey.loader import load_form
from fieldapp.ui.households.history_dialog import describe_change
from fieldapp.ui.visit.visit_form import VisitFormWidget

pytestmark = pytest.mark.ui


def make_form(tmp_path, count: str = ""):
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    for row in (
        ["type", "name", "label", "required", "repeat_count"],
        ["integer", "size", "家庭人口", "yes", ""],
        ["begin_repeat", "members", "家庭成员", "", count],
        ["text", "member_name", "姓名", "yes", ""],
        ["select_one sex", "sex", "${member_name}的性别", "yes", ""],
        ["end_repeat", "", "", "", ""],
        ["calculate", "n_members", "", "", ""],
    ):
        ws.append(row)
    ws.cell(7, 6).value = "count(${members})"
    ws.cell(1, 6).value = "calculation"
    choices = wb.create_sheet("choices")
    for row in (["list_name", "name", "label"], ["sex", "m", "男"], ["sex", "f", "女"]):
        choices.append(row)
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["roster_test", "1"])
    path = tmp_path / "roster_test.xlsx"
    wb.save(path)
    return load_form(path)


def open_widget(qtbot, store, household, form):
    w = VisitFormWidget(store, household, form, language="zh")
    qtbot.addWidget(w)
    w.resize(760, 690)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    w.focus_next()
    return w


def test_two_members_added_from_the_keyboard_are_saved_as_a_list(
        qtbot, demo_store, household, tmp_path):
    w = open_widget(qtbot, demo_store, household, make_form(tmp_path))
    add = w.repeats["members"].add_button
    qtbot.keyClicks(w.focusWidget(), "2")
    qtbot.keyClick(w.focusWidget(), Qt.Key_Return)
    assert w.focusWidget() is w.complete_button  # a roster may stay empty
    qtbot.keyClick(w.focusWidget(), Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)
    for name, sex_key in (("Wang Fang", "2"), ("Li Qiang", "1")):  # QTest types ASCII only
        if w.focusWidget() is add:
            qtbot.keyClick(w.focusWidget(), Qt.Key_Return)  # Enter on Add: one more member
        qtbot.keyClicks(w.focusWidget(), name)
        qtbot.keyClick(w.focusWidget(), Qt.Key_Return)
        qtbot.keyClicks(w.focusWidget(), sex_key)  # digit picks the choice and moves on
        assert w.focusWidget() is add  # after the last question of the last member
    assert w.rows["members[2]/sex"].label.text().startswith("<b>Li Qiang的性别")
    assert w.complete_button.isEnabled()
    qtbot.keyClick(w.focusWidget(), Qt.Key_Return, Qt.ControlModifier)
    assert w.read_only and not add.isEnabled()
    visit = V.get_visit(demo_store, w.visit_uuid)
    assert visit["state"] == "complete"
    assert visit["answers"]["members"] == [{"member_name": "Wang Fang", "sex": "f"},
                                           {"member_name": "Li Qiang", "sex": "m"}]
    assert visit["answers"]["n_members"] == 2

    entry = next(e for e in V.household_history(demo_store, household)
                 if e["field"] == "answers.members")  # the newest change of the roster
    label, _old, new = describe_change(w.form, entry, "zh")
    assert label == "家庭成员"
    assert new.startswith("2") and new.endswith(": Wang Fang、Li Qiang")

    again = VisitFormWidget(demo_store, household, make_form(tmp_path),
                            visit_uuid=w.visit_uuid, language="zh")
    qtbot.addWidget(again)
    assert len(again.repeats["members"].boxes) == 2
    assert again.editors["members[2]/member_name"].line.text() == "Li Qiang"


def test_a_member_removed_with_the_keyboard_leaves_the_draft(
        qtbot, demo_store, household, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes)
    w = open_widget(qtbot, demo_store, household, make_form(tmp_path))
    for name in ("A", "B", "C"):
        w.add_instance("members")
        qtbot.keyClicks(w.focusWidget(), name)
        qtbot.keyClick(w.focusWidget(), Qt.Key_Return)
    w.focus_field("members[1]/member_name")
    qtbot.keyClick(w.focusWidget(), Qt.Key_D, Qt.ControlModifier | Qt.ShiftModifier)
    assert asked == ["Remove 家庭成员 1 (A)?"]  # (no translator loaded in tests)
    draft = V.get_visit(demo_store, w.visit_uuid)
    assert [m["member_name"] for m in draft["answers"]["members"]] == ["B", "C"]
    assert draft["answers"]["n_members"] == 2
    assert w.editors["members[1]/member_name"].line.text() == "B"
    assert "members[3]/member_name" not in w.editors
    section = w.repeats["members"]  # the boxes of before are off the screen, not left behind
    assert len(section.findChildren(QGroupBox, options=Qt.FindDirectChildrenOnly)) == 2


def test_repeat_count_sets_the_boxes_and_hides_add(qtbot, demo_store, household, tmp_path):
    w = open_widget(qtbot, demo_store, household, make_form(tmp_path, count="${size}"))
    qtbot.keyClicks(w.focusWidget(), "3")
    qtbot.keyClick(w.focusWidget(), Qt.Key_Return)
    assert len(w.repeats["members"].boxes) == 3
    assert not w.repeats["members"].add_button.isEnabled()
    assert w.editors["members[1]/member_name"].isAncestorOf(w.focusWidget())

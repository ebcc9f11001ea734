"""A repeat inside a repeat in the visit form: each member gets a jobs section of their own, its
boxes set by the member's job count (jr:count) or added by hand, typed from the keyboard, and
the draft holds each member's jobs inside the member."""

from __future__ import annotations

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from fieldapp.store import visits as V
from fieldapp.survey.loader import load_form
from fieldapp.ui.visit.visit_form import VisitFormWidget

pytestmark = pytest.mark.ui


def make_form(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    for row in (
        ["type", "name", "label", "required", "jr:count", "calculation"],
        ["begin_repeat", "members", "家庭成员", "", "", ""],
        ["text", "member_name", "姓名", "yes", "", ""],
        ["integer", "n_jobs", "${member_name}有几份工作", "", "", ""],
        ["begin_repeat", "jobs", "工作", "", "${n_jobs}", ""],
        ["text", "job", "${member_name}的工作", "yes", "", ""],
        ["end_repeat", "", "", "", "", ""],
        ["begin_repeat", "phones", "电话", "", "", ""],
        ["text", "phone", "号码", "", "", ""],
        ["end_repeat", "", "", "", "", ""],
        ["end_repeat", "", "", "", "", ""],
        ["calculate", "all_jobs", "", "", "", "count(${job})"],
    ):
        ws.append(row)
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["nested_test", "1"])
    wb.save(tmp_path / "nested_test.xlsx")
    return load_form(tmp_path / "nested_test.xlsx")


def test_each_member_has_a_jobs_section_set_by_their_job_count(
        qtbot, demo_store, household, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes)
    w = VisitFormWidget(demo_store, household, make_form(tmp_path), language="zh")
    qtbot.addWidget(w)
    w.resize(760, 690)
    w.show()
    w.add_instance("members")
    qtbot.keyClicks(w.focusWidget(), "Wang")
    qtbot.keyClick(w.focusWidget(), Qt.Key_Return)
    qtbot.keyClicks(w.focusWidget(), "2")  # n_jobs: two job boxes for this member
    qtbot.keyClick(w.focusWidget(), Qt.Key_Return)
    assert len(w.repeats["members[1]/jobs"].boxes) == 2
    assert not w.repeats["members[1]/jobs"].add_button.isEnabled()  # counted, not added
    assert w.editors["members[1]/jobs[1]/job"].isAncestorOf(w.focusWidget())
    assert w.rows["members[1]/jobs[1]/job"].label.text().startswith("<b>Wang的工作")
    for job in ("teacher", "farmer"):
        qtbot.keyClicks(w.focusWidget(), job)
        qtbot.keyClick(w.focusWidget(), Qt.Key_Return)
    w.add_instance("members[1]/phones")  # no count: added by hand
    qtbot.keyClicks(w.focusWidget(), "13912345678")
    qtbot.keyClick(w.focusWidget(), Qt.Key_Return)
    w.add_instance("members")
    qtbot.keyClicks(w.focusWidget(), "Li")
    qtbot.keyClick(w.focusWidget(), Qt.Key_Return)
    qtbot.keyClicks(w.focusWidget(), "1")
    qtbot.keyClick(w.focusWidget(), Qt.Key_Return)
    qtbot.keyClicks(w.focusWidget(), "driver")
    qtbot.keyClick(w.focusWidget(), Qt.Key_Return)
    draft = V.get_visit(demo_store, w.visit_uuid)["answers"]
    assert draft["members"] == [
        {"member_name": "Wang", "n_jobs": 2, "jobs": [{"job": "teacher"}, {"job": "farmer"}],
         "phones": [{"phone": "13912345678"}]},
        {"member_name": "Li", "n_jobs": 1, "jobs": [{"job": "driver"}]}]
    assert draft["all_jobs"] == 3
    assert w.complete_button.isEnabled()
    w.remove_instance("members", 0)  # the first member goes with their jobs and phones
    assert asked == ["Remove 家庭成员 1 (Wang)?"]
    assert "members[2]/jobs" not in w.repeats
    assert list(w.repeats) == ["members", "members[1]/jobs", "members[1]/phones"]
    assert w.editors["members[1]/jobs[1]/job"].line.text() == "driver"

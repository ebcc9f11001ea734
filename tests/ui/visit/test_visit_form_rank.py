"""A `rank` question: the surveyor picks the choices in order of preference (mouse or number
keys); each shows its place, picking one again takes it out, and the answer keeps the order."""

from __future__ import annotations

import pytest
from inline_xlsform import write_xlsform
from PySide6.QtCore import Qt

from fieldapp.store import visits as V
from fieldapp.survey.loader import load_form
from fieldapp.ui.visit.visit_form import VisitFormWidget

pytestmark = pytest.mark.ui


def test_rank_in_the_order_picked(qtbot, demo_store, household, tmp_path):
    form = load_form(write_xlsform(tmp_path / "rank.xlsx", [
        ["type", "name", "label"], ["rank need", "need", "最需要的"]],
        [["list_name", "name", "label"], ["need", "tv", "电视"], ["need", "net", "宽带"],
         ["need", "road", "道路"]]))
    w = VisitFormWidget(demo_store, household, form, language="zh")
    qtbot.addWidget(w)
    w.show()
    editor = w.editors["need"]
    editor.frame.setFocus()
    for key in (Qt.Key_3, Qt.Key_1, Qt.Key_2):
        qtbot.keyClick(editor.frame, key)
    assert [b.text() for b in editor.buttons] == ["1 电视 →2", "2 宽带 →3", "3 道路 →1"]
    editor.buttons[0].click()  # tv out of the ranking: net moves up
    assert editor.selected == ["road", "net"]
    editor.buttons[0].click()
    assert w.flush()
    assert V.get_visit(demo_store, w.visit_uuid)["answers"]["need"] == "road net tv"

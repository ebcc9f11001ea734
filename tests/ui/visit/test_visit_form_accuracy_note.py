"""A geopoint whose form asks for a GPS accuracy (capture-accuracy / warning-accuracy), answered
by typing or pasting coordinates: the row says the accuracy is not measured (or worse than asked)
and the visit can still be completed."""

from __future__ import annotations

import pytest
from form_helpers import open_form
from inline_xlsform import write_xlsform
from PySide6.QtCore import Qt

from fieldapp.survey.loader import load_form

pytestmark = pytest.mark.ui


def answer(qtbot, w, name: str, text: str) -> None:
    line = w.editors[name].line
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key_Return)


def test_a_typed_position_is_noted_as_not_measured_and_never_blocks(qtbot, demo_store,
                                                                    household, tmp_path):
    form = load_form(write_xlsform(tmp_path / "accuracy.xlsx", [
        ["type", "name", "label", "parameters"],
        ["geopoint", "dish", "天线位置", "capture-accuracy=5 warning-accuracy=20"],
        ["geopoint", "gate", "院门位置", ""]]))
    w = open_form(qtbot, demo_store, household, form)
    note = w.rows["dish"].note
    assert not note.isVisible()  # nothing answered yet
    answer(qtbot, w, "dish", "35.6 110.98")
    assert note.isVisible() and "没有测得精度" in note.text() and "5 米以内" in note.text()
    assert not w.rows["dish"].error.isVisible() and w.complete_button.isEnabled()
    answer(qtbot, w, "dish", "35.6 110.98 612 30")  # pasted from a GPS that measured ±30 m
    assert "精度是 30 米，比表单要求的 20 米差" in note.text() and w.complete_button.isEnabled()
    answer(qtbot, w, "dish", "35.6 110.98 612 4")
    assert not note.isVisible()
    answer(qtbot, w, "gate", "35.6 110.98")  # no accuracy asked: nothing to say
    assert not w.rows["gate"].note.isVisible()

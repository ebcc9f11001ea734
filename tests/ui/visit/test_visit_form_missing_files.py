"""A form whose attachment is not beside it yet: the question listing it offers nothing and the
visit cannot be completed; a calculation reading the missing file (no question on screen) still
blocks Complete and is named when the user asks what is left."""

from __future__ import annotations

import pytest
from form_helpers import open_form
from inline_xlsform import write_xlsform
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from fieldapp.survey.loader import load_form

pytestmark = pytest.mark.ui


def test_a_missing_list_offers_nothing_and_blocks_complete(qtbot, demo_store, household,
                                                           tmp_path):
    form = load_form(write_xlsform(tmp_path / "missing_list.xlsx", [
        ["type", "name", "label"],
        ["select_one_from_file villages.csv", "village", "村"],
        ["text", "remark", "备注"]]))
    w = open_form(qtbot, demo_store, household, form)
    w.editors["remark"].line.setText("无")
    w.editors["remark"].commit()
    w.refresh()
    assert w.editors["village"].buttons == []  # nothing to pick until the file is added
    assert not w.complete_button.isEnabled()
    qtbot.mouseClick(w.todo_button, Qt.LeftButton)
    assert "villages.csv" in w.rows["village"].error.text()


def test_a_calculation_reading_a_missing_file_blocks_complete_and_is_named(
        qtbot, demo_store, household, tmp_path, monkeypatch):
    form = load_form(write_xlsform(tmp_path / "missing_table.xlsx", [
        ["type", "name", "label", "calculation"],
        ["text", "item", "商品", ""],
        ["calculate", "price", "", "pulldata('prices', 'price', 'name', ${item})"]]))
    said: list = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    w = open_form(qtbot, demo_store, household, form)
    w.editors["item"].line.setText("大米")
    w.editors["item"].commit()
    w.refresh()
    assert not w.complete_button.isEnabled()
    assert w.todo_button.text().startswith("1 ")
    qtbot.mouseClick(w.todo_button, Qt.LeftButton)
    assert len(said) == 1 and "prices.csv" in said[0]
    assert w.complete() is False and w.visit_state != "complete"

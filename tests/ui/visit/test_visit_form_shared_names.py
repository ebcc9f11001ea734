"""A checklist where two questions in different groups have the same name (as ODK's tutorial
forms: the respondent's name and the spouse's name): the visit form shows both and keeps each
answer under its own key."""

from __future__ import annotations

import pytest
from inline_xlsform import write_xlsform

from fieldapp.store import visits as V
from fieldapp.survey.loader import load_form
from fieldapp.ui.visit.visit_form import VisitFormWidget

pytestmark = pytest.mark.ui


def test_two_questions_named_alike_keep_their_own_answers(qtbot, demo_store, household,
                                                          tmp_path):
    form = load_form(write_xlsform(tmp_path / "names.xlsx", [
        ["type", "name", "label"],
        ["text", "name", "户主姓名"],
        ["begin_group", "spouse", "配偶"],
        ["text", "name", "配偶姓名"],
        ["end_group"]]))
    w = VisitFormWidget(demo_store, household, form, language="zh")
    qtbot.addWidget(w)
    w.show()
    for key, text in (("name", "王芳"), ("spouse-name", "李强")):
        w.editors[key].line.setText(text)
        w.editors[key].line.textEdited.emit(text)
    assert w.flush()
    answers = V.get_visit(demo_store, w.visit_uuid)["answers"]
    assert (answers["name"], answers["spouse-name"]) == ("王芳", "李强")

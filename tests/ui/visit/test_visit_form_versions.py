"""The visit window takes the checklist from the database when the county published a newer one,
a draft carries on with the version it started with, and About names the version in use."""

from __future__ import annotations

import pytest
from form_revision import V1, V2, revised_form

from fieldapp.jobs.form_publish import publish_form
from fieldapp.store import visits as V
from fieldapp.survey.registry import HOUSEHOLD_FORM, bundled_form
from fieldapp.ui.shell.about import AboutDialog
from fieldapp.ui.visit.visit_form_dialog import VisitFormDialog

pytestmark = pytest.mark.ui


def test_new_visit_uses_published_version_and_draft_keeps_its_own(qtbot, demo_store, tmp_path):
    first, second = [r[0] for r in demo_store.conn.execute(
        "SELECT uuid FROM households WHERE status = 'not_visited' ORDER BY uuid LIMIT 2")]
    v1 = bundled_form(HOUSEHOLD_FORM)
    draft = V.start_visit(demo_store, "tester", first, HOUSEHOLD_FORM, v1.version,
                          {"visit_result": "met"})
    publish_form(demo_store, revised_form(tmp_path / "v2"))

    old = VisitFormDialog.for_household(demo_store, first)
    qtbot.addWidget(old)
    assert old.form_widget.form.version == V1 and old.form_widget.visit_uuid == draft
    assert not old.form_widget.version_note.isVisibleTo(old)
    assert "tower" not in old.form_widget.form.fields

    new = VisitFormDialog.for_household(demo_store, second)
    qtbot.addWidget(new)
    assert new.form_widget.form.version == V2 and "tower" in new.form_widget.form.fields

    about = AboutDialog(demo_store)
    qtbot.addWidget(about)
    assert V2 in about.forms_label.text()

"""`fieldapp form publish` refuses a revision of the household checklist that drops what the
coverage status needs: the questions derive_status reads (visit_result, reception_mode, works_now,
not_covered_reason), the choice values it compares them to, and the county rule's fields."""

from __future__ import annotations

import os
import subprocess
import sys

import openpyxl
import pytest
from form_revision import V1, V2, revised_form

from fieldapp.core.coverage_rule import CoverageRule, Requirement
from fieldapp.jobs.form_publish import PublishError, publish_form
from fieldapp.store import Store
from fieldapp.store.form_source import current_form
from fieldapp.store.households.status import set_rule
from fieldapp.store.setup import new_county_database
from fieldapp.survey.registry import HOUSEHOLD_FORM


@pytest.fixture
def county(tmp_path):
    db = tmp_path / "county.sqlite"
    new_county_database(db, "140824").close()
    return db


def _revision(tmp_path, change):
    """The shipped household checklist, a version newer, changed by `change(workbook)`."""
    path = revised_form(tmp_path / "v2")
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def _rename_visit_result(wb) -> None:
    """As an author renaming the question would: its row and every ${visit_result}."""
    for row in wb["survey"].iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.value = cell.value.replace("${visit_result}", "${outcome}")
                if cell.value == "visit_result" and cell.column == 2:
                    cell.value = "outcome"


def _drop_county_channel(wb) -> None:
    survey = wb["survey"]
    default = [c.value for c in survey[1]].index("default") + 1
    for r in range(2, survey.max_row + 1):
        if survey.cell(r, 2).value == "channels":
            survey.cell(r, default).value = "cctv provincial"
    ws = wb["choices"]
    for r in range(ws.max_row, 1, -1):
        if (ws.cell(r, 1).value, ws.cell(r, 2).value) == ("channels", "county"):
            ws.delete_rows(r)


def test_a_revision_without_visit_result_is_refused_and_nothing_is_kept(county, tmp_path):
    form = _revision(tmp_path, _rename_visit_result)
    with Store.open(county) as s, pytest.raises(PublishError) as err:
        publish_form(s, form)
    with Store.open(county) as s:
        assert current_form(s, HOUSEHOLD_FORM).version == V1
    assert err.value.entry.name == "FORM_PUBLISH_DROPS_COVERAGE"
    text = str(err.value)
    assert form.name in text and "visit_result" in text and "覆盖" in text


def test_a_choice_the_county_rule_tests_must_stay_unless_the_rule_changes(county, tmp_path):
    form = _revision(tmp_path, _drop_county_channel)
    with Store.open(county) as s:
        with pytest.raises(PublishError) as err:
            publish_form(s, form)
        assert "channels: county" in str(err.value)
        # a county whose rule does not ask for the county channel may drop that choice
        set_rule(s, CoverageRule("140824-2026.2", "140824", (
            Requirement("illegal_charge", "illegal_charge", "not", "yes"),)))
        assert publish_form(s, form).version == V2


def test_the_shipped_checklist_revised_keeps_what_the_status_needs(county, tmp_path):
    with Store.open(county) as s:
        assert publish_form(s, revised_form(tmp_path / "v2")).version == V2


def test_the_command_line_says_what_is_missing_in_chinese_and_english(county, tmp_path):
    form = _revision(tmp_path, _rename_visit_result)
    env = {**os.environ, "LANG": "zh_CN.UTF-8"}
    zh = subprocess.run([sys.executable, "-m", "fieldapp", "form", "publish", str(county),
                         str(form)], capture_output=True, text=True, timeout=300, env=env,
                        check=False)
    assert zh.returncode == 1 and "Traceback" not in zh.stderr
    assert "缺少计算覆盖状态所需的题目" in zh.stderr and "visit_result" in zh.stderr
    en = subprocess.run([sys.executable, "-m", "fieldapp", "form", "publish", str(county),
                         str(form)], capture_output=True, text=True, timeout=300,
                        env={**env, "LANG": "en"}, check=False)
    assert en.returncode == 1 and "the coverage status needs" in en.stderr
    assert "visit_result" in en.stderr

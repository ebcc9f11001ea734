"""Every workbook in forms/ loads, converts with pyxform, and both agree on the field list."""

from __future__ import annotations

import random

import pytest
from pyxform.xls2xform import convert

from fieldapp.core.paths import forms_dir
from fieldapp.core.status import COVERED, REASONS, RECEPTION_MODES, VISIT_RESULTS, derive_status
from fieldapp.demo.visits import FORM_ID, FORM_VERSION, synthetic_visit
from fieldapp.survey.loader import load_form
from fieldapp.survey.registry import bundled_form, form_files
from fieldapp.survey.runtime import FormState

FORMS = form_files()
PYXFORM_TYPES = {"select one": "select_one", "select all that apply": "select_multiple",
                 "photo": "image", "dateTime": "datetime"}


def test_both_checklists_ship():
    assert {p.name for p in FORMS} >= {"huhutong_household.xlsx", "public_place.xlsx"}


def _pyxform_fields(children):
    for child in children:
        if child.get("type") in ("group", "repeat"):
            if child.get("name") == "meta":
                continue
            yield from _pyxform_fields(child.get("children", []))
        else:
            yield child["name"], PYXFORM_TYPES.get(child["type"], child["type"])


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.name)
def test_pyxform_converts_and_agrees_on_fields(path):
    warnings: list[str] = []
    result = convert(str(path), warnings=warnings)
    assert "<h:html" in result.xform
    assert warnings == []
    ours = load_form(path)
    theirs = result._pyxform
    assert theirs["id_string"] == ours.form_id
    assert str(theirs["version"]) == ours.version
    assert list(_pyxform_fields(theirs["children"])) == [
        (f.name, f.type) for f in ours.fields.values()]
    for f in ours.fields.values():
        if f.is_select:
            assert [c["name"] for c in theirs["choices"][f.list_name]] == [
                c.name for c in ours.choices_of(f)]


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.name)
def test_labels_in_chinese_and_english(path):
    form = load_form(path)
    assert set(form.languages) == {"zh", "en"}
    for f in form.fields.values():
        if f.type != "calculate":
            assert f.labels.get("zh") and f.labels.get("en"), f.name


def test_committed_workbooks_match_the_build_script(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_forms", forms_dir() / "build_forms.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in module.FORMS:
        fresh = load_form(module.build(name, tmp_path))
        committed = load_form(forms_dir() / name)
        assert fresh == committed, f"{name}: run forms/build_forms.py and commit the result"


def test_household_form_uses_the_names_core_and_demo_rely_on():
    form = bundled_form("huhutong_household")
    assert (form.form_id, form.version) == (FORM_ID, FORM_VERSION)

    def names(field):
        return [c.name for c in form.choices_of(form.fields[field])]
    assert names("visit_result") == list(VISIT_RESULTS)
    assert names("reception_mode") == list(RECEPTION_MODES)
    assert names("not_covered_reason") == list(REASONS)
    assert names("channels") == ["cctv", "provincial", "county"]
    assert names("satisfaction") == ["satisfied", "basic", "unsatisfied"]
    assert names("operator") == ["telecom", "unicom", "mobile", "cable_co", "none", "other"]
    for yn in ("works_now", "broadband", "paid_cable_subscriber", "handed_over",
               "illegal_charge", "eb_terminal", "eb_working", "followup_needed"):
        assert names(yn) == ["yes", "no"], yn
    expected = {"tv_sets": "integer", "charge_amount": "decimal", "charged_by": "text",
                "photo": "image", "head_confirmed": "acknowledge", "notes": "text",
                "location": "geopoint", "channels": "select_multiple"}
    for name, type_ in expected.items():
        assert form.fields[name].type == type_


def test_covered_calculation_agrees_with_derive_status_on_demo_visits():
    form = bundled_form("huhutong_household")
    rng = random.Random(7)
    seen = set()
    for i in range(600):
        visit = synthetic_visit(rng, f"h{i}", 2026)
        if visit is None:
            continue
        state = FormState(form, visit["answers"])
        state.calculate()
        status = derive_status(visit["answers"])
        seen.add(status.status)
        assert (state.answers["covered"] == "yes") == (status.status == COVERED)
        assert all(name in form.fields or name in form.repeats for name in visit["answers"])
    assert COVERED in seen and len(seen) >= 4


def test_demo_covered_visits_are_complete_by_the_form_rules():
    form = bundled_form("huhutong_household")
    rng = random.Random(3)
    checked = 0
    for i in range(300):
        visit = synthetic_visit(rng, f"h{i}", 2026)
        if visit and derive_status(visit["answers"]).status == COVERED:
            state = FormState(form, visit["answers"])
            state.calculate()
            assert state.problems() == {}, visit["answers"]
            checked += 1
    assert checked > 100

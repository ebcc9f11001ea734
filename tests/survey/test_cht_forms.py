"""Forms made for the Community Health Toolkit (CHT): its date arithmetic functions work as CHT
computes them; its `inputs` paths, filled in by the CHT app, are refused with a message saying
so, naming the row."""

from __future__ import annotations

import pytest

from fieldapp.survey.errors import FormError
from fieldapp.survey.loader import load_form
from fieldapp.survey.runtime import FormState


@pytest.mark.parametrize(("unit", "start", "end", "expected"), [
    ("months", "2021-01-31", "2021-02-28", 1),  # a shorter month's last day: a whole month
    ("months", "2021-01-15", "2021-02-14", 0),
    ("months", "2021-03-31", "2021-02-28", -1),
    ("months", "2025-06-01", "2026-03-01", 9),
    ("days", "2026-01-01", "2025-12-25", -7),
    ("days", "2024-02-28", "2024-03-01", 2),  # a leap year
    ("weeks", "2026-01-01", "2026-01-14", 1),
    ("weeks", "2026-01-14", "2026-01-01", -1),
    ("years", "2000-02-29", "2026-02-28", 26),
    ("years", "2000-03-01", "2026-02-28", 25),
])
def test_cht_date_differences(xlsform, unit, start, end, expected):
    form = load_form(xlsform([
        ["type", "name", "label", "calculation"],
        ["date", "lmp", "末次月经"], ["date", "visit", "访视日期"],
        ["calculate", "n", "", f"cht:difference-in-{unit}(${{lmp}}, ${{visit}})"]]))
    state = FormState.new(form)
    state.set("lmp", start)
    state.set("visit", end)
    assert state.value("n") == expected


def test_a_cht_difference_without_a_date_is_empty(xlsform):
    form = load_form(xlsform([
        ["type", "name", "label", "calculation"], ["date", "lmp", "末次月经"],
        ["calculate", "n", "", "cht:difference-in-months(${lmp}, today())"]]))
    assert FormState.new(form).value("n") in ("", None)


def test_cht_inputs_paths_to_fields_the_form_lacks_are_refused_saying_they_need_the_cht_app(
        xlsform):
    with pytest.raises(FormError) as info:
        load_form(xlsform([
            ["type", "name", "label", "relevant", "calculation"],
            ["begin group", "inputs", "Inputs", "./source = 'user'", ""],
            ["hidden", "source", "", "", ""],
            ["end group", "", "", "", ""],
            ["calculate", "patient_id", "", "", "../inputs/contact/_id"],
            ["calculate", "other", "", "", "/data/x"]]))
    got = [(p.code, p.row, p.column) for p in info.value.problems]
    # ./source names the group's field source: only the missing contact/_id is refused
    assert got == [("cht_only", 5, "calculation"),
                   ("unsupported_path", 6, "calculation")]  # an absolute path: as before
    assert "CHT" in info.value.problems[0].message
    assert "../inputs/contact/_id" in info.value.problems[0].message


def test_relative_paths_to_fields_of_the_form_load_as_odk_collect_reads_them(xlsform):
    # CHT's forms: ./source on the inputs group's row, ../inputs/contact/_id from the top and
    # ../../../inputs/user/contact_id from two groups down; Collect opens them (inputs empty)
    form = load_form(xlsform([
        ["type", "name", "label", "relevant", "calculation"],
        ["begin group", "inputs", "Inputs", "./source = 'user'", ""],
        ["text", "source", "来源", "", ""],
        ["begin group", "contact", "联系人", "", ""],
        ["text", "_id", "编号", "", ""],
        ["end group", "", "", "", ""],
        ["begin group", "user", "用户", "", ""],
        ["text", "contact_id", "用户编号", "", ""],
        ["end group", "", "", "", ""],
        ["end group", "", "", "", ""],
        ["calculate", "patient_id", "", "", "../inputs/contact/_id"],
        ["begin group", "a", "甲", "", ""],
        ["begin group", "b", "乙", "", ""],
        ["calculate", "me", "", "", "concat('u-', ../../../inputs/user/contact_id)"],
        ["end group", "", "", "", ""],
        ["end group", "", "", "", ""]]))
    state = FormState.new(form)
    assert not state.relevant("source")  # source is empty, as in Collect without CHT
    state.set("source", "user")
    state.set("_id", "p-17")
    state.set("contact_id", "42")
    assert state.relevant("_id")
    assert (state.value("patient_id"), state.value("me")) == ("p-17", "u-42")


def test_a_relative_path_to_no_field_is_refused_naming_where_it_points(xlsform):
    with pytest.raises(FormError) as info:
        load_form(xlsform([
            ["type", "name", "label", "calculation"],
            ["begin group", "g", "组", ""],
            ["text", "x", "甲", ""],
            ["end group", "", "", ""],
            ["calculate", "y", "", "../h/x"]]))
    (p,) = info.value.problems
    assert (p.code, p.row, p.column) == ("unsupported_path", 5, "calculation")
    assert "../h/x 指向 h/x，表单里没有这个字段" in p.message


def test_a_cht_function_that_needs_the_app_stays_unknown(xlsform):
    with pytest.raises(FormError) as info:
        load_form(xlsform([["type", "name", "label", "calculation"],
                           ["calculate", "x", "", "cht:extension-lib('a.js')"]]))
    assert [(p.code, p.row) for p in info.value.problems] == [("unknown_function", 2)]


def test_a_relative_path_says_which_of_two_same_named_fields_it_reads(xlsform):
    # CHT's enketo_widgets_test: a top-level patient_id copies inputs/contact/patient_id
    form = load_form(xlsform([
        ["type", "name", "label", "calculation"],
        ["begin group", "inputs", "Inputs", ""],
        ["begin group", "contact", "联系人", ""],
        ["text", "patient_id", "编号", ""],
        ["end group", "", "", ""],
        ["end group", "", "", ""],
        ["calculate", "patient_id", "", "../inputs/contact/patient_id"]]))
    state = FormState.new(form)
    state.set("patient_id", "p-17")  # the first one keeps the plain name: the contact's
    copy = next(k for k in form.fields if k.startswith("patient_id-"))
    assert state.value(copy) == "p-17"

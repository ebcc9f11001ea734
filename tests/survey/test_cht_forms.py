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


def test_cht_inputs_paths_are_refused_saying_they_need_the_cht_app(xlsform):
    with pytest.raises(FormError) as info:
        load_form(xlsform([
            ["type", "name", "label", "relevant", "calculation"],
            ["begin group", "inputs", "Inputs", "./source = 'user'", ""],
            ["hidden", "source", "", "", ""],
            ["end group", "", "", "", ""],
            ["calculate", "patient_id", "", "", "../inputs/contact/_id"],
            ["calculate", "other", "", "", "/data/x"]]))
    got = [(p.code, p.row, p.column) for p in info.value.problems]
    assert got == [("cht_only", 2, "relevant"), ("cht_only", 5, "calculation"),
                   ("unsupported_path", 6, "calculation")]  # an ordinary path: as before
    assert "CHT" in info.value.problems[1].message
    assert "../inputs/contact/_id" in info.value.problems[1].message


def test_a_cht_function_that_needs_the_app_stays_unknown(xlsform):
    with pytest.raises(FormError) as info:
        load_form(xlsform([["type", "name", "label", "calculation"],
                           ["calculate", "x", "", "cht:extension-lib('a.js')"]]))
    assert [(p.code, p.row) for p in info.value.problems] == [("unknown_function", 2)]

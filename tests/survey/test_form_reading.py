"""Reading XLSForms as pyxform does: .xls and .xlsx, only the rows that hold data (a sheet
declaring 1,048,576 rows), a time bound instead of a hang, pyxform's spellings of headers and
types, or_other, loops, pulldata(), external choices, and pyxform's own example forms."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from bench.bench_form_read import EXCEL_ROWS, declared_rows_form, plain_form
from fieldapp.survey import loader
from fieldapp.survey.errors import FormError
from fieldapp.survey.loader import load_form
from fieldapp.survey.runtime import FormState
from fieldapp.survey.sheets import read_workbook

PYXFORM = Path(__file__).parent / "data" / "pyxform"
ROOT = Path(__file__).resolve().parents[2]


def codes(exc: FormError) -> list[tuple[str, int | None]]:
    return [(p.code, p.row) for p in exc.problems]


def test_an_xls_form_loads_and_its_question_works():
    form = load_form(PYXFORM / "yes_or_no_question.xls")
    state = FormState.new(form)
    assert form.fields["good_day"].type == "select_one"
    state.set("good_day", "yes")
    assert state.value("good_day") == "yes"


@pytest.mark.parametrize("formatted", [False, True])
def test_a_sheet_declaring_a_million_rows_loads_reading_only_its_rows(tmp_path, formatted):
    """Excel declares A1:Z1048576 once a column is formatted: the form loads (it used to be
    refused, or read for a minute) and only the header and the 40 questions are visited."""
    path = declared_rows_form(tmp_path / "f.xlsx", formatted_rows=formatted,
                              last_row=250_000 if formatted else EXCEL_ROWS)
    form = load_form(path)
    assert len(form.fields) == 40
    assert read_workbook(path)["survey"].visited == 41


def test_a_form_that_takes_too_long_is_refused_naming_the_row(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "LOAD_SECONDS", -1.0)
    with pytest.raises(FormError) as info:
        load_form(plain_form(tmp_path / "f.xlsx"))
    problem = info.value.problems[0]
    assert (problem.code, problem.sheet, problem.row) == ("too_slow", "survey", 2)
    assert "秒内未能检查完" in problem.message


def test_groups_nested_too_deep_are_refused_not_a_crash(xlsform):
    rows = [["type", "name", "label"]] + [["begin group", f"g{i}", "G"] for i in range(5000)]
    rows += [["text", "q", "Q"]] + [["end group", "", ""]] * 5000
    with pytest.raises(FormError) as info:
        load_form(xlsform(rows))
    assert codes(info.value) == [("too_deep", 32)]


def test_pyxform_spellings_of_headers_and_types(xlsform):
    path = xlsform([["type", "name", "label:English", "bind:relevant", "bind:jr:constraintMsg",
                     "constraint"],
                    ["int", "age", "Age", "", "0 to 120", ". <= 120"],
                    ["gps", "where", "Where", "${age} > 0", "", ""],
                    ["trigger", "ok", "OK?", "", "", ""],
                    ["time", "start_at", "Start", "", "", ""],
                    ["range", "score", "Score", "", "", ""],
                    ["barcode", "code", "Code", "", "", ""],
                    ["hidden", "secret", "", "", "", ""],
                    ["phone number", "phone", "", "", "", ""]], settings=None)
    form = load_form(path)
    types = {n: f.type for n, f in form.fields.items()}
    assert types == {"age": "integer", "where": "geopoint", "ok": "acknowledge",
                     "start_at": "time", "score": "range", "code": "barcode",
                     "secret": "hidden", "phone": "phonenumber"}
    assert form.fields["age"].labels == {"English": "Age"}
    assert form.fields["age"].constraint_message == {"default": "0 to 120"}
    assert form.fields["where"].relevant.source == "${age} > 0"
    state = FormState.new(form)
    state.set("start_at", "8:30")
    state.set("score", "7.5")
    assert (state.value("start_at"), state.value("score")) == ("08:30:00", 7.5)
    assert state.set("age", "130") == {"age": 130} and state.problem("age") == "0 to 120"


def test_or_other_adds_other_and_a_specify_question(xlsform):
    form = load_form(xlsform([["type", "name", "label"],
                              ["select_one colour or_other", "fav", "Favourite"]],
                             [["list_name", "name", "label"], ["colour", "red", "Red"]]))
    assert [c.name for c in form.choices["colour"]] == ["red", "other"]
    state = FormState.new(form)
    assert not state.relevant("fav_other")
    state.set("fav", "other")
    assert state.relevant("fav_other") and form.fields["fav_other"].type == "text"


def test_a_loop_over_a_list_gives_one_group_per_choice():
    form = load_form(PYXFORM / "simple_loop.xls")
    assert list(form.fields) == ["my_table_col1_count", "my_table_col2_count"]
    assert form.groups["my_table_col1"].labels


def test_pulldata_reads_the_csv_beside_the_form(tmp_path, xlsform):
    (tmp_path / "prices.csv").write_text("item,price\nrice,4.5\nflour,3\n", encoding="utf-8")
    form = load_form(xlsform([["type", "name", "label", "calculation"],
                              ["text", "item", "Item", ""],
                              ["calculate", "price", "", "pulldata('prices', 'price', 'item', "
                                                         "${item})"]]))
    state = FormState.new(form)
    assert state.set("item", "rice")["price"] == "4.5"
    assert state.set("item", "salt")["price"] is None


def test_pulldata_without_its_csv_loads_but_no_visit_completes_without_it(xlsform):
    form = load_form(xlsform([["type", "name", "label", "calculation"],
                              ["calculate", "p", "", "pulldata('missing', 'a', 'b', 'c')"]]))
    assert any("第 2 行" in w and "missing.csv" in w for w in map(str, form.warnings))
    assert "missing.csv" in FormState.new(form).problems()["p"]


def test_external_choices_comment_rows_and_nameless_notes(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    for r in (["type", "name", "label", "#comment"], ["", "", "", "a comment row"],
              ["note", "", "Hello"], ["select_one_external town", "t", "Town"]):
        ws.append(r)
    ext = wb.create_sheet("external_choices")
    for r in (["list_name", "name", "label"], ["town", "a", "A"], ["town", "b", "B"]):
        ext.append(r)
    wb.save(tmp_path / "f.xlsx")
    form = load_form(tmp_path / "f.xlsx")
    assert list(form.fields) == ["generated_note_name_3", "t"]
    assert [c.name for c in form.choices_of(form.fields["t"])] == ["a", "b"]


def test_an_osm_question_is_refused_naming_the_row():
    with pytest.raises(FormError) as info:
        load_form(PYXFORM / "case_insensitivity.xlsx")
    assert codes(info.value) == [("not_on_laptop", 4)]


def _corpus_tool():
    spec = importlib.util.spec_from_file_location("form_corpus", ROOT / "tools" / "form_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["form_corpus"] = module
    spec.loader.exec_module(module)
    return module


def test_pyxforms_example_forms_load_as_pyxform_converts_them():
    tool = _corpus_tool()
    outcomes = [tool.try_form(p) for p in tool.forms_under([PYXFORM])]
    result = tool.summary(outcomes)
    assert result["pyxform_converts"] == 15
    assert result["fieldapp_loads"] == 13  # see data/pyxform/README.md for the two refused
    assert result["refusal_reasons"] == {"not_on_laptop": 1, "unterminated_string": 1}
    assert result["pyxform_rejects_fieldapp_loads"] == []


def test_reading_stops_after_sixty_empty_rows_as_pyxform(xlsform):
    rows = [["type", "name", "label"], ["text", "a", "A"]] + [[None, None, None]] * 60 + \
        [["text", "b", "B"]] + [[None, None, None]] * 61 + [["party like it's 1999", "", ""]]
    path = xlsform(rows)
    form = load_form(path)
    assert list(form.fields) == ["a", "b"]  # 60 empty rows are a gap, 61 the end
    assert any("连续 60 行为空" in str(w) and "第 125 行" in str(w) for w in form.warnings)
    assert read_workbook(path)["survey"].visited == 124

"""Fuzzing the checklist engine: any expression text, any workbook a county office might make
(or break) gives a form or one clear FormError/ExpressionError — never a crash, never a hang."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from fieldapp.core.errors import FieldappError
from fieldapp.core.paths import forms_dir
from fieldapp.survey.errors import ExpressionError, FormError
from fieldapp.survey.expr_checks import check
from fieldapp.survey.expr_eval import EvalContext
from fieldapp.survey.expression import Expression
from fieldapp.survey.loader import load_form

CI, SOAK = 60, 2000
FUZZ = {"deadline": 2000, "suppress_health_check": [HealthCheck.too_slow]}

# ----- expressions ----------------------------------------------------------------------------
ATOMS = ["${a}", "${b}", "${名}", ".", "1", "2.5", "-3", "'x'", '"是"', "today()", "true()",
         "selected(${a}, 'x')", "count-selected(${b})", "regex(., '^1[3-9]\\d{9}$')",
         "if(${a} = 1, 'y', 'n')", "string-length(${名})", "coalesce(${a}, 0)", "int(.)",
         "round(${a}, 2)", "substr(${名}, 0, 1)", "date('2026-01-01')", "not(${a})"]
OPS = [" + ", " - ", " * ", " div ", " mod ", " = ", " != ", " < ", " <= ", " > ", " >= ",
       " and ", " or ", ""]


@st.composite
def expression_texts(draw):
    """Mostly expression-like text with random damage: dropped, doubled or stray characters."""
    parts = draw(st.lists(st.tuples(st.sampled_from(ATOMS), st.sampled_from(OPS)), min_size=1,
                          max_size=8))
    text = "".join(a + o for a, o in parts)
    if draw(st.booleans()):
        text = "(" * draw(st.integers(0, 5)) + text + ")" * draw(st.integers(0, 5))
    for _ in range(draw(st.integers(0, 4))):
        i = draw(st.integers(0, len(text)))
        junk = draw(st.one_of(st.sampled_from(list("()${}'\",.-!<>=*/ \\\x00\u3000（）＄")),
                              st.text(max_size=3)))
        if draw(st.booleans()):
            text = text[:i] + junk + text[i:]
        else:
            text = text[:i] + text[i + 1:]
    return text


ANSWERS = st.dictionaries(st.sampled_from(["a", "b", "名"]),
                          st.one_of(st.none(), st.integers(-10**6, 10**6),
                                    st.floats(allow_nan=True), st.text(max_size=12),
                                    st.sampled_from(["x", "yes", "1", "2026-02-30", "x y z"])),
                          max_size=3)


def _expression_never_crashes(text, answers, current):
    try:
        expr = Expression.parse(text)
    except ExpressionError as exc:
        assert str(exc) and 0 <= exc.pos <= len(text) + 1
        return
    problems = check(expr.tree)  # what the form loader reports (unknown function, arity, regex)
    if problems:
        assert all(code and message for code, message in problems)
        return
    try:
        expr.value(EvalContext(answers.get, current=current))
        expr.truth(EvalContext(answers.get, current=current))
    except FieldappError as exc:  # an answer that does not fit, named
        assert str(exc)


@settings(max_examples=CI, **FUZZ)
@given(expression_texts(), ANSWERS, st.one_of(st.none(), st.text(max_size=5), st.integers()))
def test_expressions_parse_and_evaluate_or_fail_cleanly(text, answers, current):
    _expression_never_crashes(text, answers, current)


@settings(max_examples=CI, **FUZZ)
@given(st.text(max_size=200), ANSWERS)
def test_any_unicode_text_as_an_expression(text, answers):
    _expression_never_crashes(text, answers, None)


@pytest.mark.soak
@settings(max_examples=SOAK, **FUZZ)
@given(expression_texts(), ANSWERS, st.one_of(st.none(), st.text(max_size=5), st.integers()))
def test_expressions_soak(text, answers, current):
    _expression_never_crashes(text, answers, current)


@pytest.mark.parametrize("text", ["(" * 3000 + "1" + ")" * 3000, "-" * 5000 + "1",
                                  "not(" * 2000 + "1" + ")" * 2000, "1" + "+1" * 5000,
                                  "concat(" * 300 + "'a'" + ")" * 300])
def test_deeply_nested_and_long_expressions_evaluate(text):
    """JavaRosa has no depth limit: deep nesting and 5,000-term sums parse and evaluate, without
    recursion (no RecursionError, no cap)."""
    value = Expression.parse(text).value(EvalContext(lambda name: None))
    assert value in (1.0, -1.0, 5001.0, True, False, "a")


# ----- workbooks ------------------------------------------------------------------------------
TYPES = ["text", "integer", "decimal", "select_one yn", "select_multiple yn", "select_one nolist",
         "date", "datetime", "geopoint", "image", "note", "acknowledge", "calculate",
         "begin_group", "end_group", "begin group", "end group", "begin_repeat", "range",
         "select_one", "", "text ", "TEXT", "barcode", "audio"]
NAMES = ["a", "b", "名", "a", "1bad", "with space", "", "x" * 200, "ok_name", "tv_sets"]
CELLS = st.one_of(st.sampled_from(["", "yes", "no", "true", "1", "${a} > 1", "${zz} = 1",
                                   ". >= 0", "((", "是", "selected(${b}, 'yes')", "0", "-1",
                                   "2026-13-01", "abc", "${a}"]),
                  st.integers(-5, 5), st.floats(allow_nan=True, width=32), st.none(),
                  st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=10))
HEADERS = ["type", "name", "label::中文 (zh)", "label", "required", "relevant", "constraint",
           "calculation", "default", "choice_filter", "hint::English (en)", "appearance",
           "label::中文 (zh)", "", "unknown column"]


@st.composite
def workbooks(draw):
    head = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8))
    survey = [head]
    for _ in range(draw(st.integers(0, 8))):
        row = [draw(CELLS) for _ in head]
        if "type" in head:
            row[head.index("type")] = draw(st.sampled_from(TYPES))
        if "name" in head:
            row[head.index("name")] = draw(st.sampled_from(NAMES))
        survey.append(row)
    choices = draw(st.sampled_from([
        None, [["list_name", "name", "label"], ["yn", "yes", "是"], ["yn", "no", "否"]],
        [["list_name", "name"], ["yn", "yes"], ["yn", "yes"]], [["name"], ["x"]], []]))
    sett = draw(st.sampled_from([
        None, [["form_id", "version"], ["f", "1"]],
        [["form_id", "version", "form_title", "default_language"], ["f", "2", "表", "中文 (zh)"]],
        [["form_id"], [None]], [["version"], ["not-a-version"]]]))
    extra = draw(st.sampled_from([None, "survey ", "Survey", "notes"]))
    return survey, choices, sett, extra


def _write(path: Path, survey, choices, sett, extra) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in (("survey", survey), ("choices", choices), ("settings", sett),
                        (extra, [["x"]]) if extra else (None, None)):
        if rows is None or title is None:
            continue
        if title in wb.sheetnames:
            continue
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    wb.save(path)


def _load_or_clean_error(path: Path) -> None:
    try:
        form = load_form(path)
    except FormError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        return
    assert form.form_id


@settings(max_examples=CI, **FUZZ)
@given(workbooks())
def test_random_workbooks_load_or_fail_cleanly(book):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "form.xlsx"
        _write(path, *book)
        _load_or_clean_error(path)


def _damage_shipped_form(seed: int, name: str) -> None:
    """A shipped checklist with random cells blanked, swapped or scribbled on."""
    rng = random.Random(seed)
    wb = load_workbook(forms_dir() / name)
    for _ in range(rng.randint(1, 6)):
        ws = wb[rng.choice(wb.sheetnames)]
        r, c = rng.randint(1, max(1, ws.max_row)), rng.randint(1, max(1, ws.max_column))
        cell = ws.cell(r, c)
        cell.value = rng.choice([None, "", "((", "${nope}", "select_one none", 7, "text",
                                 str(cell.value or "") + "x", "begin_group"])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        wb.save(path)
        _load_or_clean_error(path)


@settings(max_examples=CI // 2, **FUZZ)
@given(st.integers(0, 10**9), st.sampled_from(["huhutong_household.xlsx", "public_place.xlsx"]))
def test_damaged_shipped_forms(seed, name):
    _damage_shipped_form(seed, name)


@pytest.mark.soak
@settings(max_examples=SOAK // 4, **FUZZ)
@given(workbooks(), st.integers(0, 10**9),
       st.sampled_from(["huhutong_household.xlsx", "public_place.xlsx"]))
def test_workbooks_soak(book, seed, name):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "form.xlsx"
        _write(path, *book)
        _load_or_clean_error(path)
    _damage_shipped_form(seed, name)


@settings(max_examples=CI, **FUZZ)
@given(st.binary(max_size=4000), st.sampled_from([b"", b"PK\x03\x04", b"PK\x05\x06"]))
def test_bytes_that_are_not_a_workbook(data, prefix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "form.xlsx"
        path.write_bytes(prefix + data)
        with pytest.raises(FormError):
            load_form(path)

"""Evaluation follows ODK's (XPath 1.0) rules for the expressions checklists use."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.survey import expr_ast as A
from fieldapp.survey.expr_checks import check
from fieldapp.survey.expr_eval import EvalContext, evaluate
from fieldapp.survey.expr_functions import FUNCTIONS
from fieldapp.survey.expr_parse import parse
from fieldapp.survey.expression import Expression

ANSWERS = {"tv_sets": 2, "channels": "cctv county", "works_now": "yes", "empty": None,
           "visit_date": "2026-03-01", "amount": 12.5, "phone": "13912345678",
           "idno": "11010519491231002X", "name": "张三"}
TODAY = date(2026, 3, 10)


def ev(source, current=None):
    return Expression.parse(source).value(EvalContext(ANSWERS.get, current=current, today=TODAY))


@pytest.mark.parametrize("source, expected", [
    ("${tv_sets} > 1", True),
    ("${tv_sets} = '2'", True),  # number vs string compares as numbers
    ("${works_now} = 'yes' and ${tv_sets} >= 2", True),
    ("${works_now} != 'yes' or ${tv_sets} < 1", False),
    ("not(${works_now} = 'no')", True),
    ("selected(${channels}, 'county')", True),
    ("selected(${channels}, 'provincial')", False),
    ("count-selected(${channels})", 2.0),
    ("count-selected(${empty})", 0.0),
    ("string-length(${name})", 2.0),
    ("regex(${phone}, '^1[3-9][0-9]{9}$')", True),
    ("regex('abc', '^[0-9]+$')", False),
    ("if(${tv_sets} > 1, 'many', 'one')", "many"),
    ("coalesce(${empty}, 'fallback')", "fallback"),
    ("coalesce(${name}, 'fallback')", "张三"),
    ("concat(${name}, '-', ${tv_sets})", "张三-2"),
    ("number('3.5') + 1", 4.5),
    ("int(7.9)", 7.0),
    ("int(-7.9)", -7.0),
    ("round(2.5)", 3.0),
    ("7 mod 3", 1.0),
    ("7 div 2", 3.5),
    ("${visit_date} < today()", True),
    ("${visit_date} = '2026-03-01'", True),
    ("today() - ${visit_date}", 9.0),
    ("date('2026-03-01') <= today()", True),
    ("${empty} = ''", True),
    ("${missing} = ''", True),
    ("${empty} > 0", False),  # empty is NaN as a number: every comparison is false
    ("${empty} <= 0", False),
    ("valid-phone(${phone})", True),
    ("valid-phone('12345')", False),
    ("valid-id-number(${idno})", True),
    ("valid-id-number('110105194912310021')", False),
    ("valid-coordinates('35.6 110.9')", True),
    ("valid-coordinates('110.9 35.6')", False),
    ("true() and not(false())", True),
    ("substr('abcdef', 1, 3)", "bc"),
    ("starts-with('140824', '1408')", True),
])
def test_values(source, expected):
    assert ev(source) == expected


def test_current_answer():
    assert ev(". >= 0 and . <= 20", current=5) is True
    assert ev(". >= 0 and . <= 20", current=25) is False
    assert ev(". > 0", current=None) is False


def test_division_by_zero_is_not_an_exception():
    assert ev("1 div 0") == math.inf
    assert math.isnan(ev("0 div 0"))
    assert math.isnan(ev("5 mod 0"))


@pytest.mark.parametrize("source", [
    "substr('abc', 1 div 0)", "substr('abc', -1 div 0, 1 div 0)", "selected-at('a b', 1 div 0)",
    "round(1 div 0)", "round(1e308, 15)", "round(2.5, 1 div 0)", "date(1 div 0)",
    "date(99999999999)", "int(-1 div 0)", "string(1 div 0)",
])
def test_infinities_and_huge_numbers_do_not_raise(source):
    source = source.replace("1e308", "1" + "0" * 308)
    ev(source)


def test_if_is_lazy():
    # the untaken branch would divide by zero; it must not matter either way
    assert ev("if(true(), 1, 1 div 0)") == 1.0


def test_today_defaults_to_the_real_date():
    value = Expression.parse("today()").value(EvalContext(ANSWERS.get))
    assert value == date.today()


@pytest.mark.parametrize("source, code", [
    ("frobnicate(1)", "unknown_function"),
    ("selected(${channels})", "arity"),
    ("if(1, 2)", "arity"),
    ("today(1)", "arity"),
    ("regex(., '[')", "bad_regex"),
    ("${nope} = 1", "unknown_field"),
])
def test_check_reports_unusable_expressions(source, code):
    problems = check(parse(source), known_fields=set(ANSWERS))
    assert [c for c, _ in problems] == [code]


def test_check_accepts_the_supported_functions():
    source = ("selected(${channels}, 'cctv') and count-selected(${channels}) > 0 and "
              "string-length(${name}) > 0 and regex(${phone}, '^1') and "
              "if(true(), 1, 0) = coalesce(${empty}, 1) and concat('a', 'b') = 'ab' and "
              "number('1') = int(1.2) and today() >= date('2020-01-01')")
    assert check(parse(source), known_fields=set(ANSWERS)) == []


numbers = st.one_of(st.integers(-1000, 1000), st.floats(-1e6, 1e6, allow_nan=False))


@settings(max_examples=200)
@given(numbers, numbers)
def test_comparisons_agree_with_python_numbers(a, b):
    """Order as Python; equality within JavaRosa's tolerance of 1e-12."""
    ctx = EvalContext({"a": a, "b": b}.get)
    same = abs(a - b) < 1e-12
    for op, py in (("<", a < b), ("<=", a <= b), (">", a > b), (">=", a >= b), ("=", same)):
        assert Expression.parse(f"${{a}} {op} ${{b}}").value(ctx) is py


@settings(max_examples=200)
@given(st.integers(-10**6, 10**6), st.integers(-10**6, 10**6))
def test_arithmetic_agrees_with_python(a, b):
    ctx = EvalContext({"a": a, "b": b}.get)
    assert Expression.parse("${a} + ${b} * 2 - -${a}").value(ctx) == a + b * 2 + a


# ----- any checked expression evaluates without an exception ---------------------------------

_NAMES = ["a", "b", "c"]
_leaf = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(A.Num),
    st.text(max_size=12).map(A.Str),
    st.sampled_from(_NAMES).map(A.Ref),
    st.just(A.Current()),
)


def _call(sub):
    def build(name, args):
        lo, hi, _ = FUNCTIONS[name]
        n = max(lo, min(len(args), hi if hi is not None else len(args)))
        args = (args * n)[:n] if args else [A.Num(1.0)] * n
        return A.Call(name, tuple(args))
    return st.builds(build, st.sampled_from(sorted(FUNCTIONS)), st.lists(sub, max_size=4))


_tree = st.recursive(_leaf, lambda sub: st.one_of(
    st.builds(A.Binary, st.sampled_from(sorted(A.PRECEDENCE)), sub, sub),
    st.builds(A.Unary, st.just("-"), sub),
    _call(sub),
), max_leaves=8)
_answer = st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=12),
                    st.sampled_from(["2026-03-01", "35.6 110.9", "cctv county", "OK"]))


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")  # big reprs
@settings(max_examples=400, deadline=None)
@given(_tree, st.fixed_dictionaries({n: _answer for n in _NAMES}), _answer)
def test_checked_expressions_never_raise(tree, answers, current):
    assert check(tree, known_fields=_NAMES) == [] or any(
        code == "bad_regex" for code, _ in check(tree, known_fields=_NAMES))
    evaluate(tree, EvalContext(answers.get, current=current, today=TODAY))

"""Every expression of JavaRosa's own XPathEvalTest (no form instance needed) gives what JavaRosa
gives, or is refused when the form is loaded where JavaRosa throws (unknown function, wrong number
of arguments). The few places fieldapp deliberately differs are listed with the reason."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest

from fieldapp.survey.errors import ExpressionError
from fieldapp.survey.expr_checks import check
from fieldapp.survey.expr_eval import EvalContext
from fieldapp.survey.expression import Expression

CASES = json.loads((Path(__file__).parent / "data" / "javarosa_xpath_eval.json")
                   .read_text(encoding="utf-8"))["cases"]

# JavaRosa throws while the form is filled in (Collect shows an error dialog); fieldapp gives an
# empty / NaN answer instead, so a mistyped date never stops a visit.
GRACEFUL = {"date('1983-09-31')", "date('not a date')", "date(true())",
            "decimal-date-time('-1000')", "decimal-date-time('-01-2019')"}


def refused(source: str) -> bool:
    """Refused when the form is loaded: a parse error or a check() problem."""
    try:
        tree = Expression.parse(source).tree
    except ExpressionError:
        return True
    return bool(check(tree))


def value(source: str):
    return Expression.parse(source).value(EvalContext(lambda _: None, today=date(2026, 3, 10)))


def same(kind: str, expected: str, got) -> bool:
    if kind == "boolean":
        return got is (expected == "true")
    if kind == "string":
        return got == expected
    want = float(expected)
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        return False
    if math.isnan(want):
        return math.isnan(got)
    return got == want or abs(got - want) <= 1e-9 * max(1.0, abs(want))


@pytest.mark.parametrize("case", CASES, ids=[c["expression"][:60] for c in CASES])
def test_javarosa_xpath_eval_case(case):
    source, kind, expected = case["expression"], case["kind"], case["expected"]
    if kind == "error":
        if source in GRACEFUL:
            value(source)  # no exception, no crash
            return
        assert refused(source), f"JavaRosa refuses {source!r} ({expected})"
        return
    assert not refused(source)
    got = value(source)
    assert same(kind, expected, got), f"{source!r}: JavaRosa {expected!r}, fieldapp {got!r}"


def test_the_table_is_javarosas_whole_instance_free_set():
    assert len(CASES) > 300
    assert {c["kind"] for c in CASES} == {"boolean", "number", "string", "error"}


@pytest.mark.parametrize("source, expected", [
    # max()/min(): NaN when no argument is a number; max starts from Double.MIN_VALUE (4.9e-324),
    # so the max of negative numbers only is that tiny positive number, as ODK Collect shows
    ("max()", math.nan),
    ("min()", math.nan),
    ("max('a', '')", math.nan),
    ("max(-3, -1)", 5e-324),
    ("min(-3, -1)", -3.0),
    ("max(1, 'x', 4)", 4.0),
    ("min(2, '', 7)", 2.0),
    # JavaRosa writes numbers with Java's Double.toString beyond int range
    ("string(3000000000)", "3.0E9"),
    ("string(1230000000000000000000)", "1.23E21"),
    ("string(0.00001)", "1.0E-5"),
    ("string(12345678.5)", "1.23456785E7"),
    ("string(2147483647)", "2147483647"),
    ("concat(0.5, '')", "0.5"),
])
def test_javarosa_quirks(source, expected):
    assert not refused(source)
    got = value(source)
    if isinstance(expected, float) and math.isnan(expected):
        assert math.isnan(got)
    else:
        assert got == expected

"""ODK Collect's older way to take a select's choices from a CSV beside the form: the appearance
`search('fruits')`, optionally `search('fruits', 'matches', 'key', ${x})` (also `contains`,
`startswith`, `endswith`, and a second column/value pair). The choices sheet then holds one
placeholder row whose name and labels are the CSV's value and label columns."""

from __future__ import annotations

import re
from pathlib import Path

from fieldapp.core.messages import ErrorCode

from . import expr_ast as A
from .choice_files import read_table
from .errors import ExpressionError
from .expr_parse import parse
from .expression import Expression
from .model import Choice

_SEARCH = re.compile(r"search\s*\((.*)\)", re.S)
_TESTS = {"contains": "contains", "startswith": "starts-with", "endswith": "ends-with"}


def search_call(appearance: str) -> A.Call | None:
    """The search(...) of an appearance, parsed; None without one. ExpressionError when it is not
    search('file'[, 'mode', 'column', value[, 'column', value]])."""
    m = _SEARCH.search(appearance)
    if not m:
        return None
    call = parse(f"search({m.group(1)})")
    args = call.args if isinstance(call, A.Call) else ()
    if len(args) not in (1, 4, 6) or not all(isinstance(a, A.Str) for a in args[:3]) or \
            (len(args) == 6 and not isinstance(args[4], A.Str)):
        raise ExpressionError(ErrorCode.EXPR_BAD_SEARCH, 0)
    return call


def search_choices(folder: Path, call: A.Call, placeholder: Choice) -> tuple[Choice, ...]:
    """The choices of search('file'): file.csv's rows, named by the placeholder's name column and
    labelled by its label columns; ChoiceFileError when the file cannot be read."""
    rows = read_table(folder / f"{call.args[0].value}.csv")
    return tuple(Choice(r[placeholder.name],
                        {lang: r.get(col, "") for lang, col in placeholder.labels.items()},
                        dict(r)) for r in rows if r.get(placeholder.name))


def search_filter(call: A.Call) -> Expression | None:
    """The filter of search('file', 'matches', 'column', value[, 'column2', value2]) as a
    choice_filter; None when it has none."""
    if len(call.args) == 1:
        return None
    mode = call.args[1].value.strip().lower()
    tests = [_test(mode, call.args[i].value, call.args[i + 1])
             for i in range(2, len(call.args), 2)]
    tree = tests[0] if len(tests) == 1 else A.Binary("and", tests[0], tests[1])
    return Expression(A.unparse(tree), tree)


def _test(mode: str, column: str, value: A.Node) -> A.Node:
    if mode in _TESTS:
        return A.Call(_TESTS[mode], (A.ChoiceColumn(column), value))
    return A.Binary("=", A.ChoiceColumn(column), value)  # matches

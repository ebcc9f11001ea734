"""Check an expression tree once, when its form loads: known functions with the right number of
arguments, valid regular expressions, references to existing fields. Each problem is a stable
code and a catalogue sentence (core/messages_form.py), so `form check` says it in the user's
language."""

from __future__ import annotations

from collections.abc import Collection

from fieldapp.core.messages import ErrorCode, Said

from . import expr_ast as A
from .expr_functions import FUNCTIONS
from .expr_regex import RegexError, compile_regex


def check(node: A.Node, known_fields: Collection[str] | None = None) -> list[tuple[str, Said]]:
    """Problems (code, sentence) that make an expression unusable; [] when fine."""
    problems: list[Said] = []
    for n in A.walk(node):
        if isinstance(n, A.Call) and n.name == A.INSTANCE_PATH:
            continue  # instance('list')/root/item[...]: a path, checked where it is read
        if isinstance(n, A.Call):
            problems += _call_problems(n)
        elif isinstance(n, A.Ref) and known_fields is not None and n.name not in known_fields:
            problems.append(Said(ErrorCode.EXPR_UNKNOWN_FIELD, name=n.name))
    return [(said.entry.code, said) for said in problems]


def _call_problems(n: A.Call) -> list[Said]:
    spec = FUNCTIONS.get(n.name)
    if spec is None:
        return [Said(ErrorCode.EXPR_UNKNOWN_FUNCTION, function=n.name)]
    found: list[Said] = []
    lo, hi, _ = spec
    count = len(n.args)
    if hi is None and count < lo:
        found.append(Said(ErrorCode.EXPR_ARITY_AT_LEAST, function=n.name, least=lo, count=count))
    elif hi is not None and not lo <= count <= hi:
        want = str(lo) if lo == hi else f"{lo}–{hi}"
        found.append(Said(ErrorCode.EXPR_ARITY, function=n.name, want=want, count=count))
    if n.name == "regex" and count == 2 and isinstance(n.args[1], A.Str):
        try:
            compile_regex(n.args[1].value)
        except RegexError as exc:
            found.append(Said(ErrorCode.EXPR_BAD_REGEX, reason=_regex_reason(exc)))
    return found


def _regex_reason(exc: Exception) -> str:
    reason = exc.args[0] if exc.args else exc
    return reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)

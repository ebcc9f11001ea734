"""Evaluate an expression tree against a form's answers, and check a tree once at load time
(known functions with the right number of arguments, references to existing fields)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from . import expr_ast as A
from .expr_functions import FUNCTIONS, compile_regex
from .expr_values import arithmetic, compare, equal, from_answer, to_bool, to_number


@dataclass
class EvalContext:
    """What an expression can see: other answers by name, the current answer (`.`), the date,
    and in a choice_filter the columns of the choice being filtered."""

    lookup: Callable[[str], Any]
    current: Any = None
    today: date | None = None
    choice: Mapping[str, str] = field(default_factory=dict)


def evaluate(node: A.Node, ctx: EvalContext) -> Any:
    if isinstance(node, A.Num):
        return node.value
    if isinstance(node, A.Str):
        return node.value
    if isinstance(node, A.Ref):
        return from_answer(ctx.lookup(node.name))
    if isinstance(node, A.Current):
        return from_answer(ctx.current)
    if isinstance(node, A.ChoiceColumn):
        return ctx.choice.get(node.name, "")
    if isinstance(node, A.Unary):
        return -to_number(evaluate(node.operand, ctx))
    if isinstance(node, A.Binary):
        op = node.op
        if op == "and":
            return to_bool(evaluate(node.left, ctx)) and to_bool(evaluate(node.right, ctx))
        if op == "or":
            return to_bool(evaluate(node.left, ctx)) or to_bool(evaluate(node.right, ctx))
        left, right = evaluate(node.left, ctx), evaluate(node.right, ctx)
        if op == "=":
            return equal(left, right)
        if op == "!=":
            return not equal(left, right)
        if op in ("<", "<=", ">", ">="):
            return compare(op, left, right)
        return arithmetic(op, left, right)
    return _call(node, ctx)


def _call(node: A.Call, ctx: EvalContext) -> Any:
    name = node.name
    if name == "if":  # lazy: only the chosen branch is evaluated
        cond = to_bool(evaluate(node.args[0], ctx))
        return evaluate(node.args[1] if cond else node.args[2], ctx)
    if name == "today" and ctx.today is not None:
        return ctx.today
    if name == "now" and ctx.today is not None:
        return datetime.combine(ctx.today, datetime.min.time())
    impl = FUNCTIONS[name][2]
    return impl(*(evaluate(a, ctx) for a in node.args))


def check(node: A.Node, known_fields: Collection[str] | None = None) -> list[tuple[str, str]]:
    """Problems (code, Chinese message) that make an expression unusable; [] when fine."""
    problems: list[tuple[str, str]] = []
    for n in A.walk(node):
        if isinstance(n, A.Call):
            spec = FUNCTIONS.get(n.name)
            if spec is None:
                problems.append(("unknown_function", f"不支持的函数 {n.name}()"))
                continue
            lo, hi, _ = spec
            if len(n.args) < lo or (hi is not None and len(n.args) > hi):
                want = str(lo) if lo == hi else f"{lo} 个以上" if hi is None else f"{lo}–{hi}"
                message = f"函数 {n.name}() 需要 {want} 个参数，实际 {len(n.args)} 个"
                problems.append(("arity", message))
            if n.name == "regex" and len(n.args) == 2 and isinstance(n.args[1], A.Str):
                try:
                    compile_regex(n.args[1].value)
                except re.error as exc:
                    problems.append(("bad_regex", f"正则表达式无效: {exc}"))
        elif isinstance(n, A.Ref) and known_fields is not None and n.name not in known_fields:
            problems.append(("unknown_field", f"引用了不存在的字段 ${{{n.name}}}"))
    return problems

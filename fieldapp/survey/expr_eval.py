"""Evaluate an expression tree against a form's answers (the load-time check of a tree is
survey.expr_checks)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from . import expr_ast as A
from .expr_functions import FUNCTIONS
from .expr_values import (
    NodeSet, arithmetic, compare, equal, from_answer, to_bool, to_number, to_string,
)


@dataclass
class EvalContext:
    """What an expression can see: other answers by name, the current answer (`.`), the date,
    and in a choice_filter the columns of the choice being filtered. Inside a repeat, `position`
    is the 1-based number of the instance and `lookup_all` gives a field's answers in every
    instance (for indexed-repeat)."""

    lookup: Callable[[str], Any]
    current: Any = None
    today: date | None = None
    choice: Mapping[str, str] = field(default_factory=dict)
    position: int = 0
    lookup_all: Callable[[str], Any] | None = None
    tables: Mapping[str, Sequence[Mapping[str, str]]] = field(default_factory=dict)  # pulldata
    # instance('list'): the form's choice lists, each item as its columns (Choice.columns)
    instances: Mapping[str, Sequence[Mapping[str, str]]] = field(default_factory=dict)
    # jr:choice-name(value, '${field}'): the label of that choice of the field's list
    choice_name: Callable[[str, str], str] | None = None
    # instance() lookups already made in this evaluation (one inside another's condition reads
    # only its own items, so it is made once, not once per outer item)
    lookups: dict[int, NodeSet] = field(default_factory=dict)


def evaluate(node: A.Node, ctx: EvalContext) -> Any:
    """The value of a tree, computed with an explicit stack: a 5,000-term sum or a deeply nested
    expression needs no Python recursion (JavaRosa has no depth limit either)."""
    todo: list[tuple[str, A.Node]] = [("eval", node)]
    values: list[Any] = []
    while todo:
        step, n = todo.pop()
        if step == "eval":
            _expand(n, ctx, todo, values)
        else:
            _STEPS[step](n, ctx, todo, values)
    return values[-1]


def _expand(n: A.Node, ctx: EvalContext, todo: list, values: list) -> None:
    """Push a leaf's value, or the steps that compute an inner node after its operands."""
    if isinstance(n, (A.Num, A.Str)):
        values.append(n.value)
    elif isinstance(n, A.Ref):
        values.append(from_answer(ctx.lookup(n.name)))
    elif isinstance(n, A.Current):
        values.append(from_answer(ctx.current))
    elif isinstance(n, A.Parent):
        values.append("")
    elif isinstance(n, A.ChoiceColumn):
        values.append(ctx.choice.get(n.name, ""))
    elif isinstance(n, A.Unary):
        todo += [("negate", n), ("eval", n.operand)]
    elif isinstance(n, A.Binary) and n.op in ("and", "or"):
        todo += [("logic", n), ("eval", n.left)]  # lazy: the right side only when needed
    elif isinstance(n, A.Binary):
        todo += [("binary", n), ("eval", n.right), ("eval", n.left)]
    elif n.name == "if":
        todo += [("branch", n), ("eval", n.args[0])]  # lazy: only the chosen branch
    elif n.name == A.INSTANCE_PATH:
        values.append(instance_items(n, ctx))
    elif n.name == "indexed-repeat" and isinstance(n.args[0], A.Ref):
        # the field's answers in every instance, even inside the repeat itself
        todo.append(("call", n))
        todo += [("eval", arg) for arg in reversed(n.args[1:])]
        todo.append(("every", n.args[0]))
    else:
        todo.append(("call", n))
        todo += [("eval", arg) for arg in reversed(n.args)]


def _negate(n: A.Node, ctx: EvalContext, todo: list, values: list) -> None:
    values.append(-to_number(values.pop()))


def _logic(n: A.Binary, ctx: EvalContext, todo: list, values: list) -> None:
    left = to_bool(values.pop())
    if left == (n.op == "or"):  # true or …, false and …: decided
        values.append(left)
    else:
        todo += [("truth", n), ("eval", n.right)]


def _truth(n: A.Node, ctx: EvalContext, todo: list, values: list) -> None:
    values.append(to_bool(values.pop()))


def _branch(n: A.Call, ctx: EvalContext, todo: list, values: list) -> None:
    todo.append(("eval", n.args[1] if to_bool(values.pop()) else n.args[2]))


def _binary(n: A.Binary, ctx: EvalContext, todo: list, values: list) -> None:
    right = values.pop()
    left = values.pop()
    op = n.op
    if op == "=":
        values.append(equal(left, right))
    elif op == "!=":
        values.append(not equal(left, right))
    elif op in ("<", "<=", ">", ">="):
        values.append(compare(op, left, right))
    else:
        values.append(arithmetic(op, left, right))


def _every(n: A.Ref, ctx: EvalContext, todo: list, values: list) -> None:
    every = ctx.lookup_all(n.name) if ctx.lookup_all is not None else ctx.lookup(n.name)
    values.append(from_answer(every))


def _call(n: A.Call, ctx: EvalContext, todo: list, values: list) -> None:
    count = len(n.args)
    args = values[len(values) - count:] if count else []
    del values[len(values) - count:]
    if n.name == "today" and ctx.today is not None:
        values.append(ctx.today)
    elif n.name == "position":
        values.append(float(ctx.position))
    elif n.name == "pulldata":
        values.append(pulldata(ctx.tables, *args))
    elif n.name == "jr:choice-name":
        values.append(choice_name(ctx, *args))
    elif n.name == "once":  # ODK: computed while the answer is empty, then kept
        current = from_answer(ctx.current)
        values.append(current if to_string(current) else args[0])
    elif n.name == "now" and ctx.today is not None:
        values.append(datetime.combine(ctx.today, datetime.min.time()))
    else:
        values.append(FUNCTIONS[n.name][2](*args))


_STEPS = {"negate": _negate, "logic": _logic, "truth": _truth, "branch": _branch,
          "binary": _binary, "call": _call, "every": _every}


def instance_items(n: A.Call, ctx: EvalContext) -> NodeSet:
    """instance('list')/root/item[predicate]/column: the column of every item the predicate
    holds for (the item's name without a column), as a node-set."""
    if id(n) in ctx.lookups:
        return ctx.lookups[id(n)]
    name, test, column = n.args[0].value, n.args[1], n.args[2].value
    items = ctx.instances.get(name) or ctx.tables.get(name, ())
    found = NodeSet(item.get(column or "name", "") for item in items
                    if to_bool(evaluate(test, replace(ctx, choice=item))))
    ctx.lookups[id(n)] = found
    return found


def choice_name(ctx: EvalContext, value: Any, field_ref: Any) -> str:
    """jr:choice-name(${s}, '${s}'): the label of the choice `value` of field s's list (the
    field written as '${s}' or as pyxform's path '/data/s')."""
    ref = to_string(field_ref).strip()
    name = ref[2:-1] if ref.startswith("${") and ref.endswith("}") else ref.rsplit("/", 1)[-1]
    return ctx.choice_name(to_string(value), name) if ctx.choice_name is not None else ""


def pulldata(tables: Mapping[str, Sequence[Mapping[str, str]]], name: Any, column: Any,
             key_column: Any, key: Any) -> str:
    """ODK's pulldata('file', 'column', 'key column', value): `column` of the first row of
    file.csv (beside the form) whose `key column` is `value`; "" when there is none."""
    wanted = to_string(key)
    for row in tables.get(to_string(name), ()):
        if row.get(to_string(key_column), "") == wanted:
            return row.get(to_string(column), "")
    return ""

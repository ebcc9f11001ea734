"""Syntax tree of the ODK expression subset, and its canonical source text (`unparse`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Num:
    value: float


@dataclass(frozen=True)
class Str:
    value: str


@dataclass(frozen=True)
class Ref:
    """`${name}`: the answer of another field."""

    name: str


@dataclass(frozen=True)
class Current:
    """`.`: the answer of the field the expression belongs to."""


@dataclass(frozen=True)
class Parent:
    """`..` in `position(..)`: the repeat instance the expression is evaluated in."""


@dataclass(frozen=True)
class ChoiceColumn:
    """A bare name inside a choice_filter: a column of the choices sheet."""

    name: str


# instance('list')/root/item[predicate]/column as a call (list, predicate, column): the items of
# a choice list of the form (or of list.csv beside it) the predicate holds for, given the item's
# columns by name; the column's values, or the items' names when no column is given. The name
# cannot be typed as a function name.
INSTANCE_PATH = "instance(…)/root/item"


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Unary:
    op: str  # "-"
    operand: Node


@dataclass(frozen=True)
class Binary:
    op: str  # or and = != < <= > >= + - * div mod
    left: Node
    right: Node


Node = Num | Str | Ref | Current | Parent | ChoiceColumn | Call | Unary | Binary

# Binding power of each binary operator (higher binds tighter); all are left-associative.
PRECEDENCE = {
    "or": 1, "and": 2,
    "=": 3, "!=": 3,
    "<": 4, "<=": 4, ">": 4, ">=": 4,
    "+": 5, "-": 5,
    "*": 6, "div": 6, "mod": 6,
}
UNARY_PRECEDENCE = 7


def walk(node: Node) -> Iterator[Node]:
    """Every node of a tree, parents before children, without recursion."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, Call):
            stack.extend(reversed(n.args))
        elif isinstance(n, Unary):
            stack.append(n.operand)
        elif isinstance(n, Binary):
            stack += [n.right, n.left]


def references(node: Node) -> set[str]:
    """Names of the fields an expression reads through `${...}`."""
    return {n.name for n in walk(node) if isinstance(n, Ref)}


def _num_text(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return format(Decimal(repr(value)), "f")  # never an exponent: the grammar has none


def unparse(node: Node, parent_prec: int = 0) -> str:
    """Source text that parses back to the same tree (parenthesised only where needed)."""
    if isinstance(node, Num):
        return _num_text(node.value)
    if isinstance(node, Str):
        # XPath 1.0 strings cannot hold both quote characters; such a string has no source form.
        quote = "'" if "'" not in node.value else '"'
        return f"{quote}{node.value}{quote}"
    if isinstance(node, Ref):
        return "${" + node.name + "}"
    if isinstance(node, Current):
        return "."
    if isinstance(node, Parent):
        return ".."
    if isinstance(node, ChoiceColumn):
        return node.name
    if isinstance(node, Call):
        return f"{node.name}({', '.join(unparse(a) for a in node.args)})"
    if isinstance(node, Unary):
        text = "-" + unparse(node.operand, UNARY_PRECEDENCE)
        return f"({text})" if parent_prec > UNARY_PRECEDENCE else text
    prec = PRECEDENCE[node.op]
    # Left-associative: the right operand needs brackets at equal precedence.
    text = f"{unparse(node.left, prec)} {node.op} {unparse(node.right, prec + 1)}"
    return f"({text})" if prec < parent_prec else text

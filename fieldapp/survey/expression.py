"""`Expression`: the parsed form of one XLSForm expression cell, with its source text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import expr_ast as A
from .expr_eval import EvalContext, evaluate
from .expr_parse import parse
from .expr_values import to_bool


@dataclass(frozen=True)
class Expression:
    source: str
    tree: A.Node = field(compare=False)

    @classmethod
    def parse(cls, source: str, *, allow_choice_columns: bool = False) -> Expression:
        return cls(source, parse(source, allow_choice_columns=allow_choice_columns))

    @property
    def references(self) -> set[str]:
        return A.references(self.tree)

    def value(self, ctx: EvalContext) -> Any:
        return evaluate(self.tree, ctx)

    def truth(self, ctx: EvalContext) -> bool:
        return to_bool(evaluate(self.tree, ctx))

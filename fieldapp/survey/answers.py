"""Answers outside the live form: how an answer is named (`members[2]/jobs[1]/job`), the
defaults of a fresh visit, and an expression result as stored JSON."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from .expr_values import first
from .expression import Expression
from .instances import Index, as_path
from .model import Form, LastSaved

_KEY = re.compile(r"(?:[A-Za-z_][A-Za-z0-9_.\-]*\[\d+\]/)+([A-Za-z_][A-Za-z0-9_.\-]*)")
_STEP = re.compile(r"\[(\d+)\]/")


def last_saved_names(form: Form) -> list[str]:
    """The questions whose answers `${last-saved#name}` defaults of this form read."""
    return sorted({f.default.name for f in form.fields.values()
                   if isinstance(f.default, LastSaved)})


def answer_key(form: Form, name: str, index: Index = None) -> str:
    """How problems() names an answer: `name`, `members[2]/member_name` in a repeat,
    `members[2]/jobs[1]/job` in a repeat inside it."""
    path = as_path(index)
    chain = form.repeat_chain(name)[:len(path)]
    if not chain or len(path) < len(chain):
        return name
    return "".join(f"{r}[{i + 1}]/" for r, i in zip(chain, path)) + name


def split_key(key: str) -> tuple[str, Index]:
    """`members[2]/member_name` -> ("member_name", 1); `members[2]/jobs[1]/job` -> ("job",
    (1, 0)); `name` -> ("name", None)."""
    m = _KEY.fullmatch(key)
    if not m:
        return key, None
    path = tuple(int(i) - 1 for i in _STEP.findall(key))
    return m.group(1), path[0] if len(path) == 1 else path


def state_defaults(form: Form, last_saved: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The default answers of a fresh visit (fields outside repeats); a `${last-saved#name}`
    default takes `last_saved[name]`, or stays empty."""
    out: dict[str, Any] = {}
    for f in form.fields.values():
        if f.repeat or f.default is None or isinstance(f.default, Expression):
            continue  # a dynamic default is computed by FormState.new
        value = (last_saved or {}).get(f.default.name) if isinstance(f.default, LastSaved) \
            else f.default
        if value is not None:
            out[f.name] = value
    return out


def stored_value(value: Any) -> Any:
    """An expression result as stored JSON: whole floats become ints, dates ISO text, a node-set
    its first node (as XPath reads one as a single value)."""
    value = first(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if value.is_integer() else value
    if isinstance(value, date):
        return value.isoformat()
    return None if value == "" else value

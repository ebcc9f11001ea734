"""Where the answers of repeat instances live, for repeats inside repeats.

A repeat's instances are a list under its name, each a dict of its fields' answers; a repeat
inside it keeps its own list inside each of those dicts:
`{"members": [{"member_name": "王芳", "jobs": [{"job": "教师"}, ...]}, ...]}`.
An instance is named by its path, one 0-based index per enclosing repeat, outermost first:
`(1, 0)` is the first job of the second member. A plain int is a path of one.
"""

from __future__ import annotations

from typing import Any

from .expression import Expression
from .model import Form, LastSaved

Path = tuple[int, ...]
Index = int | tuple[int, ...] | None


def as_path(index: Index) -> Path:
    if index is None:
        return ()
    return (index,) if isinstance(index, int) else tuple(index)


def instances(answers: dict[str, Any], form: Form, repeat: str, parent: Path = (),
              create: bool = False) -> list[dict[str, Any]]:
    """The instance list of `repeat` inside the instance `parent` of its enclosing repeats
    (empty, or created when `create`, when there is none)."""
    holder: dict[str, Any] | None = answers
    for outer, i in zip(form.repeat_chain(repeat)[:-1], parent):
        items = holder.get(outer) if holder is not None else None
        holder = items[i] if isinstance(items, list) and 0 <= i < len(items) else None
    if holder is None:
        return []
    items = holder.get(repeat)
    if not isinstance(items, list):
        if not create:
            return []
        items = holder[repeat] = []
    return items


def instance(answers: dict[str, Any], form: Form, repeat: str, path: Path
             ) -> dict[str, Any] | None:
    if len(path) != len(form.repeat_chain(repeat)):
        return None
    items = instances(answers, form, repeat, path[:-1])
    return items[path[-1]] if 0 <= path[-1] < len(items) else None


def paths(answers: dict[str, Any], form: Form, repeat: str, under: Path = ()) -> list[Path]:
    """Every instance path of `repeat` (only those inside `under`, a path of its outer repeats)."""
    found: list[Path] = [()]
    for depth, r in enumerate(form.repeat_chain(repeat)):
        if depth < len(under):
            found = [p + (under[depth],) for p in found]
            continue
        found = [p + (i,) for p in found for i in range(len(instances(answers, form, r, p)))]
    return [p for p in found if len(p) == len(form.repeat_chain(repeat))]


def copied(items: Any) -> list[dict[str, Any]]:
    """A repeat's instances copied down to the innermost, so edits never alias the caller's."""
    if not isinstance(items, list):
        return []
    return [{k: copied(v) if isinstance(v, list) else v for k, v in i.items()}
            for i in items if isinstance(i, dict)]


def fresh(form: Form, repeat: str) -> dict[str, Any]:
    """A new instance: the defaults of its own fields (inner repeats start empty)."""
    return {f.name: f.default for f in form.fields_in(repeat)
            if f.default is not None and not isinstance(f.default, (LastSaved, Expression))}

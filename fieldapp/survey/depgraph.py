"""Which calculations depend on which answers, so a keystroke recomputes only what it can change.

An expression sees another field's answer through `lookup`, which also depends on that field's
relevance (an irrelevant field reads as empty). So a field depends on the references of its
calculation and of its own and its groups' `relevant`. The calculations run in dependency
(topological) order; a form whose calculations form a cycle falls back to settling them all.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass

from .expr_ast import references
from .model import Field, Form

_PLANS: dict[int, tuple[Form, Plan]] = {}
_MAX_PLANS = 32


@dataclass(frozen=True)
class Plan:
    order: tuple[str, ...]  # calculations, each after every calculation it reads
    dependents: dict[str, frozenset[str]]  # name -> fields that read it directly
    cyclic: bool

    def affected(self, changed: str) -> list[str]:
        """Calculations whose value may change when `changed` does, in evaluation order."""
        seen: set[str] = set()
        todo = [changed]
        while todo:
            for dep in self.dependents.get(todo.pop(), ()):
                if dep not in seen:
                    seen.add(dep)
                    todo.append(dep)
        return [name for name in self.order if name in seen]


def _reads(form: Form, f: Field) -> set[str]:
    names: set[str] = set()
    exprs = [f.calculation, f.relevant, *(form.groups[g].relevant for g in f.groups
                                          if g in form.groups)]
    for expr in exprs:
        if expr is not None:
            names |= references(expr.tree)
    names.discard(f.name)
    return names


def build_plan(form: Form) -> Plan:
    reads = {f.name: _reads(form, f) for f in form.fields.values()}
    dependents: dict[str, set[str]] = defaultdict(set)
    for name, sources in reads.items():
        for source in sources:
            dependents[source].add(name)
    calcs = [f.name for f in form.fields.values() if f.calculation is not None]
    order, cyclic = _topological(calcs, reads)
    return Plan(tuple(order), {k: frozenset(v) for k, v in dependents.items()}, cyclic)


def _topological(calcs: list[str], reads: dict[str, set[str]]) -> tuple[list[str], bool]:
    calc_set = set(calcs)
    waiting = {c: {r for r in reads[c] if r in calc_set} for c in calcs}
    users: dict[str, list[str]] = defaultdict(list)
    for c, sources in waiting.items():
        for s in sources:
            users[s].append(c)
    ready = deque(c for c in calcs if not waiting[c])
    order: list[str] = []
    while ready:
        c = ready.popleft()
        order.append(c)
        for user in users[c]:
            waiting[user].discard(c)
            if not waiting[user]:
                ready.append(user)
    done = set(order)
    rest = [c for c in calcs if c not in done]
    return order + rest, bool(rest)


def plan_for(form: Form) -> Plan:
    """The form's plan, built once per form object."""
    cached = _PLANS.get(id(form))
    if cached is not None and cached[0] is form:
        return cached[1]
    if len(_PLANS) >= _MAX_PLANS:
        _PLANS.pop(next(iter(_PLANS)))
    plan = build_plan(form)
    _PLANS[id(form)] = (form, plan)
    return plan

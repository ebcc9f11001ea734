"""A checklist being filled in: answers plus the form's live rules (relevance, required,
constraints, calculations, choice filters). Plain Python: the Qt form and the visits importer
both drive it.

A repeat's answers are a list of instances under the repeat's name, each a dict of its fields'
answers: `{"members": [{"member_name": "王芳", ...}, ...]}`. Methods that take a field `name`
also take `index`, the instance (0-based) for a field inside a repeat. Inside an instance,
`${sibling}` is the sibling's answer in the same instance; from outside, `${field_in_repeat}` is
the node-set of its answers in every instance (for count(), sum(), max(), join()).

A repeat inside a repeat keeps its instances inside each outer instance (survey/instances.py);
`index` is then a path, `(1, 0)` for the first inner instance of the second outer one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from fieldapp.core.messages import ErrorCode, Said
from fieldapp.core.validation import geopoint_said

from .accuracy import accuracy_note
from .answers import answer_key, last_saved_names, split_key, state_defaults, stored_value
from .coerce import coerce_answer
from .depgraph import plan_for
from .expr_eval import EvalContext
from .expr_values import NodeSet, from_answer, to_date, to_number, to_string
from .expression import Expression
from .instances import Index, Path, as_path, copied, fresh, instance, instances, paths
from .model import MULTI_TYPES, Choice, Field, Form, Group

__all__ = ["MAX_INSTANCES", "MESSAGES", "FormState", "answer_key", "last_saved_names",
           "split_key", "state_defaults"]

MAX_INSTANCES = 200  # a repeat_count beyond this is capped: a household has no 201 members

_REF_IN_TEXT = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_.\-]*)\}")

# Messages when the form gives none: Chinese, or English when the form is shown in English.
MESSAGES = {
    "required": {"zh": "此项必填", "en": "This question must be answered"},
    "constraint": {"zh": "答案不符合要求", "en": "This answer is not allowed"},
    "choice": {"zh": "所选项不在可选范围内", "en": "The chosen option is not available"},
}


class FormState:
    def __init__(self, form: Form, answers: Mapping[str, Any] | None = None, *,
                 language: str | None = None, today: date | None = None):
        self.form = form
        self.answers: dict[str, Any] = dict(answers or {})
        for repeat in form.repeats:  # each instance its own dict: edits never alias the caller's
            if not form.parent_repeat(repeat) and self.answers.get(repeat) is not None:
                self.answers[repeat] = copied(self.answers[repeat])
        self.language = language
        self.today = today
        self._relevance: dict[tuple[str, Path], bool] = {}
        self._computing: set[tuple[str, Path]] = set()

    # ----- construction ------------------------------------------------------------------
    @classmethod
    def new(cls, form: Form, *, last_saved: Mapping[str, Any] | None = None,
            **kw: Any) -> FormState:
        """A fresh visit: defaults filled in (`${last-saved#name}` ones from `last_saved`, the
        most recent answers: see last_saved_names), repeats at their repeat_count,
        calculations computed."""
        state = cls(form, state_defaults(form, last_saved), **kw)
        state.answers.update(state._sync_counts())
        state._dynamic_defaults("", ())
        state.answers.update(state.calculate())
        return state

    def defaults(self) -> dict[str, Any]:
        return state_defaults(self.form)

    # ----- answers of repeats --------------------------------------------------------------
    def count(self, repeat: str, parent: Index = None) -> int:
        """How many instances a repeat has (a repeat inside a repeat: inside instance `parent`
        of the enclosing repeats)."""
        return len(instances(self.answers, self.form, repeat, as_path(parent)))

    def value(self, name: str, index: Index = None) -> Any:
        """The stored answer of a field (of instance `index` when it is in a repeat)."""
        f = self.form.fields.get(name)
        if f is None or not f.repeat:
            return self.answers.get(name)
        inst = instance(self.answers, self.form, f.repeat, as_path(index))
        return inst.get(name) if inst is not None else None

    def _indexes(self, f: Field) -> list[Index]:
        if not f.repeat:
            return [None]
        found = paths(self.answers, self.form, f.repeat)
        return [p[0] for p in found] if len(self.form.repeat_chain(f.repeat)) == 1 else found

    def add_instance(self, repeat: str, parent: Index = None) -> dict[str, Any]:
        """A new instance at the end of `repeat` (inside instance `parent` of the enclosing
        repeats), its defaults filled in; returns the changes."""
        items = instances(self.answers, self.form, repeat, as_path(parent), create=True)
        items.append(fresh(self.form, repeat))
        self._dynamic_defaults(repeat, (*as_path(parent), len(items) - 1))
        return self._repeat_changed(repeat)

    def _fire_triggers(self, source: Field, index: Index, changed: dict[str, Any]) -> bool:
        """Calculations triggered by `source`: computed now (in the same repeat instance when
        both are in it, else in every instance); True when one ran."""
        fired = [f for f in self.form.fields.values() if source.name in f.trigger]
        for f in fired:
            same = f.repeat and f.repeat == source.repeat
            self._update_calculation(f, changed, [index] if same else self._indexes(f))
        return bool(fired)

    def _dynamic_defaults(self, repeat: str, path: Path) -> None:
        """Defaults written as expressions (today(), ${x}), computed as ODK does when the visit
        or the repeat instance is created."""
        for f in self.form.fields_in(repeat):
            if isinstance(f.default, Expression):
                value = stored_value(f.default.value(self.context(f, index=path or None)))
                if value is not None:
                    self._store(f, path or None, value, {})

    def remove_instance(self, repeat: str, index: Index) -> dict[str, Any]:
        """Remove instance `index` of `repeat`; the ones after it move up one place."""
        path = as_path(index)
        del instances(self.answers, self.form, repeat, path[:-1])[path[-1]]
        return self._repeat_changed(repeat)

    def fixed_count(self, repeat: str, parent: Index = None) -> int | None:
        """The number of instances repeat_count asks for (None when the user decides)."""
        expr = self.form.groups[repeat].repeat_count
        if expr is None:
            return None
        outer = self.form.parent_repeat(repeat)
        n = to_number(expr.value(self.context(index=as_path(parent) or None, repeat=outer)))
        return max(0, min(MAX_INSTANCES, int(n))) if math.isfinite(n) else 0

    def _sync_counts(self) -> dict[str, Any]:
        """Add or drop instances so that each repeat with a repeat_count has that many (outer
        repeats first: their instances hold the inner ones)."""
        changed: dict[str, Any] = {}
        for repeat in self.form.repeats:
            outer = self.form.parent_repeat(repeat)
            for parent in paths(self.answers, self.form, outer) if outer else [()]:
                want = self.fixed_count(repeat, parent)
                items = instances(self.answers, self.form, repeat, parent, create=want is not None)
                if want is None or want == len(items):
                    continue
                while len(items) < want:
                    items.append(fresh(self.form, repeat))
                del items[want:]
                top = self.form.repeat_chain(repeat)[0]
                changed[top] = self.answers[top]
                self._invalidate()
        return changed

    def _repeat_changed(self, repeat: str) -> dict[str, Any]:
        self._invalidate()
        top = self.form.repeat_chain(repeat)[0]
        changed: dict[str, Any] = {top: self.answers[top]}
        changed.update(self.calculate())
        return changed

    # ----- evaluation --------------------------------------------------------------------
    def _typed(self, f: Field, value: Any) -> Any:
        if value is None:
            return None
        if f.type in ("date", "datetime", "today", "start", "end"):
            return to_date(value) or value
        return value

    def lookup(self, name: str, repeat: str = "", index: Index = None) -> Any:
        """An answer as expressions see it: empty when its field is not relevant (as ODK).
        Evaluated inside instance `index` of `repeat`, a field of that repeat or of a repeat
        around it is its answer in that instance; a field of a repeat inside it is the node-set
        of its answers there; any other field in a repeat is the node-set of all its answers."""
        f = self.form.fields.get(name)
        if f is None:
            if name in self.form.repeats:  # count(${members}): its instances, none when hidden
                outer = self.form.parent_repeat(name)
                under = self._shared(outer, repeat, index) if outer else ()
                return NodeSet([""] * len(paths(self.answers, self.form, name, under))
                               if self.relevant(name, under) else [])
            return None
        if not f.repeat:
            return self._typed(f, self.value(name)) if self.relevant(name) else None
        under = self._shared(f.repeat, repeat, index)
        if len(under) == len(self.form.repeat_chain(f.repeat)):
            return self._typed(f, self.value(name, under)) if self.relevant(name, under) \
                else None
        return NodeSet(self._typed(f, self.value(name, p)) if self.relevant(name, p) else None
                       for p in paths(self.answers, self.form, f.repeat, under))

    def _shared(self, target: str, repeat: str, index: Index) -> Path:
        """The part of the current instance path that `target`'s repeats share with it."""
        path = as_path(index)
        if not path:
            return ()
        here = self.form.repeat_chain(repeat)[:len(path)]
        shared = 0
        for a, b in zip(self.form.repeat_chain(target), here):
            if a != b:
                break
            shared += 1
        return path[:shared]

    def lookup_all(self, name: str) -> Any:
        """A field's answers in every instance of its repeat (a node-set)."""
        f = self.form.fields.get(name)
        if f is None or not f.repeat:
            return self.lookup(name)
        return NodeSet(self._typed(f, self.value(name, p)) if self.relevant(name, p) else None
                       for p in paths(self.answers, self.form, f.repeat))

    def context(self, f: Field | None = None, choice: Choice | None = None,
                index: Index = None, repeat: str = "") -> EvalContext:
        path = as_path(index)
        current = self._typed(f, self.value(f.name, path)) if f else None
        repeat = f.repeat if f is not None else repeat
        at = path[:len(self.form.repeat_chain(repeat))] if repeat else ()
        return EvalContext(lambda name: self.lookup(name, repeat, at), current=current,
                           today=self.today,
                           choice=choice.columns() if choice else {},
                           position=at[-1] + 1 if at else 0,
                           lookup_all=self.lookup_all, tables=self.form.tables,
                           instances=self.form.instances, choice_name=self._choice_name)

    def _choice_name(self, value: str, field_name: str) -> str:
        f = self.form.fields.get(field_name)
        if f is None or not f.is_select or not value:
            return ""
        return self.form.choice_label(f, value, self.language)

    def _truth(self, expr: Expression | bool, f: Field | None = None,
               index: Index = None) -> bool:
        if isinstance(expr, bool):
            return expr
        return expr.truth(self.context(f, index=index))

    def _invalidate(self) -> None:
        self._relevance.clear()

    def relevant(self, name: str, index: Index = None) -> bool:
        """Field or group `name` (in instance `index` when in a repeat) and all its enclosing
        groups are relevant. A repeat given only the path of its enclosing repeats (its Add
        button) evaluates its own `relevant` there, outside any of its instances."""
        item: Field | Group | None = self.form.fields.get(name) or self.form.groups.get(name)
        if item is None:
            return False
        chain = self.form.repeat_chain(name)
        at = as_path(index)[:len(chain)]
        key = (name, at)
        if key in self._relevance:
            return self._relevance[key]
        if key in self._computing:  # relevance that depends on itself: treat as relevant
            return True
        self._computing.add(key)
        try:
            ok = all(self.relevant(g, at) for g in item.groups)
            if ok and item.relevant is not None:
                f = item if isinstance(item, Field) else None
                where = chain[len(at) - 1] if at else ""
                ok = item.relevant.truth(self.context(f, index=at, repeat=where))
        finally:
            self._computing.discard(key)
        self._relevance[key] = ok
        return ok

    def required(self, name: str, index: Index = None) -> bool:
        f = self.form.fields[name]
        return f.is_input and self.relevant(name, index) and self._truth(f.required, f, index)

    def read_only(self, name: str, index: Index = None) -> bool:
        f = self.form.fields[name]
        return (f.calculation is not None and not f.trigger) or \
            self._truth(f.read_only, f, index)

    def choices(self, name: str, index: Index = None) -> tuple[Choice, ...]:
        f = self.form.fields[name]
        items = self.form.choices_of(f)
        if f.choice_filter is None:
            return items
        return tuple(c for c in items if f.choice_filter.truth(self.context(f, c, index)))

    def interpolate(self, text: str, f: Field | None = None, index: Index = None) -> str:
        """`${name}` in a label, hint or message replaced by that answer, as ODK shows it
        (inside a repeat instance, a sibling's answer in the same instance)."""
        if "${" not in text:
            return text
        repeat = f.repeat if f is not None else ""
        at = index if repeat else None
        return _REF_IN_TEXT.sub(
            lambda m: to_string(from_answer(self.lookup(m.group(1), repeat, at))), text)

    def label(self, name: str, index: Index = None) -> str:
        f = self.form.fields[name]
        return self.interpolate(self.form.text(f.labels, self.language), f, index)

    def hint(self, name: str, index: Index = None) -> str:
        f = self.form.fields[name]
        return self.interpolate(self.form.text(f.hints, self.language), f, index)

    def message(self, key: str) -> str:
        texts = MESSAGES[key]
        return texts.get(self.language or "zh", texts["zh"])

    def problem(self, name: str, index: Index = None) -> str | None:
        """Why the answer of `name` blocks completion (Chinese unless language says otherwise)."""
        f = self.form.fields[name]
        if name in self.form.missing_files and self.relevant(name, index):
            # never completed against a list or table that is not there (not even by leaving
            # the question empty, or by a calculation reading it)
            return Said(ErrorCode.FORM_ANSWER_NEEDS_FILE,
                        files=", ".join(self.form.missing_files[name])).text(self.language or "zh")
        if not f.is_input or not self.relevant(name, index):
            return None
        value = self.value(name, index)
        if value is None or value == "":
            if self.required(name, index):
                return self.interpolate(self.form.text(f.required_message, self.language),
                                        f, index) or self.message("required")
            return None
        if f.type == "geopoint":
            bad = geopoint_said(str(value))
            if bad:
                return bad.text(self.language or "zh")
        if f.is_select:
            names = {c.name for c in self.choices(name, index)}
            picked = str(value).split() if f.type in MULTI_TYPES else [str(value)]
            if any(p not in names for p in picked):
                return self.message("choice")
        if f.constraint is not None and not f.constraint.truth(self.context(f, index=index)):
            return self.interpolate(self.form.text(f.constraint_message, self.language),
                                    f, index) or self.message("constraint")
        return None

    def note(self, name: str, index: Index = None) -> str | None:
        """A remark on the answer of `name` that does not block completion (a geopoint's
        accuracy the form asks for and the answer lacks)."""
        f = self.form.fields[name]
        said = accuracy_note(f, self.value(name, index)) if f.type == "geopoint" else None
        return said.text(self.language or "zh") if said else None

    def problems(self) -> dict[str, str]:
        """Every blocking problem by answer_key (`name`, or `members[2]/member_name`)."""
        out = {}
        for f in self.form.fields.values():
            for index in self._indexes(f):
                msg = self.problem(f.name, index)
                if msg:
                    out[answer_key(self.form, f.name, index)] = msg
        return out

    def is_complete(self) -> bool:
        return not self.problems()

    def calculate(self) -> dict[str, Any]:
        """Values of calculations that differ from the stored answers (dependency order)."""
        plan = plan_for(self.form)
        if plan.cyclic:
            return self._settle([self.form.fields[n] for n in plan.order])
        return self._recompute(plan.order)

    def _recompute(self, names: Sequence[str]) -> dict[str, Any]:
        """Evaluate these calculations once each, in the given (dependency) order."""
        changed: dict[str, Any] = {}
        for name in names:
            self._update_calculation(self.form.fields[name], changed)
        return changed

    def _settle(self, pending: list[Field]) -> dict[str, Any]:
        """Calculations that read each other in a cycle: repeat until nothing changes."""
        changed: dict[str, Any] = {}
        for _ in range(len(pending) + 1):
            progress = False
            for f in pending:
                progress = self._update_calculation(f, changed) or progress
            if not progress:
                break
        return changed

    def _update_calculation(self, f: Field, changed: dict[str, Any],
                            only: list[Index] | None = None) -> bool:
        """Recompute one calculation (in every instance when in a repeat, or in `only`); one with
        a trigger only when `only` says where its trigger changed."""
        assert f.calculation is not None
        if f.trigger and only is None:
            return False
        progress = False
        for index in self._indexes(f) if only is None else only:
            value = stored_value(f.calculation.value(self.context(f, index=index)))
            if not self.relevant(f.name, index):
                value = None
            if self.value(f.name, index) != value:
                self._store(f, index, value, changed)
                progress = True
        return progress

    def _store(self, f: Field, index: Index, value: Any, changed: dict[str, Any]) -> None:
        """Write one answer and note what changed: the field, or its outermost repeat's list."""
        if f.repeat:
            inst = instance(self.answers, self.form, f.repeat, as_path(index))
            assert inst is not None
            inst[f.name] = value
            top = self.form.repeat_chain(f.repeat)[0]
            changed[top] = self.answers[top]
        else:
            self.answers[f.name] = value
            changed[f.name] = value
        self._invalidate()

    def irrelevant_answers(self) -> list[str]:
        """Answered fields outside repeats that are not relevant: ODK drops these when a visit
        is finalised (drop_irrelevant also clears them inside repeat instances)."""
        return [n for n, v in self.answers.items()
                if v is not None and n in self.form.fields and not self.form.fields[n].repeat
                and not self.relevant(n)]

    def drop_irrelevant(self) -> dict[str, Any]:
        """Clear every answer that no longer applies, as ODK does on finalising; returns the
        changes (a repeat's whole list when one of its instances changed)."""
        changed: dict[str, Any] = {name: None for name in self.irrelevant_answers()}
        self.answers.update(changed)
        for repeat in self.form.repeats:
            for f in self.form.fields_in(repeat):
                for index in self._indexes(f):
                    if self.value(f.name, index) is not None and \
                            not self.relevant(f.name, index):
                        self._store(f, index, None, changed)
        return changed

    # ----- changes -----------------------------------------------------------------------
    def set(self, name: str, raw: Any, index: Index = None) -> dict[str, Any]:
        """Store an answer (coerced to its type) and return every answer that changed, including
        calculations (a repeat's whole list when one of its instances changed); raises
        AnswerError when `raw` does not fit the field."""
        f = self.form.fields[name]
        if f.repeat and instance(self.answers, self.form, f.repeat, as_path(index)) is None:
            raise IndexError(index)  # a caller's slip, not the user's
        names = [c.name for c in self.form.choices_of(f)]
        value = coerce_answer(f.type, raw, names)
        changed: dict[str, Any] = {}
        if self.value(name, index) != value:
            self._store(f, index, value, changed)
            if self._fire_triggers(f, index, changed):
                changed.update(self.calculate())  # what reads the triggered answers
            plan = plan_for(self.form)
            if self.form.repeats:  # counts and node-sets: recompute the few calculations
                changed.update(self._sync_counts())
                changed.update(self.calculate())
            elif plan.cyclic:
                changed.update(self.calculate())
            else:  # only the calculations that can see this answer
                changed.update(self._recompute(plan.affected(name)))
        return changed

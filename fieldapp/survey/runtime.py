"""A checklist being filled in: answers plus the form's live rules (relevance, required,
constraints, calculations, choice filters). Plain Python: the Qt form and the visits importer
both drive it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from fieldapp.core.validation import geopoint_problem

from .coerce import coerce_answer
from .depgraph import plan_for
from .expr_eval import EvalContext
from .expr_values import from_answer, to_date, to_string
from .expression import Expression
from .model import Choice, Field, Form, Group, LastSaved

_REF_IN_TEXT = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_.\-]*)\}")

# Messages when the form gives none: Chinese, or English when the form is shown in English.
MESSAGES = {
    "required": {"zh": "此项必填", "en": "This question must be answered"},
    "constraint": {"zh": "答案不符合要求", "en": "This answer is not allowed"},
    "choice": {"zh": "所选项不在可选范围内", "en": "The chosen option is not available"},
}


def last_saved_names(form: Form) -> list[str]:
    """The questions whose answers `${last-saved#name}` defaults of this form read."""
    return sorted({f.default.name for f in form.fields.values()
                   if isinstance(f.default, LastSaved)})


class FormState:
    def __init__(self, form: Form, answers: Mapping[str, Any] | None = None, *,
                 language: str | None = None, today: date | None = None):
        self.form = form
        self.answers: dict[str, Any] = dict(answers or {})
        self.language = language
        self.today = today
        self._relevance: dict[str, bool] = {}
        self._computing: set[str] = set()

    # ----- construction ------------------------------------------------------------------
    @classmethod
    def new(cls, form: Form, *, last_saved: Mapping[str, Any] | None = None,
            **kw: Any) -> FormState:
        """A fresh visit: defaults filled in, calculations computed. `last_saved` holds the
        most recent answers for `${last-saved#name}` defaults (see last_saved_names)."""
        answers = {}
        for f in form.fields.values():
            value = f.default
            if isinstance(value, LastSaved):
                value = (last_saved or {}).get(value.name)
            if value is not None:
                answers[f.name] = value
        state = cls(form, answers, **kw)
        state.answers.update(state.calculate())
        return state

    def defaults(self) -> dict[str, Any]:
        return {f.name: f.default for f in self.form.fields.values()
                if f.default is not None and not isinstance(f.default, LastSaved)}

    # ----- evaluation --------------------------------------------------------------------
    def _typed(self, f: Field, value: Any) -> Any:
        if value is None:
            return None
        if f.type in ("date", "datetime", "today", "start", "end"):
            return to_date(value) or value
        return value

    def lookup(self, name: str) -> Any:
        """An answer as expressions see it: empty when its field is not relevant (as ODK)."""
        f = self.form.fields.get(name)
        if f is None or not self.relevant(name):
            return None
        return self._typed(f, self.answers.get(name))

    def context(self, f: Field | None = None, choice: Choice | None = None) -> EvalContext:
        current = self._typed(f, self.answers.get(f.name)) if f else None
        return EvalContext(self.lookup, current=current, today=self.today,
                           choice={"name": choice.name, **choice.extra} if choice else {})

    def _truth(self, expr: Expression | bool, f: Field | None = None) -> bool:
        if isinstance(expr, bool):
            return expr
        return expr.truth(self.context(f))

    def _invalidate(self) -> None:
        self._relevance.clear()

    def relevant(self, name: str) -> bool:
        """Field or group `name` and all its enclosing groups are relevant."""
        if name in self._relevance:
            return self._relevance[name]
        if name in self._computing:  # relevance that depends on itself: treat as relevant
            return True
        item: Field | Group | None = self.form.fields.get(name) or self.form.groups.get(name)
        if item is None:
            return False
        self._computing.add(name)
        try:
            ok = all(self.relevant(g) for g in item.groups)
            if ok and item.relevant is not None:
                f = item if isinstance(item, Field) else None
                ok = item.relevant.truth(self.context(f))
        finally:
            self._computing.discard(name)
        self._relevance[name] = ok
        return ok

    def required(self, name: str) -> bool:
        f = self.form.fields[name]
        return f.is_input and self.relevant(name) and self._truth(f.required, f)

    def read_only(self, name: str) -> bool:
        f = self.form.fields[name]
        return f.calculation is not None or self._truth(f.read_only, f)

    def choices(self, name: str) -> tuple[Choice, ...]:
        f = self.form.fields[name]
        items = self.form.choices_of(f)
        if f.choice_filter is None:
            return items
        return tuple(c for c in items if f.choice_filter.truth(self.context(f, c)))

    def interpolate(self, text: str) -> str:
        """`${name}` in a label, hint or message replaced by that answer, as ODK shows it."""
        if "${" not in text:
            return text
        return _REF_IN_TEXT.sub(lambda m: to_string(from_answer(self.lookup(m.group(1)))), text)

    def label(self, name: str) -> str:
        f = self.form.fields[name]
        return self.interpolate(self.form.text(f.labels, self.language))

    def hint(self, name: str) -> str:
        f = self.form.fields[name]
        return self.interpolate(self.form.text(f.hints, self.language))

    def message(self, key: str) -> str:
        texts = MESSAGES[key]
        return texts.get(self.language or "zh", texts["zh"])

    def problem(self, name: str) -> str | None:
        """Why the answer of `name` blocks completion (Chinese unless language says otherwise)."""
        f = self.form.fields[name]
        if not f.is_input or not self.relevant(name):
            return None
        value = self.answers.get(name)
        if value is None or value == "":
            if self.required(name):
                return self.interpolate(self.form.text(f.required_message, self.language)) \
                    or self.message("required")
            return None
        if f.type == "geopoint":
            bad = geopoint_problem(str(value))
            if bad:
                return bad
        if f.is_select:
            names = {c.name for c in self.choices(name)}
            picked = str(value).split() if f.type == "select_multiple" else [str(value)]
            if any(p not in names for p in picked):
                return self.message("choice")
        if f.constraint is not None and not f.constraint.truth(self.context(f)):
            return self.interpolate(self.form.text(f.constraint_message, self.language)) \
                or self.message("constraint")
        return None

    def problems(self) -> dict[str, str]:
        out = {}
        for name in self.form.fields:
            msg = self.problem(name)
            if msg:
                out[name] = msg
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

    def _update_calculation(self, f: Field, changed: dict[str, Any]) -> bool:
        assert f.calculation is not None
        value = _answer_value(f.calculation.value(self.context(f)))
        if not self.relevant(f.name):
            value = None
        if self.answers.get(f.name) == value:
            return False
        self.answers[f.name] = value
        changed[f.name] = value
        self._invalidate()
        return True

    def irrelevant_answers(self) -> list[str]:
        """Answered fields that are not relevant: ODK drops these when a visit is finalised."""
        return [n for n, v in self.answers.items()
                if v is not None and n in self.form.fields and not self.relevant(n)]

    # ----- changes -----------------------------------------------------------------------
    def set(self, name: str, raw: Any) -> dict[str, Any]:
        """Store an answer (coerced to its type) and return every answer that changed, including
        calculations; raises AnswerError when `raw` does not fit the field."""
        f = self.form.fields[name]
        names = [c.name for c in self.form.choices_of(f)]
        value = coerce_answer(f.type, raw, names)
        changed: dict[str, Any] = {}
        if self.answers.get(name) != value:
            self.answers[name] = value
            changed[name] = value
            self._invalidate()
            plan = plan_for(self.form)
            if plan.cyclic:
                changed.update(self.calculate())
            else:  # only the calculations that can see this answer
                changed.update(self._recompute(plan.affected(name)))
        return changed


def _answer_value(value: Any) -> Any:
    """An expression result as stored JSON: whole floats become ints, dates ISO text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if value.is_integer() else value
    if isinstance(value, date):
        return value.isoformat()
    return None if value == "" else value

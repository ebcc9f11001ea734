"""Whole-form checks of the survey sheet, once every row is read: references in expressions and
texts (unknown or ambiguous names), functions, choice_filter columns, calculation cycles, and the
CSV files pulldata() and instance() read. A mixin of SurveyBuilder (loader_survey.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from fieldapp.core.messages import ErrorCode

from .choice_files import ChoiceFileError, read_table
from .expr_ast import INSTANCE_PATH, Call, ChoiceColumn, Str, walk
from .expr_eval import check
from .expression import Expression
from .model import Choice, Field, Group, LastSaved
from .sheets import Row

if TYPE_CHECKING:
    from .loader import _Loader
    from .sheets import Sheet

_REF_IN_TEXT = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_.\-]*)\}")


class SurveyChecks:
    """Needs the builder's ld, sheet, root, fields, names, shared, choices, tables, problem."""

    ld: _Loader
    sheet: Sheet
    root: list[Field | Group]
    fields: list[tuple[Field, Row]]
    names: dict[str, Row]
    shared: dict[str, list[Row]]
    choices: dict[str, tuple[Choice, ...]]
    tables: dict[str, tuple[dict[str, str], ...]]

    def problem(self, code: str, message: str, row: Row, column: str) -> None:
        raise NotImplementedError

    def check_all(self) -> None:
        for f, row in self.fields:
            self.ld.in_time(self.sheet, row)
            for column in ("relevant", "constraint", "calculation", "choice_filter", "required",
                           "read_only"):
                expr = getattr(f, column)
                if isinstance(expr, Expression):
                    self.report(self.check(expr), row, column)
            if f.choice_filter is not None:
                self.check_choice_columns(f, row)
            self.check_texts(f, row)
            for name in f.trigger:
                if name not in self.names:
                    self.problem("unknown_field", f"trigger 引用了不存在的字段 ${{{name}}}", row,
                                 "trigger")
            if isinstance(f.default, Expression):
                self.report(self.check(f.default), row, "default")
            if isinstance(f.default, LastSaved) and f.default.name not in self.names:
                self.problem("unknown_reference", f"默认值引用了不存在的题目 ${{{f.default.name}}}",
                             row, "default")
        for g in self.groups():
            if g.relevant is not None:
                self.report(self.check(g.relevant), self.names.get(g.name), "relevant")
            if g.repeat_count is not None:
                self.report(self.check(g.repeat_count), self.names.get(g.name), "repeat_count")
        self.check_cycles()
        self.read_tables()

    def check_texts(self, f: Field, row: Row) -> None:
        """${name} in a label, hint or message names one question of the form (as pyxform)."""
        for column, texts in (("label", f.labels), ("hint", f.hints),
                              ("constraint_message", f.constraint_message),
                              ("required_message", f.required_message)):
            for name in sorted({n for text in texts.values() for n in _REF_IN_TEXT.findall(text)}):
                if name in self.shared:
                    rows = "、".join(str(r.number) for r in self.shared[name])
                    self.problem("ambiguous_reference", f"${{{name}}} 指的是哪个题目不明确：第 {rows} 行"
                                 f"都叫 {name}（pyxform: There are multiple survey elements named "
                                 f"'{name}'.）", row, column)
                elif name not in self.names:
                    self.problem("unknown_field", f"引用了不存在的字段 ${{{name}}}（pyxform: There is "
                                 f"no survey element named '{name}'.）", row, column)

    def check(self, expr: Expression) -> list[tuple[str, str]]:
        """An expression's problems, and references to a name several questions have."""
        problems = check(expr.tree, self.names)
        for name in sorted(expr.references & self.shared.keys()):
            rows = "、".join(str(r.number) for r in self.shared[name])
            problems.append(("ambiguous_reference",
                             f"${{{name}}} 指的是哪个题目不明确：第 {rows} 行都叫 {name}（pyxform: "
                             f"There are multiple survey elements named '{name}'.）"))
        return problems

    def read_tables(self) -> None:
        """pulldata('name', ...) and instance('name') of a name that is no choice list: name.csv
        beside the form, read once for every use."""
        lists = set(self.choices) | {n.rpartition(".")[0] for n in self.choices if "." in n}
        for f, row in self.fields:
            for column in ("relevant", "constraint", "calculation", "choice_filter", "required",
                           "read_only"):
                expr = getattr(f, column)
                for node in walk(expr.tree) if isinstance(expr, Expression) else ():
                    if not (isinstance(node, Call) and node.args and isinstance(node.args[0], Str)):
                        continue
                    if node.name == "pulldata":
                        self.read_table(node.args[0].value, row, column)
                    elif node.name == INSTANCE_PATH and node.args[0].value not in lists:
                        self.read_table(node.args[0].value, row, column, instance=True)

    def read_table(self, name: str, row: Row, column: str, instance: bool = False,
                   suffix: str = ".csv") -> None:
        if name in self.tables or "/" in name or "\\" in name:
            return
        path = self.ld.folder / f"{name}{suffix}"
        try:
            self.tables[name] = read_table(path)
        except ChoiceFileError as exc:
            message = exc.message if not instance or path.exists() else \
                ErrorCode.EXPR_UNKNOWN_INSTANCE.text("zh", name=name)
            code = "unknown_instance" if instance else \
                "bad_pulldata_file" if suffix == ".csv" and column != "type" else "bad_choice_file"
            self.problem(code, message, row, column)
            self.tables[name] = ()

    def check_choice_columns(self, f: Field, row: Row) -> None:
        """Bare names in a choice_filter should be columns of the choices sheet (else a warning)."""
        assert f.choice_filter is not None
        if not f.is_select:  # pyxform ignores it too
            self.ld.warnings.append(f"{self.sheet.name} 工作表第 {row.number} 行: {f.name} 不是"
                                    f"选择题，choice_filter 不起作用，已忽略")
            return
        columns = {"name"}
        for c in self.choices.get(f.list_name, ()):
            columns.update(c.columns())
        missing = sorted({node.name for node in walk(f.choice_filter.tree)
                          if isinstance(node, ChoiceColumn) and node.name not in columns})
        for name in missing:  # ODK and pyxform only warn: the missing column reads as empty
            self.ld.warnings.append(
                f"{self.sheet.name} 工作表第 {row.number} 行 choice_filter: choices 工作表没有列 "
                f"{name}（选项列表 {f.list_name}），按空值计算")

    def groups(self) -> list[Group]:
        out: list[Group] = []

        def walk(items: list[Field | Group] | tuple[Field | Group, ...]) -> None:
            for item in items:
                if isinstance(item, Group):
                    out.append(item)
                    walk(item.children)
        walk(self.root)
        return out

    def report(self, problems: list[tuple[str, str]], row: Row | None, column: str) -> None:
        for code, message in problems:
            if row is not None:
                self.problem(code, message, row, column)

    def check_cycles(self) -> None:
        """A calculation may not depend on itself, directly or through other calculations."""
        deps = {f.name: f.calculation.references for f, _ in self.fields
                if f.calculation and not f.trigger}  # a triggered one may read itself (n + 1)
        rows = {f.name: row for f, row in self.fields}
        state: dict[str, int] = {}

        def visit(name: str, trail: list[str]) -> None:
            if state.get(name) == 2 or name not in deps:
                return
            if state.get(name) == 1:
                loop = trail[trail.index(name):] + [name]
                self.problem("calculation_cycle", "计算循环引用: " + " → ".join(loop),
                             rows[name], "calculation")
                return
            state[name] = 1
            for d in sorted(deps[name]):
                visit(d, trail + [name])
            state[name] = 2

        for name in deps:
            visit(name, [])

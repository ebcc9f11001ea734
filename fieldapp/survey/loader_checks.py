"""Whole-form checks of the survey sheet, once every row is read: references in expressions and
texts (unknown or ambiguous names), functions, choice_filter columns, calculation cycles, and the
CSV files pulldata() and instance() read. A mixin of SurveyBuilder (loader_survey.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from fieldapp.core.messages import ErrorCode, Said, listing

from .choice_files import ChoiceFileError, read_table
from .expr_ast import INSTANCE_PATH, Call, ChoiceColumn, Str, walk
from .errors import said_of
from .expr_checks import check
from .expression import Expression
from .model import Choice, Field, Group, LastSaved
from .sheets import Row

if TYPE_CHECKING:
    from .loader import _Loader
    from .sheets import Sheet

_EXPRESSION_COLUMNS = ("relevant", "constraint", "calculation", "choice_filter", "required",
                       "read_only", "default")
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
    absent: dict[str, str]
    attached: set[str]
    places: dict[tuple[str, ...], str]
    unplaced: set[tuple[int, str]]
    placed: set[tuple[int, str, str]]

    def problem(self, said: Said, row: Row, column: str, code: str = "") -> None:
        raise NotImplementedError

    def check_all(self) -> None:
        self.placed: set[tuple[int, str, str]] = set()  # relative paths read as ${name}
        self.unplaced = self.check_relative_paths()
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
                    self.problem(Said(ErrorCode.FORM_TRIGGER_UNKNOWN, name=name), row, "trigger")
            if isinstance(f.default, Expression):
                self.report(self.check(f.default), row, "default")
            if isinstance(f.default, LastSaved) and f.default.name not in self.names:
                self.problem(Said(ErrorCode.FORM_UNKNOWN_DEFAULT, name=f.default.name), row,
                             "default")
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
                    self.problem(self.ambiguous(name), row, column)
                elif name not in self.names:
                    self.problem(Said(ErrorCode.FORM_TEXT_UNKNOWN_FIELD, name=name), row, column)

    def check(self, expr: Expression) -> list[tuple[str, Said]]:
        """An expression's problems, and references to a name several questions have."""
        problems = check(expr.tree, self.names)
        for name in sorted(expr.references & self.shared.keys()):
            said = self.ambiguous(name)
            problems.append((said.entry.code, said))
        return problems

    def ambiguous(self, name: str) -> Said:
        """${name} where several questions (in different groups) are called `name`."""
        return Said(ErrorCode.FORM_AMBIGUOUS_REFERENCE, name=name,
                    rows=listing(str(r.number) for r in self.shared[name]))

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
        if not instance and not path.exists():  # pulldata's or csv-external's: it can follow
            self.tables[name] = ()
            self.file_missing((name,), f"{name}{suffix}", row)
            return
        try:
            self.tables[name] = read_table(path)
            self.attached.add(path.name)
        except ChoiceFileError as exc:
            said = said_of(exc) if not instance or path.exists() else \
                Said(ErrorCode.EXPR_UNKNOWN_INSTANCE, name=name)
            code = "unknown_instance" if instance else \
                "bad_pulldata_file" if suffix == ".csv" and column != "type" else "bad_choice_file"
            self.problem(said, row, column, code)
            self.tables[name] = ()

    def file_missing(self, keys: tuple[str, ...], file: str, row: Row) -> None:
        """A choice list or table (by `keys`) whose file is not beside the form: noted, as ODK
        Central lists a form's missing attachments; its questions offer nothing and block
        completion."""
        for key in keys:
            self.absent[key] = file
        self.ld.warnings.append(Said(ErrorCode.FORM_NOTE_MISSING_FILE, sheet=self.sheet.name,
                                     row=row.number, file=file))

    def missing_files(self) -> dict[str, tuple[str, ...]]:
        """Question name -> the missing files it reads (its list, pulldata(), instance())."""
        out: dict[str, tuple[str, ...]] = {}
        if not self.absent:
            return out
        for f, _row in self.fields:
            files = {self.absent[f.list_name]} if f.list_name in self.absent else set()
            for column in _EXPRESSION_COLUMNS:
                expr = getattr(f, column)
                for node in walk(expr.tree) if isinstance(expr, Expression) else ():
                    if isinstance(node, Call) and node.name in ("pulldata", INSTANCE_PATH) and \
                            node.args and isinstance(node.args[0], Str) and \
                            node.args[0].value in self.absent:
                        files.add(self.absent[node.args[0].value])
            if files:
                out[f.name] = tuple(sorted(files))
        return out

    def check_choice_columns(self, f: Field, row: Row) -> None:
        """Bare names in a choice_filter should be columns of the choices sheet (else a warning)."""
        assert f.choice_filter is not None
        if not f.is_select:  # pyxform ignores it too
            self.ld.warnings.append(Said(ErrorCode.FORM_NOTE_FILTER_NOT_SELECT,
                                         sheet=self.sheet.name, row=row.number, name=f.name))
            return
        columns = {"name"}
        for c in self.choices.get(f.list_name, ()):
            columns.update(c.columns())
        missing = sorted({node.name for node in walk(f.choice_filter.tree)
                          if isinstance(node, ChoiceColumn) and node.name not in columns})
        for name in missing:  # ODK and pyxform only warn: the missing column reads as empty
            self.ld.warnings.append(Said(ErrorCode.FORM_NOTE_FILTER_COLUMN, sheet=self.sheet.name,
                                         row=row.number, column=name, list_name=f.list_name))

    def groups(self) -> list[Group]:
        out: list[Group] = []

        def walk(items: list[Field | Group] | tuple[Field | Group, ...]) -> None:
            for item in items:
                if isinstance(item, Group):
                    out.append(item)
                    walk(item.children)
        walk(self.root)
        return out

    def check_relative_paths(self) -> set[tuple[int, str]]:
        """Each relative path names a field at that place (else ODK Collect cannot open the form
        either: "Location … was not found"); the (row, column) of those that do not."""
        bad: set[tuple[int, str]] = set()
        for _sheet, row, header, source, paths in self.ld.relative:
            column = header.split("::")[0].strip().lower()
            missing = next((p for p in paths if p.names not in self.places), None)
            if missing is None:  # ${name} is the field at that place when it has the plain key
                self.placed.update((row.number, column, p.names[-1]) for p in paths
                                   if self.places[p.names] == p.names[-1])
                continue
            bad.add((row.number, column))
            shown = source if len(source) <= 120 else source[:120] + "…"
            if "inputs" in missing.names:  # CHT's, filled in by its app
                self.problem(Said(ErrorCode.FORM_CHT_PATH, source=shown), row, column,
                             "cht_only")
            else:
                self.problem(Said(ErrorCode.FORM_PATH_NOT_FOUND, path=missing.written,
                                  place="/".join(missing.names)), row, column,
                             "unsupported_path")
        return bad

    def report(self, problems: list[tuple[str, Said]], row: Row | None, column: str) -> None:
        if row is not None and (row.number, column) in self.unplaced:
            return  # said once: the path names no field
        for code, said in problems:
            if said.entry is ErrorCode.FORM_AMBIGUOUS_REFERENCE and row is not None and \
                    (row.number, column, said.params.get("name")) in self.placed:
                continue  # the path says which of the same-named fields
            if row is not None:
                self.problem(said, row, column, code)

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
                self.problem(Said(ErrorCode.FORM_CYCLE, loop=" → ".join(loop)), rows[name],
                             "calculation")
                return
            state[name] = 1
            for d in sorted(deps[name]):
                visit(d, trail + [name])
            state[name] = 2

        for name in deps:
            visit(name, [])

"""The survey sheet: rows to Fields and Groups (types, names, selects and their lists, defaults),
then the whole-form checks of loader_checks.py. Problems go to the loader with sheet/row/column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from fieldapp.core.messages import ErrorCode, Said

from .choice_files import ChoiceFileError, read_choice_file
from .coerce import coerce_answer
from .errors import AnswerError, ExpressionError, FormError, said_of
from .expr_checks import check
from .expression import Expression
from .model import (
    FIELD_TYPES, NAME_RE, SELECT_TYPES, Choice, Field, Group, LastSaved,
)
from .loader_checks import _REF_IN_TEXT, SurveyChecks
from .loader_controls import ControlAttributes
from .loops import expand_loops
from .search_appearance import search_call, search_choices, search_filter
from .sheets import Row, Sheet, split_column
from .survey_types import (
    EXTERNAL_DATA, FROM_FILE, LABEL_OPTIONAL, MEDIA_COLUMNS, NOT_ON_LAPTOP, parse_type,
)

_LAST_SAVED = re.compile(r"\$\{last-saved#([A-Za-z_][A-Za-z0-9_.\-]*)\}")
_CALL = re.compile(r"[A-Za-z_][A-Za-z0-9_:\-]*\s*\(")

if TYPE_CHECKING:
    from .loader import _Loader

MAX_DEPTH = 30  # groups and repeats inside each other


@dataclass
class _Open:
    name: str
    row: Row
    labels: dict[str, str]
    relevant: Expression | None
    appearance: str
    path: tuple[str, ...]
    is_repeat: bool = False
    repeat: str = ""  # its own name when a repeat, else the repeat it is in
    repeat_count: Expression | None = None
    hints: dict[str, str] = field(default_factory=dict)
    children: list[Field | Group] = field(default_factory=list)
    raw: str = ""  # its name as written (`name` is its key, unique in the form)


class SurveyBuilder(SurveyChecks, ControlAttributes):
    def __init__(self, loader: _Loader, sheet: Sheet, choices: dict[str, tuple[Choice, ...]]):
        self.ld = loader
        self.sheet = sheet
        self.choices = choices
        self.root: list[Field | Group] = []
        self.stack: list[_Open] = []
        self.names: dict[str, Row] = {}
        # names in each group (by its keys): as written, and by lower case (the first one)
        self.siblings: dict[tuple[str, ...], tuple[dict[str, Row], dict[str, str]]] = {}
        self.repeat_rows: dict[str, Row] = {}  # repeat names (unique in the whole form)
        self.shared: dict[str, list[Row]] = {}  # names several questions have: their rows
        self.fields: list[tuple[Field, Row]] = []
        self.tables: dict[str, tuple[dict[str, str], ...]] = {}  # pulldata's CSV files
        self.absent: dict[str, str] = {}  # list or table (and its stem) -> its missing file
        self.attached: set[str] = set()  # the files beside the form that were read
        self.places: dict[tuple[str, ...], str] = {}  # groups and name as written -> field

    def problem(self, said: Said, row: Row, column: str, code: str = "") -> None:
        header = next((h for h in row.cells if h.split("::")[0].strip().lower() == column),
                      column if column in self.sheet.letters else "")
        self.ld.problem(said, self.sheet, row, header or column, code)

    def build(self) -> tuple[Field | Group, ...]:
        for row in expand_loops(self.sheet.rows, self.choices, self.problem):
            self.ld.in_time(self.sheet, row)
            self.ld.context = (*self.raw_path(), self.ld.cell(self.sheet, row, "name")[1])
            self.row(row)
        self.ld.context = None
        for still_open in reversed(self.stack):
            end = "end_repeat" if still_open.is_repeat else "end_group"
            self.problem(Said(ErrorCode.FORM_UNCLOSED_GROUP, name=still_open.name, end=end),
                         still_open.row, "type")
        while self.stack:
            self.close()
        self.check_all()
        return tuple(self.root)

    def container(self) -> list[Field | Group]:
        return self.stack[-1].children if self.stack else self.root

    def path(self) -> tuple[str, ...]:
        """The keys of the open groups, outermost first."""
        return self.stack[-1].path + (self.stack[-1].name,) if self.stack else ()

    def raw_path(self) -> tuple[str, ...]:
        """The names of the open groups as written, outermost first."""
        return tuple(g.raw or g.name for g in self.stack)

    def repeat(self) -> str:
        """The innermost open repeat ("" outside every repeat)."""
        return self.stack[-1].repeat if self.stack else ""

    def close(self) -> None:
        g = self.stack.pop()
        group = Group(g.name, g.row.number, g.labels, g.relevant, g.appearance,
                      tuple(g.children), g.path, g.is_repeat, g.repeat, g.repeat_count, g.hints)
        self.container().append(group)

    def end(self, row: Row, kind: str) -> None:
        """end_group / end_repeat: closes the innermost open group of that kind."""
        want_repeat = kind == "end_repeat"
        if not self.stack:
            self.problem(Said(ErrorCode.FORM_UNMATCHED_END, kind=kind, begin=f"begin_{kind[4:]}"),
                         row, "type", f"unmatched_{kind}")
        elif self.stack[-1].is_repeat != want_repeat:
            opened = self.stack[-1]
            begin = "begin_repeat" if opened.is_repeat else "begin_group"
            self.problem(Said(ErrorCode.FORM_MISMATCHED_END, kind=kind, row=opened.row.number,
                              begin=begin, name=opened.name), row, "type", f"unmatched_{kind}")
            self.close()
        else:
            self.close()

    def begin(self, row: Row, kind: str) -> None:
        ld, sheet = self.ld, self.sheet
        name = self.claim_name(row, kind) or f"_row{row.number}"
        is_repeat = kind == "begin_repeat"
        if is_repeat and name == self.ld.root_name:
            self.problem(Said(ErrorCode.FORM_REPEAT_NAMED_ROOT, name=name), row, "name")
        if len(self.stack) >= MAX_DEPTH:
            self.problem(Said(ErrorCode.FORM_TOO_DEEP, depth=MAX_DEPTH, name=name), row, "type")
            raise FormError(self.ld.problems[-1:])  # the rows below cannot be placed
        count = ld.expression(sheet, row, "repeat_count") if is_repeat else None
        self.stack.append(_Open(
            name, row, ld.texts(sheet, row, "label"), ld.expression(sheet, row, "relevant"),
            ld.cell(sheet, row, "appearance")[1], self.path(), is_repeat,
            name if is_repeat else self.repeat(), count, ld.texts(sheet, row, "hint"),
            raw=self.ld.cell(sheet, row, "name")[1] or name))

    def claim_name(self, row: Row, kind: str = "") -> str | None:
        name = row.cells.get(next((h for h in row.cells if h.strip().lower() == "name"), ""), "")
        if not name and kind == "note":  # pyxform names a nameless note itself
            name = f"generated_note_name_{row.number}"
        if not name:
            self.problem(Said(ErrorCode.FORM_MISSING_NAME), row, "name")
            return None
        if not NAME_RE.fullmatch(name):
            self.problem(Said(ErrorCode.FORM_BAD_NAME, name=name), row, "name")
            return None
        if not self.unique_here(name, row, kind):
            return None
        if name in self.names:  # as pyxform: fine in another group; answers need a key
            return self.share(name, row)
        self.names[name] = row
        return name

    def unique_here(self, name: str, row: Row, kind: str) -> bool:
        """pyxform's rules: a name is unique within its nearest group or repeat (one differing
        only in case gets a note), and a repeat's name in the whole form."""
        if name == "meta":
            self.problem(Said(ErrorCode.FORM_NAME_META), row, "name")
            return False
        if kind == "begin_repeat" and name in self.repeat_rows:
            self.problem(Said(ErrorCode.FORM_DUPLICATE_REPEAT, name=name,
                              row=self.repeat_rows[name].number), row, "name")
            return False
        exact, lower = self.siblings.setdefault(self.path(), ({}, {}))
        if name in exact:
            path = "/".join(self.raw_path()) or ErrorCode.WORD_FORM_TOP
            self.problem(Said(ErrorCode.FORM_DUPLICATE_NAME, name=name, row=exact[name].number,
                              first=name, path=path), row, "name")
            return False
        first = lower.setdefault(name.lower(), name)
        if first != name:
            self.ld.warnings.append(Said(
                ErrorCode.FORM_NOTE_CASE_NAME, sheet=self.sheet.name, row=row.number, name=name,
                first=first, first_row=exact[first].number))
        exact[name] = row
        if kind == "begin_repeat":
            self.repeat_rows[name] = row
        return True

    def share(self, name: str, row: Row) -> str:
        """The answer key of a question or group whose name another one has: its group path and
        name joined by '-' (as ODK Central's CSV export names it), e.g. `member-name`."""
        key = "-".join((*self.raw_path(), name))
        if key in self.names:
            key = f"{key}-{row.number}"
        self.shared.setdefault(name, [self.names[name]]).append(row)
        self.names[key] = row
        self.ld.warnings.append(Said(
            ErrorCode.FORM_NOTE_SHARED_NAME, sheet=self.sheet.name, row=row.number, name=name,
            first_row=self.shared[name][0].number, key=key))
        return key

    def row(self, row: Row) -> None:
        ld, sheet = self.ld, self.sheet
        type_header = next((h for h in row.cells if h.strip().lower() == "type"), "")
        type_text = row.cells.get(type_header, "")
        if not type_text:
            if not self.ld.cell(sheet, row, "name")[1] and not ld.texts(sheet, row, "label"):
                return  # a comment row (pyxform skips rows with no type, name or label)
            self.problem(Said(ErrorCode.FORM_MISSING_TYPE), row, "type")
            return
        kind, arg = parse_type(type_text)
        if not self.lower_case_type(row, type_text, arg):
            return
        if self.not_a_question(row, kind):
            return
        if kind in FROM_FILE:
            arg = self.choice_file(row, kind, arg)
            if not arg:
                self.claim_name(row, kind)  # the name exists: references to it are not errors too
                return
            kind = FROM_FILE[kind]
        if kind == "select_one_external" and arg.split()[:1]:  # list on external_choices
            kind, arg = "select_one", f"external:{arg.split()[0]}"
            if arg[9:] in self.ld.external:
                self.choices[arg] = self.ld.external[arg[9:]]
        if kind in NOT_ON_LAPTOP:
            self.problem(Said(ErrorCode.FORM_NOT_ON_LAPTOP, kind=kind,
                              reason=ErrorCode[NOT_ON_LAPTOP[kind]]), row, "type")
            return
        if kind not in FIELD_TYPES:
            self.problem(Said(ErrorCode.FORM_UNKNOWN_TYPE, type=type_text), row, "type")
            return
        or_other = self.check_select(row, kind, arg, type_text) if kind in SELECT_TYPES else False
        name = self.claim_name(row, kind)
        if name is None:
            return
        labels = ld.texts(sheet, row, "label")
        hints = ld.texts(sheet, row, "hint")
        media = any(split_column(h)[0] in MEDIA_COLUMNS for h in row.cells)
        if kind not in LABEL_OPTIONAL and not labels and not hints and not media:
            self.problem(Said(ErrorCode.FORM_MISSING_LABEL, name=name), row, "label")
        calc = ld.expression(sheet, row, "calculation")
        if kind == "calculate" and calc is None and not ld.cell(sheet, row, "calculation")[1]:
            self.problem(Said(ErrorCode.FORM_MISSING_CALCULATION, name=name), row, "calculation")
        params = self.parameters(row, kind)
        capture, warning = self.accuracy(row, kind, params)
        f = Field(
            name=name, type=kind, row=row.number, labels=labels, hints=hints,
            list_name=arg.split()[0] if kind in SELECT_TYPES and arg else "",
            required=ld.flag(sheet, row, "required"),
            required_message=ld.texts(sheet, row, "required_message"),
            relevant=ld.expression(sheet, row, "relevant"),
            constraint=ld.expression(sheet, row, "constraint"),
            constraint_message=ld.texts(sheet, row, "constraint_message"),
            calculation=calc,
            default=self.default(row, kind, arg),
            read_only=ld.flag(sheet, row, "read_only"),
            appearance=ld.cell(sheet, row, "appearance")[1],
            choice_filter=ld.expression(sheet, row, "choice_filter", choice_columns=True),
            parameters=params,
            groups=self.path(),
            repeat=self.repeat(),
            trigger=self.trigger(row),
            accept=self.accept(row, kind),
            capture_accuracy=capture,
            warning_accuracy=warning,
        )
        f = self.search_list(f, row)
        self.fields.append((f, row))
        self.places[(*self.raw_path(), self.ld.cell(self.sheet, row, "name")[1])] = f.name
        self.container().append(f)
        if or_other:
            self.add_other(f, row)

    def search_list(self, f: Field, row: Row) -> Field:
        """A select whose appearance is search('file', ...): its choices from file.csv beside the
        form (named and labelled by the placeholder row of its list), its filter as a
        choice_filter; the field unchanged without search()."""
        try:
            call = search_call(f.appearance) if f.is_select else None
        except ExpressionError as exc:
            self.problem(said_of(exc), row, "appearance", exc.code)
            return f
        placeholder = self.choices.get(f.list_name, ())
        if call is None or not placeholder:
            return f
        key = f"search:{call.args[0].value}:{f.list_name}"
        file = f"{call.args[0].value}.csv"
        try:
            self.choices.setdefault(key, search_choices(self.ld.folder, call, placeholder[0]))
            self.attached.add(file)
        except ChoiceFileError as exc:
            if exc.entry is not ErrorCode.CHOICE_FILE_MISSING:
                self.problem(said_of(exc), row, "appearance", "bad_choice_file")
                return f
            self.choices[key] = ()  # as a missing choice file: loads, the CSV can follow
            self.file_missing((key,), file, row)
        return replace(f, list_name=key, choice_filter=search_filter(call) or f.choice_filter)

    def lower_case_type(self, row: Row, type_text: str, arg: str) -> bool:
        """pyxform reads a type as written: "Text" or "Select one from x" is no type."""
        words = type_text.split()
        head = " ".join(words[:len(words) - len(arg.split())])
        if head == head.lower() or "dateTime" in head:
            return True
        self.problem(Said(ErrorCode.FORM_TYPE_NOT_LOWER, lower=head.lower(), type=type_text), row,
                     "type")
        return False

    def trigger(self, row: Row) -> tuple[str, ...]:
        """The answers named in the trigger column (${a}, or several: ${a} ${b})."""
        _, text = self.ld.cell(self.sheet, row, "trigger")
        names = tuple(_REF_IN_TEXT.findall(text))
        if text and not names:
            self.problem(Said(ErrorCode.FORM_TRIGGER_SYNTAX, text=text), row, "trigger")
        return names

    def check_select(self, row: Row, kind: str, arg: str, type_text: str) -> bool:
        """The list of a select exists; True when it ends in `or_other` (pyxform's "Other")."""
        words = arg.split()
        if not words:
            self.problem(Said(ErrorCode.FORM_MISSING_LIST, kind=kind), row, "type")
        elif words[0] not in self.choices:
            self.problem(Said(ErrorCode.FORM_UNKNOWN_LIST, list_name=words[0]), row, "type")
        elif [w.lower() for w in words[1:]] in (["or_other"], ["or", "specify", "other"]):
            return True
        elif len(words) > 1:
            self.problem(Said(ErrorCode.FORM_OR_OTHER, type=type_text), row, "type")
        return False

    def add_other(self, f: Field, row: Row) -> None:
        """As pyxform: the list gains the choice `other` ("Other") and the question is followed
        by a text question `<name>_other` ("Specify other."), shown when `other` is picked."""
        items = self.choices[f.list_name]
        languages = list(items[0].labels) if items else ["default"]
        if not any(c.name == "other" for c in items):
            self.choices[f.list_name] = (*items, Choice("other", dict.fromkeys(languages, "Other")))
        name = f"{f.name}_other"
        other_row = Row(row.number, {"name": name})
        name = self.claim_name(other_row, "text")
        if name is None:
            return
        other = Field(name=name, type="text", row=row.number,
                      labels=dict.fromkeys(f.labels or {"default": ""}, "Specify other."),
                      relevant=Expression.parse(f"selected(${{{f.name}}}, 'other')"),
                      groups=f.groups, repeat=f.repeat)
        self.fields.append((other, row))
        self.container().append(other)

    def choice_file(self, row: Row, kind: str, arg: str) -> str:
        """select_one_from_file x.csv: the list in x.csv beside the form becomes the choice list
        named "x.csv"; returns that name ("" after a problem)."""
        if not arg or len(arg.split()) > 1 or "/" in arg or "\\" in arg:
            self.problem(Said(ErrorCode.FORM_MISSING_LIST_FILE, kind=kind), row, "type")
            return ""
        stem = arg.rpartition(".")[0]
        other = stem if stem in self.choices else next(
            (n for n in self.choices if n != arg and n.rpartition(".")[0] == stem
             and n.lower().endswith((".csv", ".xml", ".geojson"))), "")
        if other:  # as pyxform: both would be instance('stem')
            self.problem(Said(ErrorCode.FORM_INSTANCE_CLASH, file=arg, name=stem,
                              other=other), row, "type")
            return ""
        if arg not in self.choices:
            params = self.parameters(row, FROM_FILE[kind])
            geo = arg.lower().endswith(".geojson")  # as pyxform: id and title by default
            try:
                self.choices[arg] = read_choice_file(
                    self.ld.folder / arg, params.get("value", "id" if geo else "name"),
                    params.get("label", "title" if geo else "label"))
                self.attached.add(arg)
            except ChoiceFileError as exc:
                if exc.entry is not ErrorCode.CHOICE_FILE_MISSING:
                    self.problem(said_of(exc), row, "type", "bad_choice_file")
                    return ""
                self.choices[arg] = ()  # as ODK Central: loads, the attachment can follow
                self.file_missing((arg, arg.rpartition(".")[0]), arg, row)
        return arg

    def parameters(self, row: Row, kind: str) -> dict[str, str]:
        """'max-pixels=1600 foo=bar' -> {'max-pixels': '1600', 'foo': 'bar'}."""
        _, text = self.ld.cell(self.sheet, row, "parameters")
        out: dict[str, str] = {}
        for part in text.replace(";", " ").replace(",", " ").split():
            key, sep, value = part.partition("=")
            if not sep or not key or not value:
                self.problem(Said(ErrorCode.FORM_BAD_PARAMETER, part=part), row, "parameters")
                continue
            out[key.strip().lower()] = value.strip()
        if kind == "image" and "max-pixels" in out and not out["max-pixels"].isdigit():
            self.problem(Said(ErrorCode.FORM_BAD_MAX_PIXELS, value=out["max-pixels"]), row,
                         "parameters")
        return out

    def default(self, row: Row, kind: str, arg: str) -> Any:
        _, text = self.ld.cell(self.sheet, row, "default")
        if not text:
            return None
        last = _LAST_SAVED.fullmatch(text.strip())
        if last:
            return LastSaved(last.group(1))
        dynamic = self.dynamic_default(text)
        if dynamic is not None:
            return dynamic
        names = [c.name for c in self.choices.get(arg.split()[0] if arg else "", ())]
        try:
            return coerce_answer(kind, text, names)
        except AnswerError as exc:
            if exc.entry is ErrorCode.ANSWER_NOT_A_CHOICE:  # ODK Collect opens it, none selected
                self.ld.warnings.append(Said(ErrorCode.FORM_NOTE_DEFAULT_NOT_CHOICE,
                                             sheet=self.sheet.name, row=row.number, value=text,
                                             list_name=arg.split()[0]))
                return None
            self.problem(Said(ErrorCode.FORM_BAD_DEFAULT, kind=kind, problem=said_of(exc)), row,
                         "default")
            return None

    @staticmethod
    def dynamic_default(text: str) -> Expression | None:
        """A default that is an expression of known functions or other answers (today(),
        ${village}), computed when the visit starts, as ODK does; None for a plain value."""
        if "${" not in text and not _CALL.search(text):
            return None
        try:
            expr = Expression.parse(text)
        except ExpressionError:
            return None
        return expr if not check(expr.tree) else None

    def not_a_question(self, row: Row, kind: str) -> bool:
        """Groups, repeats and external data: handled here (True), no question of their own."""
        if kind in ("end_group", "end_repeat", "begin_group", "begin_repeat"):
            (self.end if kind.startswith("end") else self.begin)(row, kind)
        elif kind in EXTERNAL_DATA:
            self.external_data(row, EXTERNAL_DATA[kind])
        else:
            return False
        return True

    def external_data(self, row: Row, suffix: str) -> None:
        """csv-external / xml-external NAME: the data instance('NAME') reads, from NAME.csv or
        NAME.xml beside the form (no question)."""
        name = self.claim_name(row, "calculate")
        if name is not None:  # instance('NAME') as written, also when a question is NAME too
            self.read_table(self.ld.cell(self.sheet, row, "name")[1] or name, row, "type",
                            suffix=suffix)

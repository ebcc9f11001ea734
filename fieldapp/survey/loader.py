"""Load an XLSForm workbook (sheets survey / choices / settings) into a typed `Form`.

Every problem is collected with its sheet, row and column, and all are raised together as one
`FormError`, so `fieldapp form check` can list them at once.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from fieldapp.core.messages import ErrorCode, Said

from .errors import ExpressionError, FormError, Problem, said_of
from .expr_parse import curly_quoted
from .expression import Expression
from .model import MULTI_TYPES, NAME_RE, Choice, Field, Form, Group
from .relative_paths import RelativePath, absolute_paths
from .sheets import HEADER_ALIASES, Row, Sheet, language_code, read_workbook, split_column

__all__ = ["HEADER_ALIASES", "default_form_id", "language_code", "load_form", "split_column"]

_TRUE = {"yes", "true", "true()", "1", "y"}
_FALSE = {"", "no", "false", "false()", "0", "n"}
_TEXT_COLUMNS = ("label", "hint", "required_message", "constraint_message")
_EXPR_COLUMNS = ("relevant", "constraint", "calculation", "choice_filter")
_KNOWN = set(_TEXT_COLUMNS) | set(_EXPR_COLUMNS) | {
    "type", "name", "required", "default", "read_only", "appearance", "parameters",
    "repeat_count", "trigger"}
# A form that takes more than this much CPU time to check is refused (no workbook a county writes
# comes near: the shipped checklists take well under a second) rather than freezing the window.
# CPU time of the checking thread, not the wall clock: a laptop busy with other work must not
# refuse a form it would load when idle.
LOAD_SECONDS = 5.0
_IGNORED = {"guidance_hint", "media", "image", "audio", "video",
            "note", "bind", "instance", "body", "jr:constraint_msg", "jr:requiredmsg"}


def default_form_id(file_name: str) -> str:
    """pyxform's default form id, the file name without extension, made a valid XML name."""
    stem = Path(file_name).stem
    ident = re.sub(r"[^A-Za-z0-9_.\-]", "_", stem)
    return ident if ident[:1].isalpha() or ident[:1] == "_" else f"_{ident}"


_CHT_INPUTS = re.compile(r"(^|/)inputs(/|$)")


def _cht_path(source: str, row: Row) -> bool:
    """A path into CHT's `inputs` group (../inputs/contact/_id), or one on that group's own row
    (CHT's `./source = 'user'`)."""
    name = next((v for h, v in row.cells.items() if h.strip().lower() == "name"), "")
    return bool(_CHT_INPUTS.search(source.replace(" ", ""))) or name == "inputs"


class _Loader:
    def __init__(self, path: Path):
        self.file = path.name
        self.folder = path.parent  # where select_one_from_file finds its list
        self.problems: list[Problem] = []
        self.warnings: list[Said] = []
        self.languages: list[str] = []
        self.deadline = time.thread_time() + LOAD_SECONDS
        self.allow_duplicates = False  # settings allow_choice_duplicates: yes
        self.root_name = "data"  # settings name: the instance's root element
        self.external: dict[str, tuple[Choice, ...]] = {}  # external_choices sheet
        self.tables: dict[str, tuple[dict[str, str], ...]] = {}  # pulldata's CSV files
        self.spaced: dict[str, list[tuple[Sheet, Row, str, str]]] = {}  # choice names with " "
        self.missing: dict[str, tuple[str, ...]] = {}  # question -> files not beside the form
        self.attachments: tuple[str, ...] = ()  # the files beside the form it read
        self.context: tuple[str, ...] | None = None  # the survey row's node: groups, name
        # expressions whose relative paths were read against their row: checked once all is read
        self.relative: list[tuple[Sheet, Row, str, str, tuple[RelativePath, ...]]] = []

    def in_time(self, sheet: Sheet | None = None, row: Row | None = None) -> None:
        """Refuse the form, naming the row reached, once checking it takes too long."""
        if time.thread_time() > self.deadline:
            self.problem(Said(ErrorCode.FORM_TOO_SLOW, seconds=f"{LOAD_SECONDS:g}"), sheet, row)
            raise FormError(self.problems[-1:])

    def problem(self, said: Said, sheet: Sheet | None = None, row: Row | None = None,
                column: str = "", code: str = "") -> None:
        """A problem at a place; its code is the catalogue entry's unless given."""
        letter = sheet.letters.get(column, "") if sheet and column else ""
        self.problems.append(Problem.of(
            said, code, file=self.file, sheet=sheet.name if sheet else "",
            row=row.number if row else None, column=column, column_letter=letter))

    # ----- cells -------------------------------------------------------------------------
    def texts(self, sheet: Sheet, row: Row, base: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for header, value in row.cells.items():
            col, lang = split_column(header)
            if col == base:
                key = lang or "default"
                out[key] = value
                if key not in self.languages:
                    self.languages.append(key)
        return out

    def cell(self, sheet: Sheet, row: Row, base: str) -> tuple[str, str]:
        """(header, text) of a language-less column; ('', '') when absent."""
        for header, value in row.cells.items():
            col, lang = split_column(header)
            if col == base and lang is None:
                return header, value
        return "", ""

    def expression(self, sheet: Sheet, row: Row, base: str, *,
                   choice_columns: bool = False) -> Expression | None:
        header, source = self.cell(sheet, row, base)
        if not source:
            return None
        try:
            parsed = Expression.parse(source, allow_choice_columns=choice_columns)
        except ExpressionError as exc:
            relative = self.relative_expression(source, exc, choice_columns)
            if relative is not None:
                self.relative.append((sheet, row, header, source, relative[1]))
                return relative[0]
            shown = source if len(source) <= 120 else source[:120] + "…"
            if exc.code == "unsupported_path" and _cht_path(source, row):
                self.problem(Said(ErrorCode.FORM_CHT_PATH, source=shown), sheet, row, header,
                             "cht_only")
                return None
            self.problem(Said(ErrorCode.FORM_EXPRESSION_AT, problem=said_of(exc),
                              position=exc.pos + 1, source=shown), sheet, row, header, exc.code)
            return None
        if curly_quoted(source):
            self.warnings.append(Said(ErrorCode.FORM_NOTE_CURLY_QUOTES, sheet=sheet.name,
                                      row=row.number, column=header))
        return parsed

    def relative_expression(self, source: str, exc: ExpressionError, choice_columns: bool
                            ) -> tuple[Expression, tuple[RelativePath, ...]] | None:
        """The expression with its XPath relative paths read against the row's node (see
        relative_paths.py); None when that does not make it an expression."""
        if exc.code != "unsupported_path" or self.context is None or choice_columns:
            return None
        found = absolute_paths(source, self.context)
        if found is None:
            return None
        try:
            return Expression.parse(found[0]), found[1]
        except ExpressionError:
            return None

    def flag(self, sheet: Sheet, row: Row, base: str) -> Expression | bool:
        """required / read_only: yes/no, or an expression."""
        _, text = self.cell(sheet, row, base)
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        return self.expression(sheet, row, base) or False

    # ----- sheets ------------------------------------------------------------------------
    def load(self, sheets: dict[str, Sheet]) -> Form:
        survey = sheets.get("survey")
        lone = next(iter(sheets.values())) if len(sheets) == 1 else None
        if survey is None and lone is not None and \
                "type" in {split_column(h)[0] for h in lone.headers if h}:
            survey = lone  # as pyxform: a lone sheet with a type column is the survey
        if survey is None:
            self.problem(Said(ErrorCode.FORM_NO_SURVEY))
            raise FormError(self.problems)
        settings = self.load_settings(sheets.get("settings"))
        self.allow_duplicates = settings.get("allow_choice_duplicates", "").lower() in _TRUE
        self.root_name = settings.get("name") or "data"
        choices = self.load_choices(sheets.get("choices"))
        for name, items in self.load_choices(sheets.get("external_choices")).items():
            self.external.setdefault(name, items)
        self.check_headers(survey)
        for sheet in sheets.values():
            if sheet.ignored_from is not None:
                self.warnings.append(Said(ErrorCode.FORM_NOTE_EMPTY_ROWS, sheet=sheet.name,
                                          row=sheet.ignored_from))
        children = self.load_survey(survey, choices)
        self.check_spaced_choices(children)
        if self.problems:
            order = {"survey": 0, "choices": 1, "settings": 2}
            self.problems.sort(key=lambda p: (order.get(p.sheet.lower(), 3), p.row or 0))
            raise FormError(self.problems)
        default_lang = language_code(settings.get("default_language", "")) \
            if settings.get("default_language") else (self.languages[0] if self.languages
                                                      else "default")
        return Form(
            form_id=settings.get("form_id", ""), version=settings.get("version", ""),
            title=settings.get("form_title", "") or settings.get("form_id", ""),
            default_language=default_lang, languages=tuple(self.languages), children=children,
            choices=choices, source=self.file, warnings=tuple(self.warnings),
            tables=self.tables, missing_files=self.missing,
            attachments=self.attachments)

    def check_headers(self, survey: Sheet) -> None:
        if "type" not in {split_column(h)[0] for h in survey.headers if h}:
            self.problem(Said(ErrorCode.FORM_NO_TYPE_COLUMN), survey)
        if "name" not in {split_column(h)[0] for h in survey.headers if h}:
            self.problem(Said(ErrorCode.FORM_NO_NAME_COLUMN), survey)
        for h in survey.headers:
            base, _ = split_column(h) if h else ("", None)
            if h and base not in _KNOWN and base not in _IGNORED:
                self.warnings.append(Said(ErrorCode.FORM_NOTE_UNKNOWN_COLUMN, column=h))

    def load_settings(self, sheet: Sheet | None) -> dict[str, str]:
        """The settings row; as pyxform, the sheet is optional: form_id defaults to the file
        name, form_title to form_id, and version may be empty."""
        values = {split_column(k)[0]: v for k, v in sheet.rows[0].cells.items()} \
            if sheet is not None and sheet.rows else {}
        if not values.get("form_id"):
            values["form_id"] = default_form_id(self.file)
            return values
        assert sheet is not None
        if not NAME_RE.fullmatch(values["form_id"]):  # pyxform and ODK take it; say so
            self.warnings.append(Said(ErrorCode.FORM_NOTE_FORM_ID, form_id=values["form_id"]))
        return values

    def load_choices(self, sheet: Sheet | None) -> dict[str, tuple[Choice, ...]]:
        lists: dict[str, list[Choice]] = {}
        if sheet is None:
            return {}
        external = sheet.name.lower() == "external_choices"
        for row in sheet.rows:
            _, list_name = self.cell(sheet, row, "list_name")
            nh, name = self.cell(sheet, row, "name")
            if not list_name and not name:  # a stray label or note: pyxform skips it too
                self.warnings.append(Said(ErrorCode.FORM_NOTE_STRAY_CHOICE_ROW, sheet=sheet.name,
                                          row=row.number))
                continue
            if not list_name:
                self.problem(Said(ErrorCode.FORM_MISSING_LIST_NAME), sheet, row, "list_name")
                continue
            if not name:
                self.problem(Said(ErrorCode.FORM_MISSING_CHOICE_NAME), sheet, row, "name")
                continue
            if " " in name:  # fine for select_one; check_spaced_choices refuses the others
                self.spaced.setdefault(list_name, []).append((sheet, row, nh, name))
            if not self.allow_duplicates and not external and \
                    any(c.name == name for c in lists.get(list_name, [])):
                self.problem(Said(ErrorCode.FORM_DUPLICATE_CHOICE, list_name=list_name, name=name),
                             sheet, row, nh)
                continue
            labels = self.texts(sheet, row, "label")
            extra = {h: v for h, v in row.cells.items()
                     if split_column(h)[0] not in ("list_name", "name", "label")}
            lists.setdefault(list_name, []).append(Choice(name, labels, extra))
        return {k: tuple(v) for k, v in lists.items()}

    def check_spaced_choices(self, children: tuple[Field | Group, ...]) -> None:
        """A choice name with a space works in select_one (as in ODK), not in select_multiple,
        whose answer lists the chosen names separated by spaces."""
        multiple = {f.list_name: f.name for f in _fields(children) if f.type in MULTI_TYPES}
        for list_name, spaced in self.spaced.items():
            for sheet, row, header, name in spaced:
                if list_name in multiple:
                    self.problem(Said(ErrorCode.FORM_SPACED_CHOICE_MULTIPLE, name=name,
                                      question=multiple[list_name]), sheet, row, header)
                else:
                    self.warnings.append(Said(ErrorCode.FORM_NOTE_SPACED_CHOICE, sheet=sheet.name,
                                              row=row.number, name=name))

    def load_survey(self, sheet: Sheet, choices: dict[str, tuple[Choice, ...]]
                    ) -> tuple[Field | Group, ...]:
        from .loader_survey import SurveyBuilder

        builder = SurveyBuilder(self, sheet, choices)
        children = builder.build()
        self.tables = builder.tables
        self.missing = builder.missing_files()
        self.attachments = tuple(sorted(builder.attached))
        return children


def _fields(items: tuple[Field | Group, ...]) -> list[Field]:
    out: list[Field] = []
    todo = list(items)
    while todo:
        item = todo.pop()
        if isinstance(item, Group):
            todo.extend(item.children)
        else:
            out.append(item)
    return out


def load_form(path: str | Path) -> Form:
    """Load and check an XLSForm workbook; raises FormError listing every problem."""
    p = Path(path)
    sheets = read_workbook(p)  # bounded by size (docs/limits.md); the time bound is for checking
    loader = _Loader(p)
    try:
        return loader.load(sheets)
    except RecursionError:  # a last guard: nesting is capped, so no known form gets here
        raise FormError([Problem.of(Said(ErrorCode.FORM_TOO_COMPLEX), file=p.name)]) from None


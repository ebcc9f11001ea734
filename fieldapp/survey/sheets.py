"""Reading an XLSForm workbook into plain rows: each sheet's header and its non-empty rows, each
cell as text, with the spreadsheet row number and column letter kept for error messages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from fieldapp.core.zipguard import MAX_ROWS, InputTooLarge, check_zip

from .errors import FormError, Problem, said_of
from fieldapp.core.messages import ErrorCode, Said


@dataclass
class Row:
    number: int  # 1-based spreadsheet row
    cells: dict[str, str]  # header -> text


@dataclass
class Sheet:
    name: str
    headers: list[str]
    rows: list[Row] = field(default_factory=list)
    letters: dict[str, str] = field(default_factory=dict)  # header -> column letter
    visited: int = 0  # rows read from the file, the header included (only rows with data)
    ignored_from: int | None = None  # rows from here on were not read (after a run of empties)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def language_code(name: str) -> str:
    """'中文 (zh)' -> 'zh'; 'English' -> 'English'; '' -> 'default'."""
    m = re.search(r"\(([^()]+)\)\s*$", name)
    return m.group(1).strip() if m else (name.strip() or "default")


# Header spellings pyxform accepts (pyxform/aliases.py), as the name fieldapp uses.
HEADER_ALIASES = {
    "list name": "list_name", "caption": "label", "relevance": "relevant",
    "calculate": "calculation", "readonly": "read_only", "read only": "read_only",
    "constraining_message": "constraint_message", "constraint message": "constraint_message",
    "requiredmsg": "required_message", "required message": "required_message",
    "jr:constraint_msg": "constraint_message", "jr:constraintmsg": "constraint_message",
    "jr:requiredmsg": "required_message", "set_form_id": "form_id",
    "set_form_title": "form_title", "count": "repeat_count", "jr:count": "repeat_count",
    "choice filter": "choice_filter", "default language": "default_language",
    "constraint-msg": "constraint_message", "required-msg": "required_message",
    "disabled": "read_only",
}


def _tokens(header: str) -> list[str]:
    """pyxform's header split: on "::", else (older forms) on ":" keeping "jr:x" together."""
    if "::" in header:
        return [t.strip() for t in header.split("::")]
    tokens = [t.strip() for t in header.split(":")]
    while "jr" in tokens[:-1]:
        i = tokens.index("jr")
        tokens[i:i + 2] = [f"jr:{tokens[i + 1]}"]
    return tokens


def split_column(header: str) -> tuple[str, str | None]:
    """'label::中文 (zh)' -> ('label', 'zh'); 'relevant' -> ('relevant', None); pyxform's
    aliases ('list name', 'caption', 'relevance', ...) -> the names used here; older spellings
    'label:English' and 'bind:relevant' / 'bind::jr:constraintMsg' as pyxform reads them."""
    whole = header.strip().lower()
    if whole in HEADER_ALIASES:  # "jr:count", "jr:constraint_msg": one name with a colon
        return HEADER_ALIASES[whole], None
    tokens = _tokens(header)
    if len(tokens) > 1 and tokens[0].strip().lower() == "bind":
        tokens = tokens[1:]
    base = tokens[0].lower()
    base = HEADER_ALIASES.get(base, base)
    return base, (language_code(tokens[1]) if len(tokens) > 1 and tokens[1] else None)


FORM_SUFFIXES = (".xlsx", ".xlsm", ".xls")
MAX_EMPTY_RUN = 60  # pyxform stops reading a sheet after this many empty rows in a row


def read_workbook(path: str | Path) -> dict[str, Sheet]:
    """All sheets of an .xlsx/.xlsm/.xls workbook by lower-case name. Only rows that hold data are
    visited (python-calamine reads the cells the file stores, not the dimension a sheet declares:
    Excel declares A1:Z1048576 once a whole column is formatted). Raises FormError for unreadable
    files."""
    from python_calamine import CalamineWorkbook

    p = Path(path)
    name = p.name

    def fail(entry: ErrorCode, **params) -> FormError:
        return FormError.of(entry, file=name, **params)

    if not p.exists():
        raise fail(ErrorCode.FORM_MISSING)
    if p.is_dir():
        raise fail(ErrorCode.FORM_IS_FOLDER)
    if p.suffix.lower() not in FORM_SUFFIXES:
        raise fail(ErrorCode.FORM_NOT_XLSX)
    try:  # sizes and zip bombs (docs/limits.md); the declared dimension is not read at all
        zf = check_zip(p, where=name)
        if zf is not None:
            zf.close()
    except InputTooLarge as exc:
        raise FormError([Problem.of(said_of(exc), exc.code, file=name)]) from None
    try:
        wb = CalamineWorkbook.from_path(str(p))
        return {ws_name.strip().lower(): _read_sheet(wb.get_sheet_by_name(ws_name))
                for ws_name in wb.sheet_names}
    except FormError as exc:  # a sheet's problem: the file named too
        raise FormError([replace(pr, file=pr.file or name) for pr in exc.problems]) from None
    except Exception as exc:  # noqa: BLE001 - calamine has its own error type per defect
        raise fail(ErrorCode.FORM_UNREADABLE, reason=str(exc)[:200]) from None


def _read_sheet(ws: Any) -> Sheet:
    """One sheet: the first row is the header; rows count from 1 as Excel shows them."""
    from openpyxl.utils import get_column_letter

    if ws.height > MAX_ROWS:
        raise FormError([Problem.of(Said(ErrorCode.FORM_TOO_MANY_ROWS, sheet=ws.name,
                                         rows=ws.height, limit=MAX_ROWS), sheet=ws.name)])
    first_col = ws.start[1] if ws.start else 0  # calamine drops empty leading columns
    rows = ws.iter_rows()
    headers = [cell_text(h) for h in next(rows, None) or ()]
    sheet = Sheet(ws.name, headers, visited=1)
    for i, h in enumerate(headers):
        if h and h in sheet.letters:  # pyxform refuses the workbook too
            entry = ErrorCode.FORM_DUPLICATE_HEADER
            params = {"sheet": ws.name, "header": h, "first": sheet.letters[h],
                      "second": get_column_letter(first_col + i + 1)}
            raise FormError([Problem(entry.code, entry.text("zh", **params), sheet=ws.name,
                                     row=1, column=h, column_letter=params["second"])])
        if h:
            sheet.letters[h] = get_column_letter(first_col + i + 1)
    named = [(i, h) for i, h in enumerate(headers) if h]  # columns without a header: ignored
    empty_run = 0
    for number, values in enumerate(rows, start=2):
        sheet.visited += 1
        cells: dict[str, str] = {}
        for i, h in named if any(values) else ():  # "" is an empty cell: skipped at C speed
            text = cell_text(values[i]) if i < len(values) else ""
            if text:
                cells.setdefault(h, text)
        if cells:
            sheet.rows.append(Row(number, cells))
            empty_run = 0
            continue
        empty_run += 1
        if empty_run > MAX_EMPTY_RUN:  # as pyxform: the data has ended
            sheet.ignored_from = number + 1 if number < ws.height else None
            break
    return sheet

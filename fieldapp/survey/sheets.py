"""Reading an XLSForm workbook into plain rows: each sheet's header and its non-empty rows, each
cell as text, with the spreadsheet row number and column letter kept for error messages."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from fieldapp.core.zipguard import InputTooLarge, check_xlsx

from .errors import FormError, Problem
from fieldapp.core.messages import ErrorCode


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
}


def split_column(header: str) -> tuple[str, str | None]:
    """'label::中文 (zh)' -> ('label', 'zh'); 'relevant' -> ('relevant', None); pyxform's
    aliases ('list name', 'caption', 'relevance', ...) -> the names used here."""
    base, sep, lang = header.partition("::")
    base = base.strip().lower()
    base = HEADER_ALIASES.get(base, base)
    return base, (language_code(lang) if sep else None)


def read_workbook(path: str | Path) -> dict[str, Sheet]:
    """All sheets of an .xlsx workbook by lower-case name. Raises FormError for unreadable files."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import InvalidFileException

    p = Path(path)
    name = p.name

    def fail(entry: ErrorCode, **params) -> FormError:
        return FormError.of(entry, file=name, **params)

    if not p.exists():
        raise fail(ErrorCode.FORM_MISSING)
    if p.is_dir():
        raise fail(ErrorCode.FORM_IS_FOLDER)
    if p.suffix.lower() not in (".xlsx", ".xlsm"):
        raise fail(ErrorCode.FORM_NOT_XLSX)
    try:
        check_xlsx(p, where=name)  # sizes, zip bombs, declared dimension: docs/limits.md
    except InputTooLarge as exc:
        raise FormError([Problem(exc.code, exc.message, file=name)]) from None
    try:
        wb = load_workbook(p, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise fail(ErrorCode.FORM_UNREADABLE, reason=exc) from None
    sheets: dict[str, Sheet] = {}
    try:
        for ws in wb.worksheets:
            rows = ws.iter_rows(values_only=True)
            header_cells = next(rows, None) or ()
            headers = [cell_text(h) for h in header_cells]
            sheet = Sheet(ws.title, headers)
            for i, h in enumerate(headers):
                if h:
                    sheet.letters.setdefault(h, get_column_letter(i + 1))
            for number, values in enumerate(rows, start=2):
                cells = {}
                for h, v in zip(headers, values):
                    text = cell_text(v)
                    if h and text:
                        cells.setdefault(h, text)
                if cells:
                    sheet.rows.append(Row(number, cells))
            sheets[ws.title.strip().lower()] = sheet
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise fail(ErrorCode.FORM_DAMAGED, reason=exc) from None
    finally:
        wb.close()
    return sheets

"""Read a worksheet or a CSV file into a grid of cells whose index + 1 is the row number the user
sees in Excel (for a CSV file: the record number, as Excel shows it).

.xlsx and .xls go through python-calamine; merged cells are filled with their top-left value so a
村民小组 merged down over its households reaches every row. CSV files may be UTF-8 (with or without
BOM), UTF-16 (with BOM), GB18030/GBK or Big5 (see `core.text_encoding`). Every input is bounded (file
size, zip sizes and declared dimension of a workbook, rows, columns, characters in a cell):
docs/limits.md.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldapp.core.errors import FieldappError
from fieldapp.core.messages import ErrorCode
from fieldapp.core.register_rows import column_letter
from fieldapp.core.text_encoding import read_text_file
from fieldapp.core.zipguard import MAX_CELL, MAX_COLS, MAX_ROWS, MIB, InputTooLarge, check_xlsx

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUFFIXES = EXCEL_SUFFIXES + (".csv", ".txt")
MAX_CSV_BYTES = 32 * MIB


class TabularError(FieldappError):
    code = "tabular"


@dataclass
class Table:
    """One sheet: `rows[i]` is file row i + 1; cells are str, float, int, bool, date or ''."""

    path: str
    sheet: str
    rows: list[list[Any]]
    sheets: list[str] = field(default_factory=list)
    encoding: str = ""

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def sheet_names(path: str | os.PathLike) -> list[str]:
    p = _check(path)
    if p.suffix.lower() not in EXCEL_SUFFIXES:
        return [p.stem]
    return list(_workbook(p).sheet_names)


def read_table(path: str | os.PathLike, sheet: str | int | None = None) -> Table:
    """Read one sheet (default: the first one that has data) or a CSV file."""
    p = _check(path)
    if p.suffix.lower() in EXCEL_SUFFIXES:
        return _read_excel(p, sheet)
    return _read_csv(p)


def _check(path: str | os.PathLike) -> Path:
    p = Path(path)
    if not p.exists():
        raise TabularError(ErrorCode.FILE_MISSING, code="not_found", where=str(p))
    if p.is_dir():
        raise TabularError(ErrorCode.TABLE_IS_FOLDER, where=str(p))
    if p.suffix.lower() not in SUFFIXES:
        raise TabularError(ErrorCode.TABLE_TYPE, code="type", where=str(p))
    return p


def _workbook(p: Path):
    from python_calamine import CalamineWorkbook

    try:
        check_xlsx(p)  # before calamine: sizes, zip bombs, declared dimension
    except InputTooLarge as exc:
        raise TabularError(exc.entry, where=str(p), **exc.params) from None
    try:
        return CalamineWorkbook.from_path(str(p))
    except Exception as exc:  # noqa: BLE001 - calamine has its own error type per defect
        raise TabularError(ErrorCode.WORKBOOK_BROKEN, reason=_short(exc), code="broken",
                           where=str(p)) from None


def _read_excel(p: Path, sheet: str | int | None) -> Table:
    wb = _workbook(p)
    names = list(wb.sheet_names)
    if not names:
        raise TabularError(ErrorCode.WORKBOOK_NO_SHEETS, code="empty", where=str(p))
    try:
        if isinstance(sheet, str):
            if sheet not in names:
                raise TabularError(ErrorCode.WORKBOOK_NO_SUCH_SHEET, sheet=sheet, code="sheet",
                                   where=str(p))
            candidates = [sheet]
        elif isinstance(sheet, int):
            candidates = [names[sheet]]
        else:
            candidates = names
        for name in candidates:
            ws = wb.get_sheet_by_name(name)
            rows = ws.to_python(skip_empty_area=False)
            if any(any(c != "" for c in r) for r in rows) or name == candidates[-1]:
                _check_grid(rows, p, name)
                _fill_merged(rows, ws.merged_cell_ranges or [])
                return Table(str(p), name, rows, names)
    except TabularError:
        raise
    except Exception as exc:  # noqa: BLE001 - as above
        raise TabularError(ErrorCode.WORKSHEET_BROKEN, reason=_short(exc), code="broken",
                           where=str(p)) from None
    raise TabularError(ErrorCode.WORKBOOK_NO_SHEETS, code="empty", where=str(p))  # pragma: no cover


def _fill_merged(rows: list[list[Any]], ranges) -> None:
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0) and row[c] == "":
                    row[c] = value


def _check_grid(rows: list[list[Any]], p: Path, sheet: str, start: int = 0) -> None:
    """Rows, columns and cell lengths within docs/limits.md (rows[i] is file row start + i + 1)."""
    if start + len(rows) > MAX_ROWS:
        raise TabularError(ErrorCode.TABLE_TOO_MANY_ROWS, where=str(p), sheet=sheet,
                           limit=MAX_ROWS)
    if max(map(len, rows), default=0) <= MAX_COLS and max(
            [len(c) for row in rows for c in row if c.__class__ is str], default=0) <= MAX_CELL:
        return  # the usual sheet, its widths and text lengths checked at once
    for i, row in enumerate(rows, start + 1):  # which row is over, and how
        if len(row) > MAX_COLS:
            raise TabularError(ErrorCode.TABLE_TOO_MANY_COLUMNS, where=str(p), sheet=sheet, row=i,
                               count=len(row), limit=MAX_COLS)
        if any(c.__class__ is str and len(c) > MAX_CELL for c in row):
            col = next(j for j, c in enumerate(row) if c.__class__ is str and len(c) > MAX_CELL)
            raise TabularError(ErrorCode.TABLE_CELL_TOO_LONG, where=str(p), sheet=sheet, row=i,
                               column=column_letter(col), length=len(row[col]), limit=MAX_CELL)


def _read_csv(p: Path) -> Table:
    text, enc = read_text_file(p, MAX_CSV_BYTES, TabularError)
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[Any]] = []  # record i is row i + 1, as Excel shows the file
    try:
        for row in reader:
            rows.append(row)
            if len(rows) % 4096 == 0:
                _check_grid(rows[-4096:], p, p.stem, len(rows) - 4096)
    except csv.Error as exc:
        raise TabularError(ErrorCode.CSV_SYNTAX, line=reader.line_num, reason=exc,
                           code="broken", where=str(p)) from None
    _check_grid(rows[len(rows) - len(rows) % 4096:], p, p.stem, len(rows) - len(rows) % 4096)
    return Table(str(p), p.stem, rows, [p.stem], enc)


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]

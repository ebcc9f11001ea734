"""Write simple tables for people to open in Excel: .xlsx (openpyxl, write-only, header row
frozen and bold) or .csv (UTF-8 with BOM so Excel shows Chinese correctly)."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from fieldapp.core.cell_safety import safe_cell, safe_row
from fieldapp.core.messages import ErrorCode, listing
from fieldapp.core.private_files import create_private, open_private

from .read import TabularError

WRITE_SUFFIXES = (".xlsx", ".csv")


def check_output(path: str | os.PathLike, suffixes: Sequence[str] = WRITE_SUFFIXES) -> Path:
    p = Path(path)
    if p.suffix.lower() not in suffixes:
        raise TabularError(ErrorCode.OUTPUT_TYPE, where=str(p), suffixes=listing(suffixes, alternatives=True))
    if not p.parent.exists():
        raise TabularError(ErrorCode.OUTPUT_FOLDER_MISSING, where=str(p.parent))
    return p


def write_table(path: str | os.PathLike, headers: Sequence[str], rows: Iterable[Sequence[Any]],
                *, sheet: str = "Sheet1", widths: Sequence[int] | None = None,
                sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]] = ()) -> int:
    """Write a header and rows; returns the number of data rows. Extra `sheets` (name, headers,
    rows) go after the first one in a workbook (ignored for CSV)."""
    p = check_output(path)
    tmp = p.with_name(p.name + ".part")
    try:
        if p.suffix.lower() == ".csv":
            with open_private(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(safe_row(headers))
                n = 0
                for n, row in enumerate(rows, 1):
                    writer.writerow(["" if v is None else safe_cell(v) for v in row])
        else:
            n = _write_xlsx(create_private(tmp), [(sheet, headers, rows)] + list(sheets), widths)
        os.replace(tmp, p)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise TabularError(ErrorCode.CANNOT_WRITE, where=str(p), reason=exc.strerror or exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n


def _write_xlsx(path: Path, sheets, widths) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    first = 0
    for index, (name, headers, rows) in enumerate(sheets):
        ws = wb.create_sheet(title=name[:31])
        ws.freeze_panes = "A2"
        for i, h in enumerate(headers):
            w = widths[i] if widths and index == 0 and i < len(widths) else max(8, 2 * len(h) + 2)
            ws.column_dimensions[get_column_letter(i + 1)].width = w
        bold = Font(bold=True)
        head = []
        for h in headers:
            c = WriteOnlyCell(ws, value=safe_cell(h))
            c.font = bold
            head.append(c)
        ws.append(head)
        n = 0
        for row in rows:
            ws.append(safe_row(row))
            n += 1
        if index == 0:
            first = n
    wb.save(path)
    return first

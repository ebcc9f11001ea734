"""Test helper: an XLSForm workbook written from rows given as Python lists."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

DEFAULT_SETTINGS = [["form_id", "version", "form_title", "default_language"],
                    ["t_form", "1", "测试表", "中文 (zh)"]]


def write_xlsform(path: Path, survey: list[list], choices: list[list] | None = None,
                  settings: list[list] | None = DEFAULT_SETTINGS) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in (("survey", survey), ("choices", choices), ("settings", settings)):
        if rows is None:
            continue
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path

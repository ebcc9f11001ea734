"""Inline XLSForm workbooks for tests: rows written as Python lists, saved to tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
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


@pytest.fixture
def xlsform(tmp_path):
    counter = iter(range(1000))

    def make(survey, choices=None, settings=DEFAULT_SETTINGS, name=None):
        return write_xlsform(tmp_path / (name or f"form{next(counter)}.xlsx"), survey, choices,
                             settings)
    return make

"""Test helper: a revised household checklist, as a county author makes one from the shipped
workbook (new version, one more question whose choices come from a CSV beside it)."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from fieldapp.core.paths import forms_dir
from fieldapp.survey.registry import HOUSEHOLD_FORM, bundled_form

V1 = bundled_form(HOUSEHOLD_FORM).version
V2 = str(int(V1) + 1)


def revised_form(folder: Path, version: str = V2, form_id: str = HOUSEHOLD_FORM) -> Path:
    """The shipped household checklist with a new version and a question whose choices come
    from towers.csv beside it (select_one_from_file), as a county author would revise it."""
    folder.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.load_workbook(forms_dir() / "huhutong_household.xlsx")
    wb["settings"]["A2"], wb["settings"]["B2"] = form_id, version
    survey = wb["survey"]
    row = [None] * survey.max_column
    row[0], row[1], row[2], row[3] = ("select_one_from_file towers.csv", "tower", "信号塔",
                                      "Transmitter")
    survey.append(row)
    path = folder / f"household-{version}.xlsx"
    wb.save(path)
    with open(folder / "towers.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["name", "label"])
        w.writerows([("jifeng", "稷峰山"), ("gushan", "孤山")])
    return path

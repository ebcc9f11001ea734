"""Loading a form whose survey sheet declares 1,048,576 rows (dimension A1:Z1048576, as Excel
writes once a whole column is formatted) against loading the same form without that declaration:
only rows holding data are read, so the two should cost about the same.

Two shapes: the declaration alone, and the declaration plus every row down to 1,048,576 written as
an empty-but-formatted row (`<row s="1" customFormat="1"><c s="1"/>…`), which the reader still has
to scan past (about 90 MB of sheet XML). Target: under 1 s each.
Run alone: `.venv/bin/python -m bench.bench_form_read`.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from pathlib import Path

from openpyxl import Workbook

from fieldapp.survey.loader import load_form

from .common import best_of, row

EXCEL_ROWS = 1_048_576
QUESTIONS = 40


def plain_form(path: Path, questions: int = QUESTIONS) -> Path:
    """A small valid form: `questions` text questions and a settings sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    ws.append(["type", "name", "label", "relevant"])
    for i in range(questions):
        ws.append(["text", f"q{i}", f"Question {i}", f"${{q{i - 1}}} != 'x'" if i else ""])
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["bench_form_read", "1"])
    wb.save(path)
    return path


def declared_rows_form(path: Path, formatted_rows: bool, questions: int = QUESTIONS,
                       last_row: int = EXCEL_ROWS) -> Path:
    """plain_form, its survey sheet declaring A1:Z1048576; with `formatted_rows` every row below
    the questions down to `last_row` is written as an empty formatted row."""
    plain_form(path, questions)
    first_empty = questions + 2
    with zipfile.ZipFile(path) as src:
        members = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            if info.filename == "xl/worksheets/sheet1.xml":
                text = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:Z1048576"/>',
                              data.decode())
                if formatted_rows:
                    empty = "".join(f'<row r="{r}" s="1" customFormat="1"><c r="A{r}" s="1"/>'
                                    f'<c r="B{r}" s="1"/></row>'
                                    for r in range(first_empty, last_row + 1))
                    text = text.replace("</sheetData>", empty + "</sheetData>")
                data = text.encode()
            out.writestr(info, data)
    return path


def run(workdir: Path, households: int = 0) -> list[dict]:
    work = Path(workdir)
    plain = plain_form(work / "plain.xlsx")
    declared = declared_rows_form(work / "declared.xlsx", formatted_rows=False)
    formatted = declared_rows_form(work / "formatted.xlsx", formatted_rows=True)
    base = best_of(5, lambda: load_form(plain))
    return [
        row("load a form declaring 1,048,576 rows (40 questions)", best_of(5, lambda: load_form(
            declared)), "the same form without the declaration", base, note="target: < 1 s"),
        row("load a form with 1,048,576 formatted empty rows", best_of(3, lambda: load_form(
            formatted)), "the same form without them", base, note="target: < 1 s"),
    ]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        for r in run(Path(tmp)):
            ratio = r["ours_s"] / r["baseline_s"] if r["baseline_s"] else float("nan")
            print(f"{r['workload']}: ours {r['ours_s'] * 1000:.1f} ms, "
                  f"{r['baseline']} {r['baseline_s'] * 1000:.1f} ms, ratio {ratio:.1f}x "
                  f"{r['note']}")

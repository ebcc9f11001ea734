"""Keystroke cost in a form with 400 calculations: `FormState.set` on one answer (recomputing only
what depends on it) against evaluating the changed field's own expression alone — the floor any
engine pays for that keystroke.

The form: 400 `calculate` fields, each reading the previous one (a chain like a running total)
and every 20th also reading the typed field `n`, plus a typed field `other` that nothing reads.
Typing into `other` must cost about as much as the baseline; typing into `n` recomputes the 400.
Run alone: `.venv/bin/python -m bench.bench_calculates`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from openpyxl import Workbook

from fieldapp.survey.expr_eval import EvalContext
from fieldapp.survey.loader import load_form
from fieldapp.survey.runtime import FormState

from .common import best_of, row

CALCULATES = 400
SCALES_WITH_COUNTY = False  # fixed size, whatever the county: not run again at 2×


def _form(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    ws.append(["type", "name", "label", "calculation", "constraint"])
    ws.append(["integer", "n", "N", "", ". >= 0"])
    ws.append(["text", "other", "Other", "", "string-length(.) < 50"])
    for i in range(CALCULATES):
        prev = f"${{c{i - 1}}}" if i else "0"
        extra = " + ${n}" if i % 20 == 0 else ""
        ws.append(["calculate", f"c{i}", "", f"coalesce({prev}, 0) + 1{extra}", ""])
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["bench_calculates", "1"])
    wb.save(path)
    return path


def run(workdir: Path, households: int = 0) -> list[dict]:
    form = load_form(_form(Path(workdir) / "calculates.xlsx"))
    state = FormState.new(form)
    values = iter(range(10**9))
    other = form.fields["other"]
    n = form.fields["n"]

    def base_other() -> None:  # the changed field's own constraint, evaluated alone
        assert other.constraint is not None
        other.constraint.truth(EvalContext(state.lookup, current="abc"))

    def base_n() -> None:
        assert n.constraint is not None
        n.constraint.truth(EvalContext(state.lookup, current=5))

    ours_other = best_of(50, lambda: state.set("other", f"x{next(values)}"))
    ours_n = best_of(20, lambda: state.set("n", str(next(values) % 1000)))
    return [
        row("keystroke, nothing depends on it (400 calculates)", ours_other,
            "its own constraint alone", best_of(50, base_other)),
        row("keystroke feeding all 400 calculates", ours_n,
            "its own constraint alone", best_of(50, base_n),
            note="target: ≤ 20 ms per keystroke"),
    ]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        for r in run(Path(tmp)):
            ratio = r["ours_s"] / r["baseline_s"] if r["baseline_s"] else float("nan")
            print(f"{r['workload']}: ours {r['ours_s'] * 1000:.2f} ms, "
                  f"{r['baseline']} {r['baseline_s'] * 1000:.3f} ms, ratio {ratio:.0f}x {r['note']}")

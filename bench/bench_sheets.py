"""Verification sheets (fieldapp sheets).

1. One village of 1,300 households: our whole `make_sheets` (query, cells, QR per page, summary,
   register) against a bare reportlab platypus LongTable of the very same printed rows (same
   font, held in memory before the clock starts). Target: within 1.3×.
2. Every sheet of the county (one PDF per village and a places sheet per township) on all cores,
   against the same job in one process: the speed-up from using both cores.
3. Linearity: the county against 4 × the same job on a county with a quarter of the households
   (ratio ≈ 1.0 when the time is linear in households).
"""

from __future__ import annotations

import os
import random
import resource
import shutil
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

from fieldapp.core.idcard import hash_id, mask_id
from fieldapp.demo import names
from fieldapp.jobs.demo_build import build_demo, load_divisions
from fieldapp.demo.visits import synthetic_visit
from fieldapp.reports.fonts import cjk_font
from fieldapp.jobs.sheets import make_sheets
from fieldapp.reports.village_sheet import load_village_sheet
from fieldapp.store import Store

from .common import COUNTY, SEED, county_db, remove_db, row, timed

VILLAGE_HOUSEHOLDS = 1300


def one_village_db(path: Path, n: int = VILLAGE_HOUSEHOLDS) -> str:
    """A county database whose first village has exactly n households (with demo visits)."""
    remove_db(path)
    divisions = load_divisions("140824")
    county = divisions[0]
    town = next(d for d in divisions if d["level"] == "township")
    village = next(d for d in divisions if d["level"] == "village"
                   and d["parent_code"] == town["code"])
    store = Store.create(path, role="county", county_code=county["code"], id_salt="bench")
    rng = random.Random(SEED)
    with store.write("bench") as w:
        w.insert_many("areas", [county, town, village])
        hh, visits = [], []
        for i in range(n):
            idno = names.id_number(rng, "140824")
            uid = f"00000000-0000-4000-8000-{i:012d}"
            hh.append({"uuid": uid, "village_code": village["code"], "group_no": str(1 + i * 12 // n),
                           "head_name": names.head_name(rng), "size": rng.randint(1, 6),
                           "phone": names.mobile(rng), "id_hash": hash_id(idno, "bench"),
                           "id_masked": mask_id(idno)})
            v = synthetic_visit(rng, uid, 2026)
            if v:
                visits.append(v)
        w.insert_many("households", hh)
        w.insert_many("visits", visits)
    store.close()
    return village["code"]


def bare_longtable(out: Path, rows: list[list[str]]) -> None:
    """The plain baseline: one platypus LongTable, header repeated, grid, the same font."""
    font = cjk_font()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=36, rightMargin=36,
                            topMargin=36, bottomMargin=36)
    table = LongTable(rows, repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 8),
                               ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    doc.build([table])


def _village(workdir: Path) -> dict:
    db = workdir / "sheets-village.sqlite"
    code = one_village_db(db)
    with Store.open(db) as s:
        sheet = load_village_sheet(s, code)
    header = ["序号", "组", "户主姓名", "身份证号码", "联系电话", "收视方式", "核查状态", "原因",
              "后续跟进", "户主签字"]
    rows = [header] + [[str(i), *cells, ""] for i, (_u, cells) in enumerate(sheet.rows, 1)]
    cjk_font()
    base = min(timed(lambda: bare_longtable(workdir / "sheets-baseline.pdf", rows))[0]
               for _ in range(3))
    ours = min(timed(lambda: make_sheets(db, code, workdir / "sheets-village.pdf"))[0]
               for _ in range(3))
    remove_db(db)
    return row(f"village sheet, {VILLAGE_HOUSEHOLDS:,} households", ours,
               "bare reportlab LongTable", base,
               "ours: query + QR per page + summary + register; best of 3")


def _county(workdir: Path, households: int) -> list[dict]:
    db = county_db(workdir)
    cores = os.cpu_count() or 1
    out_par, out_one = workdir / "sheets-county-par", workdir / "sheets-county-one"
    quarter_db = workdir / "sheets-quarter.sqlite"
    try:
        cpu0 = _cpu()
        par, res = timed(lambda: make_sheets(db, COUNTY, out_par))
        cpu1 = _cpu()
        one, _ = timed(lambda: make_sheets(db, COUNTY, out_one, processes=1))
        cpu2 = _cpu()
        build_demo(quarter_db, COUNTY, households // 4, SEED)
        quarter, qres = timed(lambda: make_sheets(quarter_db, COUNTY, workdir / "sheets-q"))
    finally:
        for p in (out_par, out_one, workdir / "sheets-q"):
            shutil.rmtree(p, ignore_errors=True)
        remove_db(quarter_db)
    return [
        row(f"all sheets of the county, {households:,} households, {cores} processes", par,
            "same, 1 process", one,
            f"{res.sheets} PDFs, {res.pages:,} pages; {res.households / par:,.0f} households/s; "
            f"CPU {cpu1 - cpu0:.0f} s vs {cpu2 - cpu1:.0f} s (wall time counts other load too)"),
        row(f"county sheets {households:,} households", par,
            f"4 × county of {qres.households:,}", 4 * quarter,
            "ratio ≈ 1.0: time linear in households"),
    ]


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run(workdir: Path, households: int) -> list[dict]:
    workdir = Path(workdir)
    return [_village(workdir), *_county(workdir, households)]

"""Synthetic household registers as villages really hand them over, for tests, benchmarks and
demos: a merged title row, a blank line, the header, groups merged down their households,
full-width digits, stray spaces, bad ID numbers, duplicates, blank rows and a total line.

`make_register` writes .xlsx, .xls (xlwt) or .csv (utf-8 / gbk) and returns what an importer
must find: the households it should add and the exact row numbers it must reject.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from fieldapp.core.idcard import id_check_char
from fieldapp.demo import names

HEADERS = ("序号", "村委会", "村民小组", "户主姓名", "身份证号码", "联系电话", "家庭人口",
           "住址", "备注")
_FULL = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


@dataclass
class SampleRegister:
    path: str
    rows: list[list[object]]  # as written; rows[i] is file row i + 1
    merges: list[tuple[int, int, int, int]]  # first_row, last_row, first_col, last_col (0-based)
    good_rows: list[int] = field(default_factory=list)  # file rows that must be imported
    rejects: dict[int, str] = field(default_factory=dict)  # file row -> kind of defect
    header_row: int = 3  # 1-based


def make_register(path: str | os.PathLike, villages: list[tuple[str, ...]], households: int,
                  *, seed: int = 7, messy: bool = True, encoding: str = "gbk",
                  region: str = "140824") -> SampleRegister:
    """`villages` are (code, name) or (code, name, township name) tuples; households are spread
    over them in groups. With township names the file gets a 乡镇 column (last), which villages
    of the same name in different townships need."""
    rng = random.Random(seed)
    with_town = any(len(v) > 2 for v in villages)
    title = "户户通工程入户核查花名册"
    rows: list[list[object]] = [[title] + [""] * 8,
                                ["填报单位：（盖章）", "", "", "", "", "", "填报日期：2026年3月", "", ""],
                                list(HEADERS) + (["乡镇"] if with_town else [])]
    if messy:
        rows.insert(2, [""] * 9)  # a blank line between the title block and the header
    merges = [(0, 0, 0, 8)]
    sample = SampleRegister(str(path), rows, merges, header_row=len(rows))
    per_village = max(1, households // max(1, len(villages)))
    serial = 0
    made = 0
    ids_so_far: list[tuple[int, list[object]]] = []
    seen_names: dict[tuple[str, int, str], list[tuple[bool, str]]] = {}
    used: set[str] = set()
    suffix = Path(path).suffix.lower()
    can_merge = suffix == ".xls" or (suffix == ".xlsx" and households <= 20000)
    for vi, (code, vname, *town) in enumerate(villages):
        n = per_village if vi < len(villages) - 1 else households - made
        groups = max(1, n // 40)
        for g in range(groups):
            size = n // groups + (1 if g < n % groups else 0)
            first = len(rows)
            for k in range(size):
                serial += 1
                made += 1
                row = _household_row(rng, region, used, serial, vname, g, k, messy,
                                     town[0] if with_town else None, can_merge)
                kind = _mess(rng, row, ids_so_far) if messy else None
                rows.append(row)
                rowno = len(rows)
                if kind is None:
                    key = (code, g, str(row[3]).replace(" ", ""))
                    twins = seen_names.setdefault(key, [])
                    door = str(row[7] or "").strip()
                    # a namesake without an ID number is told apart only by its door number
                    if any((not has_id or not row[4]) and not (door and other and door != other)
                           for has_id, other in twins):
                        kind = "dup_name"
                    twins.append((bool(row[4]), door))
                if kind in ("bad_id", "dup_id", "dup_name", "float_id"):
                    sample.rejects[rowno] = kind
                else:
                    sample.good_rows.append(rowno)
                    if row[4] and rng.random() < 0.3:
                        ids_so_far.append((rowno, row))
                if messy and rng.random() < 0.02:
                    rows.append([""] * 9)  # stray blank row (inside the merged group cell)
            if messy and len(rows) - 1 > first:
                merges.append((first, len(rows) - 1, 2, 2))
    if messy:
        rows.append(["合计", "", "", "", "", "", sum(r[6] for r in rows[sample.header_row:]
                                                 if isinstance(r[6], int)), "", ""])
        rows.append(["制表人：", "", "", "审核人：", "", "", "", "", ""])
    _write(Path(path), rows, merges, encoding, can_merge)
    return sample


def _id_number(rng: random.Random, region: str) -> str:
    first17 = f"{region}{rng.randint(1940, 2000):04d}{rng.randint(1, 12):02d}" \
              f"{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    return first17 + id_check_char(first17)


def _mess(rng: random.Random, row: list[object], earlier: list[tuple[int, list[object]]]) -> str | None:
    """Spoil a row the way real registers are spoiled; returns the defect if it must be rejected."""
    x = rng.random()
    if x < 0.05:
        row[4] = str(row[4]).translate(_FULL)  # full-width digits: fine after normalising
        row[5] = str(row[5]).translate(_FULL)
    elif x < 0.08:
        name = str(row[3])
        row[3] = f" {name[0]} {name[1:]} "  # stray spaces: fine after normalising
    elif x < 0.10:
        idno = str(row[4])
        wrong = "0123456789X".replace(idno[-1], "")[rng.randrange(10)]
        row[4] = idno[:-1] + wrong  # wrong check digit
        return "bad_id"
    elif x < 0.11 and earlier:
        _, other = earlier[rng.randrange(len(earlier))]
        row[4] = other[4]  # the same person entered twice
        return "dup_id"
    elif x < 0.115:
        row[4] = float(str(row[4])[:17].replace("X", "0"))  # Excel turned it into a number
        return "float_id"
    elif x < 0.13:
        row[5] = "1380000"  # too short: a warning, the household still imports
    elif x < 0.15:
        row[4] = ""  # no ID number: imports, matched later by village + group + name
    return None


def _write(path: Path, rows: list[list[object]], merges, encoding: str, can_merge: bool) -> None:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        import csv

        with open(path, "w", encoding=encoding, newline="") as fh:
            csv.writer(fh).writerows(rows)
    elif suffix == ".xls":
        import xlwt

        wb = xlwt.Workbook(encoding="utf-8")
        ws = wb.add_sheet("花名册")
        merged_cells = set()
        for r0, r1, c0, c1 in merges:
            ws.write_merge(r0, r1, c0, c1, rows[r0][c0])
            merged_cells.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if (r, c) not in merged_cells and v != "":
                    ws.write(r, c, v)
        wb.save(str(path))
    else:
        from openpyxl import Workbook

        if not can_merge:  # large files: write-only mode, no merged cells
            wb = Workbook(write_only=True)
            ws = wb.create_sheet("花名册")
            for row in rows:
                ws.append(row)
        else:
            wb = Workbook()
            ws = wb.active
            ws.title = "花名册"
            for row in rows:
                ws.append(row)
            for r0, r1, c0, c1 in merges:
                ws.merge_cells(start_row=r0 + 1, end_row=r1 + 1, start_column=c0 + 1,
                               end_column=c1 + 1)
        wb.save(str(path))


def _household_row(rng: random.Random, region: str, used: set[str], serial: int, vname: str,
                   g: int, k: int, messy: bool, town: str | None, can_merge: bool) -> list[object]:
    """One household's row (the k-th of group g of a village), drawing from rng in a fixed order
    so a seed always makes the same file."""
    idno = _id_number(rng, region)
    while idno in used:  # unique, so only the planted duplicates are duplicates
        idno = _id_number(rng, region)
    used.add(idno)
    phone = names.mobile(rng) if rng.random() < 0.85 else ""
    name = names.head_name(rng)
    vtext = vname
    if messy and vname.endswith("村委会") and rng.random() < 0.3:
        vtext = vname.removesuffix("村委会") + "村"  # the short form people write
    row: list[object] = [serial, vtext, f"{g + 1}组" if k == 0 or not messy else "",
                         name, idno, phone, rng.choice((1, 2, 3, 4, 5, 6)),
                         f"{vname.removesuffix('村委会')}{g + 1}组{rng.randint(1, 200)}号",
                         ""]
    if not messy:
        row[2] = str(g + 1)
    if town is not None:
        row.append(town)
    if not can_merge:
        row[2] = f"{g + 1}组" if messy else str(g + 1)
    return row

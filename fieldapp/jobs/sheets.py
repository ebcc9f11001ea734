"""`fieldapp sheets`: the verification sheets of a village, a township or the county, as one PDF
per sheet in a folder (rendered on all cores) or one combined PDF with bookmarks. One household's
confirmation slip too.

All files are written under temporary names and renamed only when everything succeeded; the
printed pages go into the register (sheet_prints, synced) in one transaction. A cancel
or an error leaves neither files nor register rows behind.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import secrets
import shutil
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from fieldapp.core.divisions import CodeError, level_of, normalize_code
from fieldapp.core.messages import ErrorCode
from fieldapp.core.private_files import PRIVATE_DIR, create_private, make_private
from fieldapp.core.progress import Cancelled, Progress
from fieldapp.reports.errors import ReportError
from fieldapp.store import Store
from fieldapp.store.reports import sheet_rows as sheets_rows
from fieldapp.store.reports.printed_sheets import PrintedSheet, record_sheets, sheet_ids_in_use

from fieldapp.reports.fonts import cjk_font
from fieldapp.reports.household_slip import draw_slip, load_slip
from fieldapp.reports.sheet_page import new_canvas
from fieldapp.reports.sheets_render import SheetTask, draw_onto, init_worker, render_file, render_in_worker
from fieldapp.reports.payload import use_signing_key

PARALLEL_MIN_HOUSEHOLDS = 4000  # below this, starting worker processes costs more than it saves


@dataclass
class SheetsResult:
    path: Path
    files: list[Path] = field(default_factory=list)
    sheets: int = 0
    pages: int = 0
    households: int = 0
    seconds: float = 0.0


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("_") or "未命名"


def _stamp_now() -> tuple[str, str]:
    now = datetime.now()
    return now.strftime("%Y%m%d%H%M"), now.strftime("%Y-%m-%d %H:%M")


def _new_ids(store: Store, n: int) -> list[str]:
    ids: set[str] = set()
    while len(ids) < n:
        ids.update(f"{secrets.randbelow(10**8):08d}" for _ in range(n - len(ids)))
        ids -= sheet_ids_in_use(store, ids)
    return sorted(ids, key=lambda _: secrets.randbelow(1 << 30))


def plan_tasks(store: Store, code: str, stamp: str, generated_at: str, tmp: Path,
               places: bool = True) -> tuple[list[SheetTask], dict[str, int], list[str]]:
    """Tasks (villages in code order, each township's places sheet after its villages), the
    household count of each task and the relative file name of each task."""
    villages = sheets_rows.villages_under(store, code)
    towns = {t["code"]: t["name"] for t in sheets_rows.townships_under(store, code)}
    level = level_of(code)
    tasks, sizes, names = [], {}, []
    ids = iter(_new_ids(store, len(villages) + len(towns)))
    for town_code, town_name in towns.items() if level != "village" else [("", "")]:
        sub = _safe(f"{town_code[:9]}_{town_name}") + "/" if level == "county" else ""
        for v in villages:
            if town_code and v["township_code"] != town_code:
                continue
            name = sub + _safe(f"{v['code']}_{v['name']}") + ".pdf"
            tasks.append(SheetTask("village", v["code"], f"{v['name']} 入户核查确认表",
                                   str(tmp / name), next(ids), stamp, generated_at))
            sizes[tasks[-1].sheet_id] = v["households"]
            names.append(name)
        if places and town_code:
            name = sub + _safe(f"{town_code[:9]}_{town_name}_公共场所核查表") + ".pdf"
            tasks.append(SheetTask("places", town_code, f"{town_name} 公共场所核查表",
                                   str(tmp / name), next(ids), stamp, generated_at))
            sizes[tasks[-1].sheet_id] = 0
            names.append(name)
    return tasks, sizes, names


def make_sheets(db: str | os.PathLike, code: str, out: str | os.PathLike, *,
                combined: bool | None = None, places: bool = True, processes: int | None = None,
                progress: Progress | None = None, user: str = "",
                signing_key: bytes | None = None) -> SheetsResult:
    """Sheets of a village (one PDF), a township or the county.

    `out` ending in .pdf gives one combined PDF with bookmarks (sequential); otherwise a folder
    with one PDF per sheet (for the county: a subfolder per township), rendered on `processes`
    cores (default: all). `signing_key` (the county's raw Ed25519 private key) signs every
    page's QR payload; without it pages carry the old unsigned payload.
    """
    t0 = time.perf_counter()
    try:
        code = normalize_code(code)
    except CodeError as exc:
        raise ReportError.again(exc) from None
    out = Path(out)
    store = Store.open(db)
    try:
        level = sheets_rows.area_level(store, code)
        if level is None:
            raise ReportError(ErrorCode.AREA_CODE_UNKNOWN, where=code)
        if combined is None:
            combined = out.suffix.lower() == ".pdf"
        if level == "village":
            if out.is_dir():
                name = sheets_rows.area_names(store, code).get(code, "")
                out = out / (_safe(f"{code}_{name}") + ".pdf")
            combined = True
        if not out.parent.is_dir():
            raise ReportError(ErrorCode.OUTPUT_FOLDER_MISSING, where=str(out.parent))
        if combined and out.is_dir():
            raise ReportError(ErrorCode.SHEETS_IS_FOLDER, where=str(out))
        if not combined and out.exists() and not out.is_dir():
            raise ReportError(ErrorCode.SHEETS_IS_FILE, where=str(out))
        tmp = out.parent / f".{out.name}.part-{secrets.token_hex(4)}"
        tmp.mkdir(mode=PRIVATE_DIR)  # nothing in it readable by others while it is written
        try:
            stamp, at = _stamp_now()
            tasks, sizes, names = plan_tasks(store, code, stamp, at, tmp,
                                             places and level != "village")
            if not tasks:
                raise ReportError(ErrorCode.SHEETS_NO_VILLAGES, where=code)
            total = sum(sizes.values()) + len(tasks)
            use_signing_key(signing_key)
            if combined:
                printed = _combined(store, tasks, sizes, tmp / "combined.pdf", level, total,
                                    progress)
            else:
                printed = _files(db, store, tasks, sizes, total, processes, progress,
                                 signing_key)
            record_sheets(store, printed, user)
            result = SheetsResult(out, sheets=len(printed), pages=sum(p.pages for p in printed),
                                  households=sum(sizes.values()))
            if combined:
                make_private(tmp / "combined.pdf")
                os.replace(tmp / "combined.pdf", out)
                result.files = [out]
            else:
                result.files = _move_into(tmp, names, out)
        finally:
            use_signing_key(None)
            shutil.rmtree(tmp, ignore_errors=True)
    finally:
        store.close()
    result.seconds = time.perf_counter() - t0
    return result


def _combined(store, tasks, sizes, path: Path, level: str, total: int,
              progress: Progress | None) -> list[PrintedSheet]:
    font = cjk_font()
    title = tasks[0].title if len(tasks) == 1 else "户户通入户核查确认表（合并）"
    c = new_canvas(str(path), font, title, "户户通入户核查")
    c.showOutline()
    printed, done, town = [], 0, None
    for task in tasks:
        outline_level = 0
        if level == "county":
            outline_level = 1
            if task.code[:9] != town:
                town = task.code[:9]
                key = f"t{town}"
                c.bookmarkPage(key)
                names = sheets_rows.area_names(store, town + "000")
                c.addOutlineEntry(names.get(town + "000", town), key, level=0)

        def page_progress(rows: int, _n: int, base: int = done) -> bool:
            return progress(base + rows, total) if progress else True

        key = f"s{task.sheet_id}"
        c.bookmarkPage(key)
        c.addOutlineEntry(task.title, key, level=outline_level)
        printed.append(draw_onto(c, store, task, font, progress=page_progress))
        done += sizes[task.sheet_id] + 1
        if progress and progress(done, total) is False:
            raise Cancelled(ErrorCode.CANCELLED_FILES)
    c.save()
    return printed


def _files(db, store, tasks, sizes, total, processes, progress,
           signing_key=None) -> list[PrintedSheet]:
    for t in tasks:
        Path(t.file).parent.mkdir(parents=True, exist_ok=True)
    n_proc = processes or os.cpu_count() or 1
    if n_proc <= 1 or len(tasks) == 1 or sum(sizes.values()) < PARALLEL_MIN_HOUSEHOLDS:
        printed, done = [], 0
        for t in tasks:
            printed.append(render_file(store, t))
            done += sizes[t.sheet_id] + 1
            if progress and progress(done, total) is False:
                raise Cancelled(ErrorCode.CANCELLED_FILES)
        return printed
    ordered = sorted(tasks, key=lambda t: -sizes[t.sheet_id])  # big ones first: even finish
    ctx = multiprocessing.get_context("spawn")  # never fork a process that may run Qt threads
    printed, done = [], 0
    pool = ProcessPoolExecutor(min(n_proc, len(tasks)), mp_context=ctx,
                               initializer=init_worker, initargs=(str(db), signing_key))
    try:
        futures = [pool.submit(render_in_worker, t) for t in ordered]
        for fut in as_completed(futures):
            p = fut.result()
            printed.append(p)
            done += sizes[p.sheet_id] + 1
            if progress and progress(done, total) is False:
                raise Cancelled(ErrorCode.CANCELLED_FILES)
    except BrokenProcessPool:
        raise ReportError(ErrorCode.SHEETS_NO_PROCESSES) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    order = {t.sheet_id: i for i, t in enumerate(tasks)}
    return sorted(printed, key=lambda p: order[p.sheet_id])


def _move_into(tmp: Path, names: list[str], out: Path) -> list[Path]:
    out.mkdir(exist_ok=True)
    files = []
    for name in names:
        dst = out / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        make_private(tmp / name)
        os.replace(tmp / name, dst)
        files.append(dst)
    return files


def make_slip(db: str | os.PathLike, household_uuid: str, out: str | os.PathLike,
              user: str = "", signing_key: bytes | None = None) -> SheetsResult:
    """The one-household confirmation slip (入户确认单) as a one-page PDF."""
    out = Path(out)
    if not out.parent.is_dir():
        raise ReportError(ErrorCode.OUTPUT_FOLDER_MISSING, where=str(out.parent))
    store = Store.open(db)
    try:
        h, names = load_slip(store, household_uuid)
        stamp, at = _stamp_now()
        font = cjk_font()
        part = out.with_name(f".{out.name}.part-{secrets.token_hex(4)}")
        use_signing_key(signing_key)
        try:
            c = new_canvas(str(create_private(part)), font, f"{h['head_name']} 入户确认单", "户户通入户核查")
            printed = draw_slip(c, h, names, font, sheet_id=_new_ids(store, 1)[0], stamp=stamp,
                                generated_at=at)
            c.save()
            printed.file = out.name
            record_sheets(store, [printed], user)
            os.replace(part, out)
        finally:
            use_signing_key(None)
            part.unlink(missing_ok=True)
    finally:
        store.close()
    return SheetsResult(out, [out], 1, 1, 1)

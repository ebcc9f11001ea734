"""Render one sheet to its own PDF file. Used in-process and by worker processes (each worker
opens the database read-only once, in `init_worker`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fieldapp.store.reports import sheet_rows as sheets_rows
from fieldapp.store.reports.printed_sheets import PrintedSheet

from .fonts import cjk_font
from .payload import use_signing_key
from .places_sheet import draw_places_sheet, load_places_sheet
from .sheet_page import new_canvas
from .village_sheet import draw_village_sheet, load_village_sheet


@dataclass(frozen=True)
class SheetTask:
    kind: str  # village / places
    code: str
    title: str  # outline / document title
    file: str  # where to write (a temporary path, renamed by the job)
    sheet_id: str
    stamp: str
    generated_at: str


_worker_store = None


def init_worker(db_path: str, signing_key: bytes | None = None) -> None:
    global _worker_store
    use_signing_key(signing_key)
    _worker_store = sheets_rows.open_for_reading(db_path)
    cjk_font()


def render_in_worker(task: SheetTask) -> PrintedSheet:
    return render_file(_worker_store, task)


def render_file(store, task: SheetTask, progress=None) -> PrintedSheet:
    font = cjk_font()
    c = new_canvas(task.file, font, task.title, "户户通入户核查")
    printed = draw_onto(c, store, task, font, progress=progress)
    c.save()
    printed.file = Path(task.file).name
    return printed


def draw_onto(c, store, task: SheetTask, font: str, progress=None) -> PrintedSheet:
    kw = {"sheet_id": task.sheet_id, "stamp": task.stamp, "generated_at": task.generated_at}
    if task.kind == "places":
        return draw_places_sheet(c, load_places_sheet(store, task.code), font, **kw)
    return draw_village_sheet(c, load_village_sheet(store, task.code), font, progress=progress,
                              **kw)

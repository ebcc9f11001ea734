"""公共场所核查表: the public places of a township (party and government offices, enterprises,
hotels, hospitals, schools, residential compounds) with their reception, one sheet per township,
QR per page like the village sheet."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas

from fieldapp.core.messages import ErrorCode
from fieldapp.core.divisions import county_of
from fieldapp.store.reports import sheet_rows as sheets_rows
from fieldapp.store.reports.printed_sheets import PrintedPage, PrintedSheet

from . import sheet_page
from .errors import ReportError
from .payload import Payload, rows_hash
from .pdf_draw import draw_text
from .sheet_page import (
    CONTENT_W, HEADER_BOTTOM, MARGIN_X, PageHeader, TableStyle, draw_frame, draw_table,
)
from .sheet_rows import PLACE_FIELDS, place_cells
from .village_sheet import draw_signoff

COLUMNS = ("序号", *PLACE_FIELDS, "负责人签字")
WIDTHS = (24.0, 52.0, 92.0, 66.0, 40.0, 34.0, 72.0, 56.0, 40.0, 47.0)
LINES = (1, 1, 2, 2, 1, 1, 1, 2, 1, 1)
ALIGNS = ("center", "left", "left", "left", "center", "center", "left", "left", "left", "left")
TABLE = TableStyle(WIDTHS, COLUMNS, ALIGNS, LINES, 8.0)
SUMMARY_H = 200.0
SIGNOFF = (("乡镇人民政府（盖章）", "负责人签字："), ("县融媒体中心审核", "审核人签字："))
assert abs(sum(WIDTHS) - CONTENT_W) < 1.0

Row = tuple[str, tuple[str, ...]]


@dataclass
class PlacesSheet:
    township_code: str
    township_name: str
    county_name: str
    rows: list[Row] = field(default_factory=list)


def load_places_sheet(store, township_code: str) -> PlacesSheet:
    if sheets_rows.area_level(store, township_code) != "township":
        raise ReportError(ErrorCode.NOT_A_TOWNSHIP, where=township_code)
    names = sheets_rows.area_names(store, township_code)
    places = sheets_rows.public_places(store, township_code)
    return PlacesSheet(township_code, names.get(township_code, ""),
                       names.get(county_of(township_code), ""),
                       [(p["uuid"], place_cells(p)) for p in places])


def page_slices(n_rows: int) -> list[tuple[int, int]]:
    return sheet_page.page_slices(n_rows, SUMMARY_H)


def page_hashes(rows: list[Row]) -> list[str]:
    return [rows_hash(rows[a:b]) for a, b in page_slices(len(rows))]


def draw_places_sheet(c: Canvas, sheet: PlacesSheet, font: str, *, sheet_id: str, stamp: str,
                      generated_at: str) -> PrintedSheet:
    slices = page_slices(len(sheet.rows))
    header = PageHeader(
        title=f"{sheet.county_name}“户户通”公共场所核查表",
        lines=(f"乡镇：{sheet.township_name}（{sheet.township_code[:9]}）",
               "范围：党政机关、企事业单位、宾馆酒店、医院、学校、商住楼、住宅小区等公共场所",
               f"本表列出本乡镇登记的全部 {len(sheet.rows)} 处公共场所。"))
    printed = PrintedSheet(sheet_id, "places", sheet.township_code, stamp, generated_at,
                           len(slices))
    top = HEADER_BOTTOM
    for page_no, (a, b) in enumerate(slices, 1):
        page_rows = sheet.rows[a:b]
        digest = rows_hash(page_rows)
        payload = Payload("places", sheet.township_code, stamp, page_no, len(slices), sheet_id,
                          digest)
        draw_frame(c, font, header, payload, generated_at)
        numbered = [(str(i), cells) for i, (_uuid, cells) in enumerate(page_rows, a + 1)]
        y = draw_table(c, font, top, TABLE, numbered, always_header=not sheet.rows)
        if not sheet.rows:
            draw_text(c, "（本乡镇尚未登记公共场所）", MARGIN_X + CONTENT_W / 2, y - 16, font, 9,
                      align="center")
            y -= 24
        if page_no == len(slices):
            _summary(c, sheet, font, y - 14)
        c.showPage()
        printed.page_list.append(PrintedPage(page_no, digest, page_rows))
    return printed


def _summary(c: Canvas, sheet: PlacesSheet, font: str, top: float) -> None:
    states = Counter(cells[3] for _, cells in sheet.rows)
    types = Counter(cells[0] for _, cells in sheet.rows)
    draw_text(c, "汇总", MARGIN_X, top - 12, font, 11)
    draw_text(c, f"合计 {len(sheet.rows)} 处：有线电视已开通 {states['已开通']}，未开通 "
              f"{states['未开通']}，未核查 {states['未核查']}", MARGIN_X, top - 30, font, 9, CONTENT_W)
    by_type = "、".join(f"{t or '未分类'} {n}" for t, n in types.most_common()) or "—"
    draw_text(c, f"按类型：{by_type}", MARGIN_X, top - 45, font, 9, CONTENT_W)
    draw_signoff(c, font, top - 60, SIGNOFF)

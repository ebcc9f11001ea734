"""入户核查确认表: the village verification sheet. Every household of the village's register is
listed (every status), with a summary, sign-off boxes, page numbers and a QR code per page whose
hash covers exactly the rows printed on that page."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas

from fieldapp.core.divisions import county_of, township_of
from fieldapp.core.field_household import FIELD_SOURCE
from fieldapp.core.messages import ErrorCode
from fieldapp.core.progress import Cancelled, Progress
from fieldapp.store.coverage_rule import rule_of
from fieldapp.store.reports import sheet_rows as sheets_rows
from fieldapp.store.reports.printed_sheets import PrintedPage, PrintedSheet

from . import sheet_page
from .errors import ReportError
from .payload import Payload, rows_hash
from .pdf_draw import draw_grid, draw_row_text, draw_text
from .sheet_page import (
    CONTENT_W, HEADER_BOTTOM, MARGIN_X, PageHeader, TableStyle, draw_frame, draw_table,
)
from .sheet_rows import HOUSEHOLD_FIELDS, Summary, household_cells

COLUMNS = ("序号", *HOUSEHOLD_FIELDS, "户主签字")
WIDTHS = (24.0, 20.0, 48.0, 88.0, 56.0, 54.0, 40.0, 50.0, 72.0, 71.0)
LINES = (1, 1, 2, 1, 1, 1, 1, 2, 2, 1)
ALIGNS = ("center", "center", "left", "left", "left", "left", "center", "left", "left", "left")
HEADER_H = sheet_page.TABLE_HEADER_H
ROW_H = sheet_page.ROW_H
FONT_SIZE = 8.0
TABLE = TableStyle(WIDTHS, COLUMNS, ALIGNS, LINES, FONT_SIZE)
ROWS_PER_PAGE = sheet_page.ROWS_PER_PAGE
SUMMARY_H = 212.0
assert abs(sum(WIDTHS) - CONTENT_W) < 1.0

Row = tuple[str, tuple[str, ...]]

@dataclass
class VillageSheet:
    village_code: str
    village_name: str
    township_name: str
    county_name: str
    first: str = ""
    last: str = ""
    surveyors: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    rule_version: str = ""  # the coverage rule the statuses were judged by
    field_found: int = 0  # the last rows: households found in the field, not in the register
    summary: Summary = field(default_factory=Summary)


def load_village_sheet(store, village_code: str) -> VillageSheet:
    if sheets_rows.area_level(store, village_code) != "village":
        raise ReportError(ErrorCode.NOT_A_VILLAGE, where=village_code)
    households = sheets_rows.village_households(store, village_code)
    names = sheets_rows.area_names(store, village_code)
    visits = sheets_rows.village_visits_summary(store, village_code)
    return VillageSheet(
        village_code=village_code,
        village_name=names.get(village_code, ""),
        township_name=names.get(township_of(village_code), ""),
        county_name=names.get(county_of(village_code), ""),
        first=visits["first"], last=visits["last"], surveyors=visits["surveyors"],
        rows=[(h["uuid"], household_cells(h)) for h in households],
        field_found=sum(h["source"] == FIELD_SOURCE for h in households),
        rule_version=rule_of(store).version,
        summary=Summary.of(households),
    )


def page_slices(n_rows: int) -> list[tuple[int, int]]:
    return sheet_page.page_slices(n_rows, SUMMARY_H)


def page_hashes(rows: list[Row]) -> list[str]:
    return [rows_hash(rows[a:b]) for a, b in page_slices(len(rows))]


def header_of(sheet: VillageSheet) -> PageHeader:
    period = f"{sheet.first} 至 {sheet.last}" if sheet.first else "尚未入户"
    return PageHeader(
        title=f"{sheet.county_name}“户户通”入户核查确认表",
        lines=(
            (f"乡镇：{sheet.township_name}（{sheet.village_code[:9]}）　"
             f"村（社区）：{sheet.village_name}（{sheet.village_code}）　"
             f"覆盖标准版本：{sheet.rule_version or '—'}"),
            f"核查期间：{period}　核查人员：{'、'.join(sheet.surveyors) or '—'}",
            _scope_line(sheet),
        ))


def _scope_line(sheet: VillageSheet) -> str:
    statuses = "（已覆盖、未覆盖、未入户、空置、拒绝、迁出均列入），不落一户。"
    if not sheet.field_found:
        return f"本表列出本村花名册全部 {len(sheet.rows)} 户{statuses}"
    register = len(sheet.rows) - sheet.field_found
    return (f"本表列出本村全部 {len(sheet.rows)} 户：花名册 {register} 户，走访中新发现 "
            f"{sheet.field_found} 户（序号以“新”开头，列在最后）{statuses}")


def serial(sheet: VillageSheet, i: int) -> str:
    """Row number i (1-based) as printed: register households 1..n, field-found 新1..新m."""
    register = len(sheet.rows) - sheet.field_found
    return str(i) if i <= register else f"新{i - register}"


def draw_village_sheet(c: Canvas, sheet: VillageSheet, font: str, *, sheet_id: str, stamp: str,
                       generated_at: str,
                       progress: Progress | None = None) -> PrintedSheet:
    """Draw the sheet's pages onto `c` (one showPage per page); return its register entry."""
    slices = page_slices(len(sheet.rows))
    header = header_of(sheet)
    printed = PrintedSheet(sheet_id, "village", sheet.village_code, stamp, generated_at,
                           len(slices))
    top = HEADER_BOTTOM
    for page_no, (a, b) in enumerate(slices, 1):
        page_rows = sheet.rows[a:b]
        digest = rows_hash(page_rows)
        payload = Payload("village", sheet.village_code, stamp, page_no, len(slices), sheet_id,
                          digest)
        draw_frame(c, font, header, payload, generated_at)
        numbered = [(serial(sheet, i), cells) for i, (_uuid, cells) in enumerate(page_rows, a + 1)]
        y = draw_table(c, font, top, TABLE, numbered, always_header=not sheet.rows)
        if not sheet.rows:
            draw_text(c, "（本村花名册中没有住户）", MARGIN_X + CONTENT_W / 2, y - 16, font, 9,
                      align="center")
            y -= 24
        if page_no == len(slices):
            draw_summary(c, sheet.summary, font, y - 14)
        c.showPage()
        printed.page_list.append(PrintedPage(page_no, digest, page_rows))
        if progress and progress(b, len(sheet.rows)) is False:
            raise Cancelled(ErrorCode.CANCELLED_FILES)
    return printed


def draw_summary(c: Canvas, s: Summary, font: str, top: float) -> None:
    """Totals, reasons for non-coverage and the sign-off boxes, SUMMARY_H high."""
    x = MARGIN_X
    draw_text(c, "汇总", x, top - 12, font, 11)
    items = [("总户数", s.total), *s.status_items(), ("覆盖率", s.rate_text()), *s.person_items()]
    widths = [CONTENT_W / len(items)] * len(items)
    t = top - 20
    c.setFillGray(0.9)
    c.rect(x, t - 18, CONTENT_W, 18, stroke=0, fill=1)
    c.setFillGray(0)
    draw_row_text(c, x, t, widths, 18, [k for k, _ in items], font, 8, ["center"] * len(items))
    draw_row_text(c, x, t - 18, widths, 18, [str(v) for _, v in items], font, 9,
                  ["center"] * len(items))
    draw_grid(c, x, t, widths, [18, 18])
    t -= 36
    draw_text(c, f"未覆盖原因：{s.reason_text()}", x, t - 13, font, 8.5, CONTENT_W)
    draw_text(c, "覆盖率 = 已覆盖 ÷（总户数 − 空置房 − 已迁出/合户）；家中无人 = 已上门但家中无人，需补访",
              x, t - 26, font, 7.5, CONTENT_W)
    draw_signoff(c, font, t - 40)


SIGNOFF = (
    ("村民委员会（盖章）", "负责人签字："),
    ("乡镇核查人员", "签字："),
    ("县融媒体中心审核", "审核人签字："),
)


def draw_signoff(c: Canvas, font: str, top: float, boxes=SIGNOFF, height: float = 120.0) -> None:
    gap = 10.0
    w = (CONTENT_W - (len(boxes) - 1) * gap) / len(boxes)
    for i, (title, sign) in enumerate(boxes):
        x = MARGIN_X + i * (w + gap)
        c.setLineWidth(0.6)
        c.rect(x, top - height, w, height, stroke=1, fill=0)
        draw_text(c, title, x + 6, top - 15, font, 9.5)
        draw_text(c, sign, x + 6, top - height + 36, font, 8.5)
        draw_text(c, "日期：　　　年　　月　　日", x + 6, top - height + 14, font, 8.5)

"""The frame every printed page shares: A4 portrait, a header band with the title and the QR code
at the top right, and a footer with the page number, the sheet number and the check code."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from .payload import Payload, qr_text
from .pdf_draw import draw_grid, draw_qr, draw_row_text, draw_text

PAGE_W, PAGE_H = A4
MARGIN_X = 36.0
CONTENT_W = PAGE_W - 2 * MARGIN_X
QR_SIZE = 64.0
HEADER_BOTTOM = PAGE_H - 104.0  # the table starts here on every page
FOOTER_TOP = 40.0  # nothing of the body goes below this


def new_canvas(target, font: str, title: str, subject: str = "") -> Canvas:
    """An A4 canvas whose only font is the embedded CJK one (no unembedded Helvetica)."""
    c = Canvas(target, pagesize=A4, pageCompression=1, initialFontName=font,
               initialFontSize=9)
    c.setTitle(title)
    c.setSubject(subject)
    c.setAuthor("fieldapp")
    c.setCreator("fieldapp 户户通入户核查")
    return c


@dataclass
class PageHeader:
    title: str
    lines: tuple[str, ...]  # up to three short lines under the title


def draw_frame(c: Canvas, font: str, header: PageHeader, payload: Payload,
               generated_at: str) -> None:
    """Header band, QR and footer of one page (the body is drawn by the caller)."""
    text_w = CONTENT_W - QR_SIZE - 12
    draw_text(c, header.title, MARGIN_X + text_w / 2, PAGE_H - 48, font, 15, text_w, "center")
    y = PAGE_H - 66
    for line in header.lines[:3]:
        draw_text(c, line, MARGIN_X, y, font, 8.5, text_w)
        y -= 13
    code = qr_text(payload)
    draw_qr(c, code, PAGE_W - MARGIN_X - QR_SIZE, PAGE_H - 30 - QR_SIZE, QR_SIZE)
    c.setLineWidth(0.4)
    c.line(MARGIN_X, FOOTER_TOP - 8, PAGE_W - MARGIN_X, FOOTER_TOP - 8)
    draw_text(c, f"第 {payload.page} 页 共 {payload.pages} 页", PAGE_W / 2, 20, font, 9,
              align="center")
    draw_text(c, f"核验码 {code}", MARGIN_X, 10, font, 5.5)
    draw_text(c, f"表号 {payload.sheet_id} · 生成于 {generated_at}", PAGE_W - MARGIN_X, 20, font,
              7, align="right")


TABLE_HEADER_H = 20.0
ROW_H = 20.0
ROWS_PER_PAGE = int((HEADER_BOTTOM - TABLE_HEADER_H - FOOTER_TOP) // ROW_H)


def page_slices(n_rows: int, summary_h: float) -> list[tuple[int, int]]:
    """Row ranges of the pages of a table with fixed row heights. The summary (summary_h points)
    goes under the last rows if it fits, else on a page of its own (a page with no rows)."""
    slices = [(i, min(i + ROWS_PER_PAGE, n_rows)) for i in range(0, n_rows, ROWS_PER_PAGE)]
    if not slices:
        return [(0, 0)]
    last = slices[-1][1] - slices[-1][0]
    if HEADER_BOTTOM - TABLE_HEADER_H - last * ROW_H - summary_h < FOOTER_TOP:
        slices.append((n_rows, n_rows))
    return slices


@dataclass(frozen=True)
class TableStyle:
    widths: tuple[float, ...]
    columns: tuple[str, ...]
    aligns: tuple[str, ...]
    lines: tuple[int, ...] | None
    size: float


def draw_table(c: Canvas, font: str, top: float, style: TableStyle, numbered_rows,
               *, always_header: bool = False) -> float:
    """One page of a sheet's table: grey header, the rows [(number, cells)], the grid; returns
    the y under it. A page without rows (the summary page of a full sheet) gets no table at all,
    so no empty header is printed — unless `always_header` (an empty sheet shows its columns)."""
    if not numbered_rows and not always_header:
        return top
    c.setFillGray(0.9)
    c.rect(MARGIN_X, top - TABLE_HEADER_H, CONTENT_W, TABLE_HEADER_H, stroke=0, fill=1)
    c.setFillGray(0)
    draw_row_text(c, MARGIN_X, top, style.widths, TABLE_HEADER_H, style.columns, font,
                  style.size, ["center"] * len(style.columns))
    y = top - TABLE_HEADER_H
    for number, cells in numbered_rows:
        draw_row_text(c, MARGIN_X, y, style.widths, ROW_H, (number, *cells, ""), font,
                      style.size, style.aligns, style.lines)
        y -= ROW_H
    draw_grid(c, MARGIN_X, top, style.widths, [TABLE_HEADER_H] + [ROW_H] * len(numbered_rows))
    return y

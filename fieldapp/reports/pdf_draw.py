"""Drawing primitives on a reportlab canvas: fitted text, fixed-height table pages, QR codes.

Sheets draw their tables straight onto the canvas with fixed row heights: pagination is then a
plain division (so a page's rows are known before drawing, for its QR hash) and the time is linear
in rows (a platypus LongTable of thousands of rows is superlinear).
"""

from __future__ import annotations

from collections.abc import Sequence

import segno
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

PAD = 2.0
QR_MASK = 2


def fit_lines(text: str, width: float, font: str, size: float,
              max_lines: int = 1, min_size: float = 5.0) -> tuple[list[str], float]:
    """Lines and font size that fit `text` into `width`: shrink, then wrap, then cut with '…'."""
    if not text:
        return [], size
    w = stringWidth(text, font, size)
    if w <= width:
        return [text], size
    if max_lines == 1 or len(text) < 4:
        s = max(min_size, size * width / w)
        return [_cut(text, width, font, s)], s
    s = size
    while s >= min_size:
        lines = _wrap(text, width, font, s)
        if len(lines) <= max_lines:
            return lines, s
        s -= 0.5
    lines = _wrap(text, width, font, min_size)
    return lines[: max_lines - 1] + [_cut("".join(lines[max_lines - 1:]), width, font,
                                          min_size)], min_size


def _wrap(text: str, width: float, font: str, size: float) -> list[str]:
    lines, cur = [], ""
    for ch in text:
        if cur and stringWidth(cur + ch, font, size) > width:
            lines.append(cur)
            cur = ch.lstrip("；，、 ")
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


def _cut(text: str, width: float, font: str, size: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def draw_text(c: Canvas, text: str, x: float, y: float, font: str, size: float,
              width: float | None = None, align: str = "left") -> None:
    """One line at baseline y; cut to `width` if given."""
    if width is not None:
        text = _cut(text, width, font, size)
    c.setFont(font, size)
    if align == "center":
        c.drawCentredString(x, y, text)
    elif align == "right":
        c.drawRightString(x, y, text)
    else:
        c.drawString(x, y, text)


def draw_grid(c: Canvas, x: float, top: float, widths: Sequence[float],
              heights: Sequence[float], line_width: float = 0.5) -> None:
    """Cell borders of a table whose rows have the given heights, as one path."""
    total_w = sum(widths)
    total_h = sum(heights)
    p = c.beginPath()
    y = top
    p.moveTo(x, y)
    p.lineTo(x + total_w, y)
    for h in heights:
        y -= h
        p.moveTo(x, y)
        p.lineTo(x + total_w, y)
    cx = x
    for w in (0, *widths):
        cx += w
        p.moveTo(cx, top)
        p.lineTo(cx, top - total_h)
    c.setLineWidth(line_width)
    c.drawPath(p, stroke=1, fill=0)


def draw_row_text(c: Canvas, x: float, top: float, widths: Sequence[float], height: float,
                  cells: Sequence[str], font: str, size: float,
                  aligns: Sequence[str] | None = None,
                  max_lines: Sequence[int] | None = None) -> None:
    """Texts of one table row, vertically centred, each fitted into its cell."""
    t = c.beginText()
    cx = x
    for i, (w, text) in enumerate(zip(widths, cells)):
        if text:
            lines, s = fit_lines(text, w - 2 * PAD, font, size, max_lines[i] if max_lines else 2)
            lead = s * 1.15
            y = top - height / 2 + (len(lines) - 1) * lead / 2 - s * 0.35
            align = aligns[i] if aligns else "left"
            t.setFont(font, s)
            for line in lines:
                if align == "center":
                    lx = cx + (w - stringWidth(line, font, s)) / 2
                else:
                    lx = cx + PAD
                t.setTextOrigin(lx, y)
                t.textOut(line)
                y -= lead
        cx += w
    c.drawText(t)


def draw_qr(c: Canvas, text: str, x: float, y: float, size: float) -> None:
    """A QR code (error correction M) with its lower-left corner at (x, y), `size` points wide;
    the caller leaves white space around it. The mask pattern is fixed (any of the eight is
    valid; choosing the "best" one costs more than drawing the whole page)."""
    qr = segno.make(text, error="m", micro=False, boost_error=False, mask=QR_MASK)
    matrix = qr.matrix
    n = len(matrix)
    m = size / n
    p = c.beginPath()
    for r, row in enumerate(matrix):
        yy = y + size - (r + 1) * m
        start = None
        for col in range(n + 1):
            dark = col < n and row[col]
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                p.rect(x + start * m, yy - 0.02 * m, (col - start) * m, m * 1.04)
                start = None
    c.saveState()
    c.setFillGray(0)
    c.drawPath(p, stroke=0, fill=1)
    c.restoreState()

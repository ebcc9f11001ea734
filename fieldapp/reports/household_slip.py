"""入户确认单: a one-household confirmation slip, signed by the household head at the visit.
One A4 page per household, with the same QR check as the village sheet."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from fieldapp.core.messages import ErrorCode
from fieldapp.core.divisions import county_of, township_of
from fieldapp.store.reports import sheet_rows as sheets_rows
from fieldapp.store.reports.printed_sheets import PrintedPage, PrintedSheet

from .errors import ReportError
from .labels import OPERATOR_LABELS_ZH, SATISFACTION_ZH, yes_no
from .payload import Payload, rows_hash
from .pdf_draw import draw_grid, draw_row_text, draw_text
from .sheet_page import CONTENT_W, HEADER_BOTTOM, MARGIN_X, PageHeader, draw_frame
from .sheet_rows import channels_text, household_cells
from .village_sheet import draw_signoff

SLIP_FIELDS = ("家庭人口", "地址", "能否正常收看", "电视机台数", "运营商", "能收看的频道", "宽带",
               "有线付费用户", "已移交", "被收取费用", "收费金额及收费人", "应急广播终端",
               "终端是否正常", "满意度", "核查人", "核查时间")
SIGNOFF = (("户主确认", "户主签字（按手印）："), ("核查人员", "签字："))
DECLARATION = ("以上信息经本户户主核对确认属实。入户核查不收取任何费用；"
               "如遇收费，请向乡镇或县融媒体中心反映。")


def slip_cells(h: Mapping[str, Any]) -> tuple[str, ...]:
    """The household's sheet cells followed by the visit details (SLIP_FIELDS)."""
    a = h.get("answers") or {}
    channels = channels_text(a.get("channels"))
    charged = a.get("illegal_charge") == "yes"
    who = " ".join(str(x) for x in (a.get("charge_amount"), a.get("charged_by")) if x)
    op = a.get("operator")
    return (*household_cells(h),
            str(h.get("size") or ""), str(h.get("address") or ""), yes_no(a.get("works_now")),
            str(a.get("tv_sets", "")), OPERATOR_LABELS_ZH.get(str(op), str(op or "")), channels,
            yes_no(a.get("broadband")), yes_no(a.get("paid_cable_subscriber")),
            yes_no(a.get("handed_over")), yes_no(a.get("illegal_charge")),
            (who + (" 元" if a.get("charge_amount") else "")).strip() if charged else "",
            yes_no(a.get("eb_terminal")), yes_no(a.get("eb_working")),
            SATISFACTION_ZH.get(str(a.get("satisfaction")), ""), str(h.get("surveyor") or ""),
            str(h.get("visited_at") or "")[:16].replace("T", " "))


def load_slip(store, household_uuid: str) -> tuple[dict[str, Any], dict[str, str]]:
    h = sheets_rows.households_by_uuid(store, [household_uuid]).get(household_uuid)
    if h is None or h["deleted"]:
        raise ReportError(ErrorCode.NO_SUCH_HOUSEHOLD, where=household_uuid)
    return h, sheets_rows.area_names(store, h["village_code"])


def draw_slip(c: Canvas, h: Mapping[str, Any], names: Mapping[str, str], font: str, *,
              sheet_id: str, stamp: str, generated_at: str) -> PrintedSheet:
    v = h["village_code"]
    cells = slip_cells(h)
    digest = rows_hash([(h["uuid"], cells)])
    payload = Payload("slip", v, stamp, 1, 1, sheet_id, digest)
    header = PageHeader(
        title=f"{names.get(county_of(v), '')}“户户通”入户确认单",
        lines=(f"乡镇：{names.get(township_of(v), '')}　村（社区）：{names.get(v, '')}（{v}）",
               f"村民小组：{cells[0] or '—'}", ""))
    draw_frame(c, font, header, payload, generated_at)
    d = dict(zip(("组", "户主姓名", "身份证号码", "联系电话", "收视方式", "核查状态", "原因",
                  "后续跟进", *SLIP_FIELDS), cells))
    pairs = [("户主姓名", "身份证号码"), ("联系电话", "家庭人口"), ("地址",),
             ("核查状态", "原因"), ("收视方式", "能否正常收看"), ("电视机台数", "运营商"),
             ("能收看的频道", "宽带"), ("有线付费用户", "已移交"),
             ("被收取费用", "收费金额及收费人"), ("应急广播终端", "终端是否正常"),
             ("满意度", "核查人"), ("核查时间",), ("后续跟进",)]
    key_w, row_h = 90.0, 26.0
    val_w = CONTENT_W / 2 - key_w
    top = HEADER_BOTTOM
    for pair in pairs:
        if len(pair) == 2:
            widths = (key_w, val_w, key_w, val_w)
            texts = (pair[0], d[pair[0]], pair[1], d[pair[1]])
        else:
            widths = (key_w, CONTENT_W - key_w)
            texts = (pair[0], d[pair[0]])
        c.setFillGray(0.92)
        for i in range(0, len(widths), 2):
            c.rect(MARGIN_X + sum(widths[:i]), top - row_h, widths[i], row_h, stroke=0, fill=1)
        c.setFillGray(0)
        draw_row_text(c, MARGIN_X, top, widths, row_h, texts, font, 10)
        draw_grid(c, MARGIN_X, top, widths, [row_h])
        top -= row_h
    draw_text(c, DECLARATION, MARGIN_X, top - 22, font, 9, CONTENT_W)
    draw_signoff(c, font, top - 36, SIGNOFF, height=100)
    c.showPage()
    printed = PrintedSheet(sheet_id, "slip", v, stamp, generated_at, 1)
    printed.page_list.append(PrintedPage(1, digest, [(h["uuid"], cells)]))
    return printed

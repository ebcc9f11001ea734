"""Errors of sheet and report generation (messages in Chinese, naming the file or code)."""

from __future__ import annotations

from fieldapp.core.errors import FieldappError


class ReportError(FieldappError):
    code = "report"


class Cancelled(ReportError):
    code = "cancelled"

    def __init__(self, message: str = "已取消，未写入任何文件", **kw):
        super().__init__(message, **kw)


class PayloadError(ReportError):
    code = "bad_payload"


class FontMissing(ReportError):
    code = "font_missing"

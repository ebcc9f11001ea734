"""Errors of sheet and report generation (messages in Chinese, naming the file or code)."""

from __future__ import annotations

from fieldapp.core.errors import FieldappError


class ReportError(FieldappError):
    code = "report"


class PayloadError(ReportError):
    code = "bad_payload"


class FontMissing(ReportError):
    code = "font_missing"

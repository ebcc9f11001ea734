"""Spreadsheet cells we write never start a formula (OWASP "CSV injection"): a text value that
begins with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a leading apostrophe, so
Excel, WPS and LibreOffice show it as text instead of evaluating it (`=HYPERLINK(...)` in a household
name stays a name). Numbers stay numbers."""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value to write into a CSV or XLSX cell."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(row: Any) -> list[Any]:
    return [safe_cell(v) for v in row]

"""A row or feature of a map file not imported, as the plans list it."""

from __future__ import annotations

from typing import Any

from fieldapp.core.messages import Said


def refused(row: int | str | Said, why: Said | str) -> dict[str, Any]:
    """A row not imported: its number (or label, and row_en) and why, in Chinese and English
    (reason_en)."""
    out: dict[str, Any] = {"row": row if isinstance(row, int | str) else str(row)}
    if isinstance(row, Said):
        out["row_en"] = row.text("en")
    out["reason"] = str(why)
    out["reason_en"] = why if isinstance(why, str) else why.text("en")
    return out

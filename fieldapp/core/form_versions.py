"""Ordering XLSForm `version` settings (e.g. "2026112501"): compared as numbers when both are
digits, else as text (a text version sorts below every number)."""

from __future__ import annotations


def version_key(v: str) -> tuple[int, int, str]:
    s = str(v).strip()
    return (1, int(s), "") if s.isdigit() else (0, 0, s)


def newer(v: str, than: str) -> bool:
    return version_key(v) > version_key(than)

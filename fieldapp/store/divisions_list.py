"""The townships and villages of a database, for listing and for finding one by name."""

from __future__ import annotations

from fieldapp.core.division_names import Division


def divisions(store, under: str | None = None) -> list[Division]:
    """Every live area (county, townships, villages) by code; `under` keeps one township's."""
    rows = store.conn.execute(
        "SELECT a.code, a.name, a.level, coalesce(p.name, '') FROM areas a"
        " LEFT JOIN areas p ON p.code = a.parent_code WHERE a.deleted = 0 ORDER BY a.code")
    out = [Division(*r) for r in rows]
    if under:
        out = [d for d in out if d.code == under or d.code.startswith(under[:9])
               and d.level == "village"]
    return out

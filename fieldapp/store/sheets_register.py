"""The register of printed sheets (table printed_sheets / printed_pages, migration v005)."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .db import Store


@dataclass
class PrintedPage:
    page: int
    row_hash: str
    rows: list[tuple[str, Sequence[str]]]  # (uuid, printed cells)


@dataclass
class PrintedSheet:
    sheet_id: str
    kind: str
    area_code: str
    stamp: str
    generated_at: str
    pages: int
    file: str = ""
    page_list: list[PrintedPage] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(len(p.rows) for p in self.page_list)


def pack_rows(rows: list[tuple[str, Sequence[str]]]) -> bytes:
    return zlib.compress(json.dumps([[u, list(c)] for u, c in rows], ensure_ascii=False)
                         .encode(), 6)


def unpack_rows(blob: bytes) -> list[tuple[str, list[str]]]:
    return [(u, c) for u, c in json.loads(zlib.decompress(blob))]


def record_sheets(store: Store, sheets: Iterable[PrintedSheet], user: str = "") -> int:
    """Register printed sheets and their pages in one transaction; returns the number of pages."""
    n = 0
    with store.transaction() as conn:
        for s in sheets:
            conn.execute(
                "INSERT INTO printed_sheets(sheet_id, kind, area_code, stamp, generated_at, pages,"
                " rows, file, user) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (s.sheet_id, s.kind, s.area_code, s.stamp, s.generated_at, s.pages, s.rows,
                 s.file, user))
            conn.executemany(
                "INSERT INTO printed_pages(sheet_id, page, row_hash, rows) VALUES (?, ?, ?, ?)",
                [(s.sheet_id, p.page, p.row_hash, pack_rows(p.rows)) for p in s.page_list])
            n += len(s.page_list)
    return n


def find_page(store: Store, sheet_id: str, page: int) -> dict[str, Any] | None:
    """The registered sheet with one page's rows, or None if this database never printed it."""
    row = store.conn.execute(
        "SELECT s.kind, s.area_code, s.stamp, s.generated_at, s.pages, s.file, p.row_hash, p.rows"
        " FROM printed_sheets s JOIN printed_pages p ON p.sheet_id = s.sheet_id"
        " WHERE s.sheet_id = ? AND p.page = ?", (sheet_id, page)).fetchone()
    if row is None:
        return None
    kind, area, stamp, at, pages, file, digest, blob = row
    return {"kind": kind, "area_code": area, "stamp": stamp, "generated_at": at, "pages": pages, "file": file,
                "row_hash": digest, "rows": unpack_rows(blob)}


def sheet_uuids(store: Store, sheet_id: str) -> set[str]:
    """Every record uuid printed on any page of the sheet."""
    out: set[str] = set()
    for (blob,) in store.conn.execute(
            "SELECT rows FROM printed_pages WHERE sheet_id = ?", (sheet_id,)):
        out.update(u for u, _ in unpack_rows(blob))
    return out


def last_printed(store: Store) -> dict[str, Any] | None:
    """The most recently registered sheet (sheet_id, kind, area_code, stamp, pages, file)."""
    cur = store.conn.execute(
        "SELECT sheet_id, kind, area_code, stamp, generated_at, pages, file FROM printed_sheets"
        " ORDER BY rowid DESC LIMIT 1")
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row)) if row else None


def printed_sheet_count(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM printed_sheets").fetchone()[0]


def sheet_ids_in_use(store: Store, ids: Iterable[str]) -> set[str]:
    ids = list(ids)
    marks = ",".join("?" for _ in ids) or "NULL"
    return {r[0] for r in store.conn.execute(
        f"SELECT sheet_id FROM printed_sheets WHERE sheet_id IN ({marks})", ids)}

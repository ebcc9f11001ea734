"""The register of printed sheets: the synced table sheet_prints (v007), and the local
printed_sheets / printed_pages (v005) of sheets printed before, still read."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fieldapp.store.db import Store


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


def pack_pages(pages: Sequence[PrintedPage]) -> bytes:
    return zlib.compress(json.dumps(
        [[p.page, p.row_hash, [[u, list(c)] for u, c in p.rows]] for p in pages],
        ensure_ascii=False).encode(), 6)


def unpack_pages(blob: bytes) -> list[PrintedPage]:
    return [PrintedPage(page, digest, [(u, c) for u, c in rows])
            for page, digest, rows in json.loads(zlib.decompress(blob))]


def record_sheets(store: Store, sheets: Iterable[PrintedSheet], user: str = "") -> int:
    """Register printed sheets and their pages in one change-logged transaction (the register
    syncs, so a page printed on a township laptop verifies at the county with its changes);
    returns the number of pages."""
    records, n = [], 0
    for s in sheets:
        records.append({
            "sheet_id": s.sheet_id, "kind": s.kind, "area_code": s.area_code, "stamp": s.stamp,
            "generated_at": s.generated_at, "pages": s.pages, "row_count": s.rows,
            "file": s.file, "printed_by": user, "page_data": pack_pages(s.page_list)})
        n += len(s.page_list)
    with store.write(user) as w:
        w.insert_many("sheet_prints", records)
    return n


_PRINT_COLS = "kind, area_code, stamp, generated_at, pages, file"


def _synced(store: Store, sheet_id: str, area_code: str | None = None,
            stamp: str | None = None) -> tuple | None:
    """The synced record of a sheet id; of two devices' sheets that drew the same id, the one
    printed for that area at that minute (as the QR says)."""
    rows = store.conn.execute(
        f"SELECT {_PRINT_COLS}, page_data FROM sheet_prints WHERE sheet_id = ? AND deleted = 0"
        " ORDER BY rowid", (sheet_id,)).fetchall()
    return next((r for r in rows if (area_code, stamp) in ((None, None), (r[1], r[2]))),
                rows[0] if rows else None)


def find_page(store: Store, sheet_id: str, page: int, area_code: str | None = None,
              stamp: str | None = None) -> dict[str, Any] | None:
    """The registered sheet with one page's rows, or None if this database has no record of
    printing it (here, or on a device whose bundles were merged here)."""
    found = _synced(store, sheet_id, area_code, stamp)
    if found is not None:
        *head, blob = found
        match = next((p for p in unpack_pages(blob) if p.page == page), None)
        if match is None:
            return None
        digest, rows = match.row_hash, match.rows
    else:  # printed before v007: the local register
        row = store.conn.execute(
            f"SELECT {', '.join('s.' + c for c in _PRINT_COLS.split(', '))}, p.row_hash, p.rows"
            " FROM printed_sheets s JOIN printed_pages p ON p.sheet_id = s.sheet_id"
            " WHERE s.sheet_id = ? AND p.page = ?", (sheet_id, page)).fetchone()
        if row is None:
            return None
        *head, digest, blob = row
        rows = unpack_rows(blob)
    out = dict(zip(_PRINT_COLS.split(", "), head))
    return out | {"row_hash": digest, "rows": rows}


def sheet_uuids(store: Store, sheet_id: str, area_code: str | None = None,
                stamp: str | None = None) -> set[str]:
    """Every record uuid printed on any page of the sheet."""
    found = _synced(store, sheet_id, area_code, stamp)
    if found is not None:
        return {u for p in unpack_pages(found[-1]) for u, _ in p.rows}
    out: set[str] = set()
    for (blob,) in store.conn.execute(
            "SELECT rows FROM printed_pages WHERE sheet_id = ?", (sheet_id,)):
        out.update(u for u, _ in unpack_rows(blob))
    return out


def last_printed(store: Store) -> dict[str, Any] | None:
    """The most recently registered sheet (sheet_id, kind, area_code, stamp, pages, file)."""
    synced = (f"SELECT sheet_id, {_PRINT_COLS} FROM sheet_prints WHERE deleted = 0"
              " ORDER BY rowid DESC LIMIT 1")
    legacy = f"SELECT sheet_id, {_PRINT_COLS} FROM printed_sheets ORDER BY rowid DESC LIMIT 1"
    for sql in (synced, legacy):
        cur = store.conn.execute(sql)
        row = cur.fetchone()
        if row:
            return dict(zip([d[0] for d in cur.description], row))
    return None


def printed_sheet_count(store: Store) -> int:
    return store.conn.execute(
        "SELECT (SELECT count(*) FROM sheet_prints WHERE deleted = 0)"
        " + (SELECT count(*) FROM printed_sheets)").fetchone()[0]


def sheet_ids_in_use(store: Store, ids: Iterable[str]) -> set[str]:
    ids = list(ids)
    return {r[0] for r in store.conn.execute(
        "SELECT sheet_id FROM sheet_prints WHERE sheet_id IN (SELECT value FROM json_each(?))"
        " UNION SELECT sheet_id FROM printed_sheets"
        " WHERE sheet_id IN (SELECT value FROM json_each(?))",
        (json.dumps(ids), json.dumps(ids)))}

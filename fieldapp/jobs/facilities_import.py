"""Import a register of service points or emergency-broadcast terminals from .xlsx/.csv, shared by
`fieldapp service-points|terminals import` and the places tab. The whole file is checked before
anything is written: the first unusable cell stops the import naming the file, row and column.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from fieldapp.core.division_names import find, shorter_forms
from fieldapp.core.divisions import CodeError, level_of, normalize_code
from fieldapp.core.facilities import (
    COLUMNS,
    KIND_LABELS_ZH,
    LAT_RANGE,
    LON_RANGE,
    STATUS_LABELS_ZH,
    TEXT_FIELDS,
    FacilityError,
    coordinate,
    header_map,
    kind_of,
    status_of,
)
from fieldapp.core.messages import ErrorCode, Words
from fieldapp.core.register_rows import cell_text
from fieldapp.store.divisions_list import divisions
from fieldapp.store.facilities import save_facilities
from fieldapp.tabular.read import read_table


@dataclass
class FacilityImport:
    file: str
    rows: int
    added: int
    updated: int

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "rows": self.rows, "added": self.added,
                "updated": self.updated}


def import_facilities(store, path: str | os.PathLike, kinds: Iterable[str], *,
                      user: str | None = None, sheet: str | None = None) -> FacilityImport:
    """Read the file and add or update its records. `kinds`: the kinds this register may hold
    (one kind: the 类型 column is optional)."""
    kinds = tuple(kinds)
    table = read_table(path, sheet)
    try:
        records = _Rows(store, kinds).parse(table.rows)
    except FacilityError as exc:  # the same message, naming the file
        raise FacilityError(exc.entry, where=str(path), **exc.params) from None
    added, updated = save_facilities(store, user, records)
    return FacilityImport(str(path), len(records), len(added), updated)


def _fail(code: ErrorCode, **params) -> FacilityError:
    return FacilityError(code, **params)


class _Rows:
    def __init__(self, store, kinds: tuple[str, ...]):
        self.kinds = kinds
        self.areas = divisions(store)

    def parse(self, rows: list[list[Any]]) -> list[dict[str, Any]]:
        head_at, cols = self._header(rows)
        out = []
        for i in range(head_at + 1, len(rows)):
            cells = {f: cell_text(rows[i][c]) if c < len(rows[i]) else ""
                     for f, c in cols.items()}
            if any(cells.values()):
                out.append(self._record(i + 1, cells))
        if not out:
            raise _fail(ErrorCode.FACILITY_NO_ROWS)
        return out

    def _header(self, rows: list[list[Any]]) -> tuple[int, dict[str, int]]:
        for i, row in enumerate(rows[:20]):
            cols = header_map([cell_text(c) for c in row])
            if "name" in cols:
                for need in ("township",) + (("kind",) if len(self.kinds) > 1 else ()):
                    if need not in cols:
                        raise _fail(ErrorCode.FACILITY_NO_COLUMN, row=i + 1,
                                    column=COLUMNS[need][0])
                return i, cols
        raise _fail(ErrorCode.FACILITY_NO_COLUMN, row=1, column=COLUMNS["name"][0])

    def _record(self, row: int, cells: dict[str, str]) -> dict[str, Any]:
        kind = self.kinds[0] if len(self.kinds) == 1 else None
        if len(self.kinds) > 1 or cells.get("kind"):
            kind = kind_of(cells.get("kind"))
            if kind not in self.kinds:
                self._bad(row, "kind", cells.get("kind", ""), _choices(
                    [KIND_LABELS_ZH[k] for k in self.kinds], self.kinds))
        for need in ("township", "name"):
            if not cells.get(need):
                raise _fail(ErrorCode.FACILITY_EMPTY, row=row, column=COLUMNS[need][0])
        township = self._area(row, "township", cells["township"], None)
        village = self._area(row, "village", cells["village"], township) \
            if cells.get("village") else None
        if kind == "agency" and village is None:
            raise _fail(ErrorCode.FACILITY_EMPTY, row=row, column=COLUMNS["village"][0])
        status = status_of(cells.get("status"))
        if status is None:
            self._bad(row, "status", cells["status"], _choices(
                [v for k, v in STATUS_LABELS_ZH.items() if k], [k for k in STATUS_LABELS_ZH if k]))
        rec = {f: cells.get(f) or None for f in TEXT_FIELDS}
        rec.update(kind=kind, township_code=township, village_code=village, status=status,
                   lon=self._coord(row, "lon", cells, LON_RANGE),
                   lat=self._coord(row, "lat", cells, LAT_RANGE))
        return rec

    def _bad(self, row: int, fld: str, value: str, allowed: str | Words) -> None:
        raise _fail(ErrorCode.FACILITY_BAD_VALUE, row=row, column=COLUMNS[fld][0], value=value,
                    allowed=allowed)

    def _coord(self, row: int, fld: str, cells: dict[str, str], bounds) -> float | None:
        value = coordinate(cells.get(fld), *bounds)
        if value is False:
            self._bad(row, fld, cells[fld], Words(f"{bounds[0]:g}–{bounds[1]:g} 度（WGS-84）",
                                                  f"{bounds[0]:g} to {bounds[1]:g} degrees "
                                                  "(WGS-84)"))
        return value  # type: ignore[return-value]

    def _area(self, row: int, fld: str, text: str, township: str | None) -> str:
        level = "township" if township is None else "village"
        if text.isdigit():
            try:
                code = normalize_code(text)
            except CodeError:
                code = ""
            hits = [d for d in self.areas if d.code == code and d.level == level]
        else:
            pool = self.areas if township is None else [
                d for d in self.areas if d.code.startswith(township[:9])]
            hits = []
            for form in shorter_forms(text):  # 东街村 names 东街村委会
                hits = hits or find(pool, form, (level,))
        if len(hits) != 1 or level_of(hits[0].code) != level:
            name = "" if township is None else _name(self.areas, township)
            detail = Words(f"（{name}）" if name else "", f" ({name})" if name else "")
            if hits:
                detail = Words(f"{detail.zh}，有 {len(hits)} 个同名，请填区划代码",
                               f"{detail.en}: {len(hits)} share the name; give the code")
            raise _fail(ErrorCode.FACILITY_NO_AREA, row=row, column=COLUMNS[fld][0], value=text,
                        detail=detail)
        return hits[0].code


def _choices(words: list[str], codes: list[str] | tuple[str, ...]) -> Words:
    """What a cell may say: the Chinese words, or in English the codes (a cell takes both)."""
    return Words("、".join(words), ", ".join(codes))


def _name(areas, code: str) -> str:
    return next((d.name for d in areas if d.code == code), code)

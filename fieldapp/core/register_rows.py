"""Turn the data rows of a household register into clean household records: full-width to
half-width, stray spaces removed, ID numbers and phones validated, duplicates within the file
found. Every rejected row keeps its row number in the file (1-based, as Excel shows it).
Pure: works on a grid of cell values.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from fieldapp.core.progress import Progress

from .idcard import id_said, normalize_id, normalize_phone, phone_said
from .messages import ErrorCode, Said
from .register_columns import Layout, header_key
from .register_villages import VillageResolver

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_TOTAL_MARKS = ("合计", "总计", "小计", "共计")
_FOOTER_MARKS = ("制表人", "制表：", "制表:", "审核人", "填表人", "填报人", "负责人", "注：", "注:",
                 "说明：", "说明:")
_SKIP_MARKS = _TOTAL_MARKS + _FOOTER_MARKS
_HEAD_RELATIONS = ("户主", "本人", "户主本人")
_NAME_OK = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff·A-Za-z]{1,15}$")


@dataclass(slots=True)
class RegisterRow:
    row: int  # row number in the file, 1-based
    village_code: str
    group_no: str
    head_name: str
    id_number: str = ""
    phone: str = ""
    size: int | None = None
    address: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Problem:
    """A row not imported (or a value left out): the row number and why, as a catalogue entry
    with its parameters, rendered only when shown (plain Chinese text from code not converted)."""

    row: int
    said: Said | str

    @property
    def reason(self) -> str:
        """The reason in Chinese (rejects workbooks, the GUI)."""
        return str(self.said)

    def text(self, language: str = "zh") -> str:
        return self.said if isinstance(self.said, str) else self.said.text(language)

    def as_dict(self) -> dict[str, Any]:
        """For --json: the row, the reason in both languages and its stable code."""
        said = self.said
        code = None if isinstance(said, str) else said.entry.code
        return {"row": self.row, "reason": self.reason, "reason_en": self.text("en"),
                "code": code}


@dataclass
class ParsedRegister:
    rows: list[RegisterRow] = field(default_factory=list)
    rejected: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    blank: int = 0  # empty rows, repeated headers and total lines, skipped silently
    members: int = 0  # family-member rows (与户主关系 not 户主), skipped


def cell_text(value: Any) -> str:
    """A cell as clean text: 3.0 -> "3", full-width -> half-width, spaces collapsed."""
    if value.__class__ is str:
        if not value.isascii():
            value = unicodedata.normalize("NFKC", value)
        return " ".join(value.split())
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return " ".join(unicodedata.normalize("NFKC", str(value)).split())


def group_text(value: Any) -> str:
    """"第３组" / "三组" / "3" / "3.0" -> "3"; other names ("东头") kept as written."""
    s = cell_text(value).replace(" ", "")
    s = re.sub(r"^第", "", s)
    s = re.sub(r"(村民小组|小组|组|社|队)$", "", s)
    if s and all(ch in _CN_DIGITS or ch == "十" for ch in s):
        return str(_cn_number(s))
    return s


def _cn_number(s: str) -> int:
    if "十" not in s:
        n = 0
        for ch in s:
            n = n * 10 + _CN_DIGITS[ch]
        return n
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


_CHECK = "10X98765432"
_MOBILE_FAST = re.compile(r"1[3-9]\d{9}", re.ASCII)
# The shape _plain_id_ok accepts, for ASCII digits only: 6 digits, a year 1900-2100, month
# 01-12, day 01-31, 3 digits, a check character (verified apart).
_PLAIN_ID = re.compile(r"\d{6}(?:19\d\d|20\d\d|2100)(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
                       r"\d{3}[\dXx]", re.ASCII)


def _plain_id_ok(s: str) -> bool:
    """Fast path for the common case: 18 ASCII characters, plausible date, right check digit."""
    if _PLAIN_ID.fullmatch(s):
        return _CHECK[2 * int(s[:17], 13) % 11] == s[17].upper()
    if len(s) != 18 or not s[:17].isdigit():
        return False
    m, d = int(s[10:12]), int(s[12:14])
    if not (1 <= m <= 12 and 1 <= d <= 31 and "1900" <= s[6:10] <= "2100"):
        return False
    # GB 11643 weights are 2^(17-i) mod 11, and 13 = 2 (mod 11): reading the 17 digits as a
    # base-13 number gives half the weighted sum modulo 11, in one C call.
    return _CHECK[2 * int(s[:17], 13) % 11] == s[17].upper()


def id_cell_problem(value: Any) -> Said | None:
    """Reason an ID cell cannot be trusted, including numbers Excel has already rounded."""
    if value.__class__ is str and _plain_id_ok(value):
        return None
    if isinstance(value, float) and abs(value) >= 1e15:
        return Said(ErrorCode.ID_STORED_AS_NUMBER)
    text = cell_text(value)
    if re.fullmatch(r"\d(\.\d+)?[Ee]\+?\d+", text):
        return Said(ErrorCode.ID_SCIENTIFIC)
    return id_said(text)


_NOT_FINITE = re.compile(r"[+-]?(nan|inf|infinity)", re.IGNORECASE)


def not_finite(value: Any) -> bool:
    """NaN or ±Inf, as a number or as text ("nan", "-Infinity")."""
    if isinstance(value, float):
        return not math.isfinite(value)
    return value.__class__ is str and _NOT_FINITE.fullmatch(value.strip()) is not None


def column_letter(index: int) -> str:
    """0 -> "A", 26 -> "AA" (as Excel names a column)."""
    out, index = "", index + 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def size_value(value: Any) -> int | None:
    s = cell_text(value).replace(" ", "").removesuffix("人").removesuffix("口")
    if s.isdigit() and 1 <= int(s) <= 50:
        return int(s)
    return None


def parse_rows(
    grid: Sequence[Sequence[Any]],
    layout: Layout,
    resolver: VillageResolver,
    fixed_village: str | None = None,
    progress: Progress | None = None,
) -> ParsedRegister:
    """Validate every row below the header. Rows are rejected (with their file row number) when
    they cannot be stored safely; small defects (a bad phone) are warnings and the value dropped."""
    parser = _RowParser(layout, resolver, fixed_village)
    first = layout.first_data_row
    total = len(grid) - first
    start = first
    for mark in range(first + 4999, len(grid), 5000):  # progress before every 5000th row
        parser.rows(grid, start, mark)
        if progress and progress(mark - first + 1, total) is False:
            raise KeyboardInterrupt
        start = mark
    parser.rows(grid, start, len(grid))
    return parser.out


_HEAD_CELLS = frozenset(("", None, *_HEAD_RELATIONS))  # relation cells of a household's head
_SIZES: dict[Any, int | None] = {float(n): n for n in range(1, 51)} | {"": None, None: None}


def _plain_id(value: Any) -> str | None:
    """The ID number of a cell holding a valid one as plain text, full-width digits too ("" for
    an empty cell), as _RowParser._id_number gives it; None for any other cell."""
    if value.__class__ is str:
        if not value.isascii():
            value = unicodedata.normalize("NFKC", value)  # as cell_text and normalize_id do
        if _PLAIN_ID.fullmatch(value) and _CHECK[2 * int(value[:17], 13) % 11] == \
                value[17].upper():
            return value.upper()
    return "" if value == "" or value is None else None


def _plain_size(value: Any) -> int | None | bool:
    """The size of a cell holding 1.0-50.0 (None for an empty cell), as _RowParser._size gives
    it; False for any other cell (a bool or an int would find 1.0 in _SIZES)."""
    if value.__class__ is float or value.__class__ is str or value is None:
        return _SIZES.get(value, False)
    return False


def _plain_phone(value: Any) -> str | None:
    """A mobile number written as 11 digits, full-width too ("" for an empty cell), as
    _RowParser._phone gives it; None for any other cell."""
    if value.__class__ is str:
        if value == "" or _MOBILE_FAST.fullmatch(value):
            return value  # ASCII digits already: as written
        if value.isascii():
            return None
        value = unicodedata.normalize("NFKC", value)  # as cell_text and normalize_phone do
        return value if _MOBILE_FAST.fullmatch(value) else None
    return "" if value is None else None


class _RowParser:
    """The steps of parse_rows for one row at a time, with what earlier rows taught it (the
    village of each place cell, IDs and names seen)."""

    def __init__(self, layout: Layout, resolver: VillageResolver, fixed_village: str | None):
        self.out = ParsedRegister()
        self.resolver, self.fixed_village = resolver, fixed_village
        cols = layout.columns
        self.width = width = max(cols.values(), default=0) + 1
        self.header_names = {"".join(cell_text(h).split()) for h in layout.headers if h} | {
            header_key(h) for h in layout.headers if h}
        self.header_names.discard("")
        self.own = [cols[f] for f in ("head_name", "relation", "id_number", "phone", "size",
                                      "address", "notes") if f in cols]
        (self.c_name, self.c_rel, self.c_id, self.c_phone, self.c_size, self.c_addr,
         self.c_notes, self.c_village, self.c_town, self.c_code, self.c_group) = (
            cols.get(f, width) for f in ("head_name", "relation", "id_number", "phone", "size",
                                         "address", "notes", "village", "township",
                                         "village_code", "group_no"))
        self.pad = [""] * (width + 1)  # index `width` is the always-empty cell of unmapped fields
        self.seen_id: dict[str, int] = {}
        self.seen_name: dict[tuple[str, str, str], list[tuple[int, str, str]]] = {}
        self.where_cache: dict[tuple[Any, Any, Any], Any] = {}
        self.group_cache: dict[Any, str] = {}

    def rows(self, grid: Sequence[Sequence[Any]], start: int, stop: int) -> None:
        """row() for grid[start:stop]. A row in the usual shape (see _plain_reader) is taken
        without the steps' calls; any other row goes through row(), which finds the same."""
        width, pad, append = self.width, self.pad, self.out.rows.append
        plain, seen_id, seen_name = self._plain_reader(), self.seen_id, self.seen_name
        for index in range(start, stop):
            raw = grid[index]
            if len(raw) <= width:
                raw = list(raw) + pad[len(raw):]
            got = plain(raw)
            if got is None:
                self.row(index + 1, raw)
                continue
            code, group, name, id_number, phone, size, address, notes = got
            name_key = (code, group, name)
            if (id_number and id_number in seen_id) or name_key in seen_name:
                if self._duplicate(index + 1, code, group, name, id_number, address):
                    continue
            else:  # as _duplicate remembers a row seen for the first time
                seen_name[name_key] = [(index + 1, id_number, address)]
                if id_number:
                    seen_id[id_number] = index + 1
            append(RegisterRow(index + 1, code, group, name, id_number, phone, size, address,
                               notes))

    def _plain_reader(self):
        """A function of a (padded) row: its values when row() would take every one as it is
        written (a serial number or text first, a name of letters seen before or fit, a head or
        no relation, a village and group already resolved, a valid ID number, a size and a
        mobile number as numbers and digits, or empty), else None. It changes nothing but its
        cache of names, so row() can take a row it declines from the start."""
        c_name, c_rel, c_id, c_phone, c_size, c_addr, c_notes, c_group = (
            self.c_name, self.c_rel, self.c_id, self.c_phone, self.c_size, self.c_addr,
            self.c_notes, self.c_group)
        where_of = itemgetter(self.c_village, self.c_town, self.c_code)
        where_cache, group_cache, header_names = self.where_cache, self.group_cache, \
            self.header_names
        good_names: set[str] = set()

        def plain(raw):
            lead = raw[0]
            if lead is None or (lead.__class__ is str and (
                    not lead or lead.strip().startswith(_SKIP_MARKS))):
                return None  # blank or a total line, or a first cell row() must look past
            name = raw[c_name]
            if name not in good_names:
                if name.__class__ is not str or not name.isalpha() or name in header_names \
                        or not _NAME_OK.match(name):
                    return None
                good_names.add(name)
            where = where_cache.get(where_of(raw))
            group = group_cache.get(raw[c_group])
            if raw[c_rel] not in _HEAD_CELLS or where is None or where.problem or group is None:
                return None
            id_number, size, phone = _plain_id(raw[c_id]), _plain_size(raw[c_size]), \
                _plain_phone(raw[c_phone])
            if id_number is None or size is False or phone is None:
                return None
            return (where.code, group, name, id_number, phone, size, cell_text(raw[c_addr]),
                    cell_text(raw[c_notes]))

        return plain

    def row(self, rowno: int, raw: Sequence[Any]) -> None:
        if self._blank_line(raw):
            self.out.blank += 1  # empty, or a total line / signature footer
            return
        if len(raw) <= self.width:
            raw = list(raw) + self.pad[len(raw):]
        name = self._head_name(raw)
        if name is None:
            return
        if not name:
            self.out.rejected.append(Problem(rowno, Said(ErrorCode.ROW_NO_HEAD_NAME)))
            return
        if not _NAME_OK.match(name):
            self.out.rejected.append(Problem(rowno, Said(ErrorCode.ROW_BAD_HEAD_NAME, name=name)))
            return
        where = self._where(raw)
        if where.problem:
            self.out.rejected.append(Problem(rowno, where.problem))
            return
        id_number = self._id_number(raw, rowno)
        if id_number is None:
            return
        size = self._size(raw, rowno)
        if size is False:
            return
        phone = self._phone(raw, rowno)
        group = self._group(raw)
        address = cell_text(raw[self.c_addr])
        if self._duplicate(rowno, where.code, group, name, id_number, address):
            return
        self.out.rows.append(RegisterRow(
            rowno, where.code, group, name, id_number, phone, size,
            address, cell_text(raw[self.c_notes])))

    @staticmethod
    def _blank_line(raw: Sequence[Any]) -> bool:
        lead = raw[0] if raw and raw[0] != "" and raw[0] is not None else \
            next((c for c in raw if c != "" and c is not None), None)
        return lead is None or (lead.__class__ is str and lead.strip().startswith(_SKIP_MARKS))

    def _head_name(self, raw: Sequence[Any]) -> str | None:
        """The head's name ("" if missing), or None for a row that is not a household (counted
        as blank or as a member)."""
        name = raw[self.c_name]
        name = name if name.__class__ is str and name.isalpha() else \
            "".join(cell_text(name).split())
        if not name and not any(raw[i] != "" and raw[i] is not None for i in self.own):
            self.out.blank += 1  # only the carried (merged) village / group cells are filled
            return None
        if name in self.header_names:
            self.out.blank += 1  # the header repeated on a new printed page
            return None
        relation = raw[self.c_rel]
        if relation != "" and relation is not None:
            relation = cell_text(relation).replace(" ", "")
            if relation and relation not in _HEAD_RELATIONS:
                self.out.members += 1
                return None
        return name

    def _where(self, raw: Sequence[Any]):
        key = (raw[self.c_village], raw[self.c_town], raw[self.c_code])
        where = self.where_cache.get(key)
        if where is None:
            where = self.where_cache[key] = self.resolver.resolve(
                cell_text(key[0]), cell_text(key[1]), cell_text(key[2]), self.fixed_village)
        return where

    def _id_number(self, raw: Sequence[Any], rowno: int) -> str | None:
        """The normalised ID number ("" if none), or None when the row is rejected for it."""
        id_raw = raw[self.c_id]
        if id_raw.__class__ is str and _PLAIN_ID.fullmatch(id_raw) \
                and _CHECK[2 * int(id_raw[:17], 13) % 11] == id_raw[17].upper():
            return id_raw.upper()  # the common case, as id_cell_problem and below would find
        if id_raw == "" or id_raw is None:
            return ""
        problem = id_cell_problem(id_raw)
        if problem:
            self.out.rejected.append(Problem(rowno, problem))
            return None
        return id_raw.upper() if id_raw.__class__ is str and len(id_raw) == 18 \
            and id_raw.isascii() else normalize_id(id_raw)

    def _phone(self, raw: Sequence[Any], rowno: int) -> str:
        phone_raw = raw[self.c_phone]
        if phone_raw.__class__ is str and _MOBILE_FAST.fullmatch(phone_raw):
            return phone_raw
        if phone_raw == "" or phone_raw is None:
            return ""
        phone_raw = cell_text(phone_raw)
        first_phone = re.split(r"[,，/;；、]|\s+(?=1)", phone_raw)[0]
        if phone_said(first_phone):
            self.out.warnings.append(Problem(rowno, Said(ErrorCode.ROW_PHONE_DROPPED,
                                                         value=phone_raw)))
            return ""
        return normalize_phone(first_phone)

    def _size(self, raw: Sequence[Any], rowno: int) -> int | None | bool:
        """The household size, None if absent or unusable (a warning), False when the row is
        rejected for a size that is not a finite number (NaN, Inf: never stored as empty)."""
        size_raw = raw[self.c_size]
        if size_raw.__class__ is float and size_raw.is_integer() and 1 <= size_raw <= 50:
            return int(size_raw)
        if size_raw == "" or size_raw is None:
            return None
        if not_finite(size_raw):
            self.out.rejected.append(Problem(rowno, Said(
                ErrorCode.ROW_SIZE_NOT_FINITE, column=column_letter(self.c_size),
                value=cell_text(size_raw))))
            return False
        size = size_value(size_raw)
        if size is None:
            self.out.warnings.append(Problem(rowno, Said(ErrorCode.ROW_SIZE_DROPPED,
                                                         value=cell_text(size_raw))))
        return size

    def _group(self, raw: Sequence[Any]) -> str:
        group_raw = raw[self.c_group]
        group = self.group_cache.get(group_raw)
        if group is None:
            group = self.group_cache[group_raw] = group_text(group_raw)
        return group

    def _duplicate(self, rowno: int, code: str, group: str, name: str, id_number: str,
                   address: str = "") -> bool:
        """Reject a second row with the same ID number, or the same village, group and name
        when neither an ID number nor a door number tells them apart; remember this one."""
        if id_number and id_number in self.seen_id:
            self.out.rejected.append(
                Problem(rowno, Said(ErrorCode.ROW_SAME_ID, row=self.seen_id[id_number])))
            return True
        name_key = (code, group, name)
        same = self.seen_name.get(name_key)
        if same is not None:
            twin = next((r for r, i, a in same if (not i or not id_number)
                         and not (a and address and a != address)), None)
            if twin is not None:
                self.out.rejected.append(Problem(rowno, Said(ErrorCode.ROW_SAME_NAME, row=twin)))
                return True
            same.append((rowno, id_number, address))
        else:
            self.seen_name[name_key] = [(rowno, id_number, address)]
        if id_number:
            self.seen_id[id_number] = rowno
        return False

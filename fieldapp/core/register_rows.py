"""Turn the data rows of a household register into clean household records: full-width to
half-width, stray spaces removed, ID numbers and phones validated, duplicates within the file
found. Every rejected row keeps its row number in the file (1-based, as Excel shows it).
Pure: works on a grid of cell values.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .idcard import id_problem, normalize_id, normalize_phone, phone_problem
from .register_columns import Layout, header_key
from .register_villages import VillageResolver

Progress = Callable[[int, int], bool]

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_TOTAL_MARKS = ("合计", "总计", "小计", "共计")
_FOOTER_MARKS = ("制表人", "制表：", "制表:", "审核人", "填表人", "填报人", "负责人", "注：", "注:",
                 "说明：", "说明:")
_CARRIED = ("township", "village", "village_code", "group_no")  # merged cells fill these down
_HEAD_RELATIONS = ("户主", "本人", "户主本人")
_NAME_OK = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff·A-Za-z]{1,15}$")


@dataclass
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


@dataclass(frozen=True)
class Problem:
    row: int
    reason: str


@dataclass
class ParsedRegister:
    rows: list[RegisterRow] = field(default_factory=list)
    rejected: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    blank: int = 0  # empty rows, repeated headers and total lines, skipped silently
    members: int = 0  # family-member rows (与户主关系 not 户主), skipped


def cell_text(value: Any) -> str:
    """A cell as clean text: 3.0 -> "3", full-width -> half-width, spaces collapsed."""
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
    s = unicodedata.normalize("NFKC", str(value))
    return " ".join(s.split())


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


def id_cell_problem(value: Any) -> str | None:
    """Reason an ID cell cannot be trusted, including numbers Excel has already rounded."""
    if isinstance(value, float) and abs(value) >= 1e15:
        return "身份证号被存成了数字，末几位已丢失（请把该列设为文本后重新导出）"
    text = cell_text(value)
    if re.fullmatch(r"\d(\.\d+)?[Ee]\+?\d+", text):
        return "身份证号被存成了科学计数法，末几位已丢失（请把该列设为文本后重新导出）"
    return id_problem(text)


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
    out = ParsedRegister()
    cols = layout.columns
    header_keys = {header_key(h) for h in layout.headers if h}
    seen_id: dict[str, int] = {}
    seen_name: dict[tuple[str, str, str], list[tuple[int, str]]] = {}
    total = len(grid) - layout.first_data_row
    resolve_cache: dict[tuple[str, str, str], Any] = {}

    def get(row: Sequence[Any], f: str) -> Any:
        i = cols.get(f)
        return row[i] if i is not None and i < len(row) else ""

    for index in range(layout.first_data_row, len(grid)):
        raw = grid[index]
        rowno = index + 1
        done = index - layout.first_data_row + 1
        if progress and done % 2000 == 0 and progress(done, total) is False:
            raise KeyboardInterrupt
        if not any(c != "" for c in raw) or any(
                isinstance(c, str) and (c.strip() in _TOTAL_MARKS or
                                        c.strip().startswith(_FOOTER_MARKS)) for c in raw):
            out.blank += 1
            continue
        name = re.sub(r"\s+", "", cell_text(get(raw, "head_name")))
        if header_keys and name and header_key(name) in header_keys:
            out.blank += 1  # the header repeated on a new printed page
            continue
        if not any(cell_text(get(raw, f)) for f in cols if f not in _CARRIED):
            out.blank += 1
            continue
        relation = cell_text(get(raw, "relation")).replace(" ", "")
        if relation and relation not in _HEAD_RELATIONS:
            out.members += 1
            continue

        def reject(reason: str, rowno: int = rowno) -> None:
            out.rejected.append(Problem(rowno, reason))

        if not name:
            reject("缺少户主姓名")
            continue
        if not _NAME_OK.match(name):
            reject(f"户主姓名无效: {name}")
            continue
        key = (cell_text(get(raw, "village")), cell_text(get(raw, "township")),
               cell_text(get(raw, "village_code")))
        where = resolve_cache.get(key)
        if where is None:
            where = resolve_cache[key] = resolver.resolve(key[0], key[1], key[2], fixed_village)
        if where.problem:
            reject(where.problem)
            continue
        id_raw = get(raw, "id_number")
        id_number = ""
        if cell_text(id_raw):
            problem = id_cell_problem(id_raw)
            if problem:
                reject(problem)
                continue
            id_number = normalize_id(id_raw)
        phone = ""
        phone_raw = cell_text(get(raw, "phone"))
        if phone_raw:
            first = re.split(r"[,，/;；、]|\s{1,}(?=1)", phone_raw)[0]
            if phone_problem(first):
                out.warnings.append(Problem(rowno, f"电话号码无效，未导入: {phone_raw}"))
            else:
                phone = normalize_phone(first)
        size_raw = get(raw, "size")
        size = size_value(size_raw)
        if size is None and cell_text(size_raw):
            out.warnings.append(Problem(rowno, f"家庭人口无效，未导入: {cell_text(size_raw)}"))
        group = group_text(get(raw, "group_no"))
        if id_number and id_number in seen_id:
            reject(f"与第 {seen_id[id_number]} 行身份证号相同（重复）")
            continue
        same = seen_name.get((where.code, group, name), [])
        twin = next((r for r, i in same if not i or not id_number), None)
        if twin is not None:
            reject(f"与第 {twin} 行同村同组同名，且缺身份证号无法区分（疑似重复）")
            continue
        if id_number:
            seen_id[id_number] = rowno
        seen_name.setdefault((where.code, group, name), []).append((rowno, id_number))
        out.rows.append(RegisterRow(
            row=rowno, village_code=where.code, group_no=group, head_name=name,
            id_number=id_number, phone=phone, size=size,
            address=cell_text(get(raw, "address")), notes=cell_text(get(raw, "notes"))))
    return out

"""Find the header row of a household register (花名册) below its title rows and map its columns
to household fields by the usual Chinese headers. Pure: works on a grid of cell values.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# Household fields a register column can fill, in display order.
FIELDS = ("township", "village", "village_code", "group_no", "head_name", "relation",
          "id_number", "phone", "size", "address", "notes")

FIELD_LABELS_ZH = {
    "township": "乡镇", "village": "村", "village_code": "村区划代码", "group_no": "村民小组",
    "head_name": "户主姓名", "relation": "与户主关系", "id_number": "身份证号码",
    "phone": "联系电话", "size": "家庭人口", "address": "住址", "notes": "备注",
}

SYNONYMS: dict[str, tuple[str, ...]] = {
    "township": ("乡镇", "乡(镇)", "乡镇名称", "乡镇(街道)", "镇", "乡", "街道", "所属乡镇"),
    "village": ("村", "村委会", "村名", "村名称", "行政村", "村(社区)", "社区", "村居", "所属村",
                "村居委会", "村委会名称"),
    "village_code": ("村代码", "区划代码", "村区划代码", "统计用区划代码", "村级区划代码"),
    "group_no": ("村民小组", "组", "小组", "组别", "村组", "社", "组号"),
    "head_name": ("户主姓名", "户主", "户主名", "姓名", "户主名称"),
    "relation": ("与户主关系", "关系", "家庭关系"),
    "id_number": ("身份证号码", "身份证号", "户主身份证号", "户主身份证号码", "公民身份号码",
                  "身份证", "证件号码"),
    "phone": ("联系电话", "手机号", "手机号码", "电话", "电话号码", "联系方式", "手机"),
    "size": ("家庭人口", "人口数", "人口", "家庭人数", "户人口数", "人数", "家庭人口数"),
    "address": ("住址", "家庭住址", "地址", "门牌号", "详细地址", "现住址"),
    "notes": ("备注", "说明", "备注说明"),
}
REQUIRED = ("head_name",)
SCAN_ROWS = 30

_BRACKETS = re.compile(r"[(\[][^)\]]*[)\]]")


# Traditional characters of the usual headers (Big5 registers from Taiwan-made tools or typed in
# traditional script): a header in either script maps to the same field.
_TRADITIONAL = str.maketrans("戶證碼組聯繫電話關係與號區劃鄉鎮訪員調備註數編稱詳細現住屬會個別帳經緯",
                             "户证码组联系电话关系与号区划乡镇访员调备注数编称详细现住属会个别帐经纬")


def header_key(value: Any) -> str:
    """Comparable form of a header cell: half-width, simplified, no spaces, no '*' or ':'."""
    s = unicodedata.normalize("NFKC", str(value or "")).translate(_TRADITIONAL)
    return re.sub(r"[\s*:：]", "", s)


_LOOKUP: dict[str, str] = {}
for _field, _names in SYNONYMS.items():
    for _name in _names:
        _LOOKUP.setdefault(header_key(_name), _field)
del _field, _names, _name


def field_for_header(value: Any) -> str | None:
    """The household field a header names, or None ("家庭人口(人)" -> size)."""
    key = header_key(value)
    if not key:
        return None
    if key in _LOOKUP:
        return _LOOKUP[key]
    stripped = _BRACKETS.sub("", key)
    return _LOOKUP.get(stripped) if stripped else None


@dataclass
class Layout:
    """Where the header is (0-based row index) and which column feeds which field."""

    header_row: int
    columns: dict[str, int] = field(default_factory=dict)  # field -> 0-based column
    headers: list[str] = field(default_factory=list)  # header texts of the header row

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    def missing(self) -> list[str]:
        return [f for f in REQUIRED if f not in self.columns]

    def with_columns(self, columns: Mapping[str, int | None]) -> Layout:
        cols = {f: c for f, c in columns.items() if c is not None and c >= 0}
        return Layout(self.header_row, cols, self.headers)


def map_columns(header: Sequence[Any]) -> dict[str, int]:
    """Map the cells of one header row to fields. When two columns name the same field, the
    more specific header wins ("户主姓名" over "姓名"), then the leftmost."""
    best: dict[str, tuple[int, int]] = {}
    for i, cell in enumerate(header):
        f = field_for_header(cell)
        if f is None:
            continue
        rank = _rank(f, cell)
        if f not in best or rank < best[f][0]:
            best[f] = (rank, i)
    return {f: i for f, (_, i) in best.items()}


def _rank(f: str, cell: Any) -> int:
    key = header_key(cell)
    keys = [header_key(n) for n in SYNONYMS[f]]
    if key in keys:
        return keys.index(key)
    stripped = _BRACKETS.sub("", key)
    return keys.index(stripped) + len(keys) if stripped in keys else 2 * len(keys)


def detect_layout(rows: Sequence[Sequence[Any]], scan: int = SCAN_ROWS) -> Layout | None:
    """The header row among the first `scan` rows: the one naming the most known fields and a
    household head. None if no row qualifies."""
    best: tuple[int, int] | None = None
    for i, row in enumerate(rows[:scan]):
        cols = map_columns(row)
        if "head_name" not in cols or len(cols) < 2:
            continue
        if best is None or len(cols) > best[1]:
            best = (i, len(cols))
    if best is None:
        return None
    header = [str(c) if c != "" else "" for c in rows[best[0]]]
    return Layout(best[0], map_columns(rows[best[0]]), header)


def layout_at(rows: Sequence[Sequence[Any]], header_row: int) -> Layout:
    """The layout if the user says the header is at `header_row` (0-based)."""
    header = rows[header_row] if 0 <= header_row < len(rows) else []
    return Layout(header_row, map_columns(header), [str(c) for c in header])

"""Seed 2's registers (嘉兴市秀洲区 标准化试点 §三(二), §三(四)): broadcasting service points — one
service station (广电服务站) per township and agency points (村级代办点) in villages — and
emergency-broadcast terminals in public areas (公共区域应急广播终端).

One record per point or terminal, told apart by `kind`. This module holds what the words mean
(kinds, terminal states, the column headings an import accepts); the store keeps the records.
"""

from __future__ import annotations

from typing import Any

from .errors import BadValue

STATION, AGENCY, TERMINAL = "station", "agency", "terminal"
KINDS = (STATION, AGENCY, TERMINAL)
POINT_KINDS = (STATION, AGENCY)
KIND_LABELS_ZH = {STATION: "乡镇服务站", AGENCY: "村级代办点", TERMINAL: "应急广播终端"}

WORKING, BROKEN = "working", "broken"
STATUSES = (WORKING, BROKEN)
STATUS_LABELS_ZH = {WORKING: "正常", BROKEN: "故障", "": "未核查"}

# what a cell may say for each kind and state (besides the code itself)
KIND_WORDS = {
    STATION: ("服务站", "乡镇服务站", "广电站", "广电服务站", "镇服务站", "分公司", "服务网点"),
    AGENCY: ("代办点", "村级代办点", "村代办点", "代办"),
    TERMINAL: ("终端", "应急广播终端", "应急广播", "大喇叭"),
}
STATUS_WORDS = {
    WORKING: ("正常", "完好", "能用", "可用", "在用", "是", "好"),
    BROKEN: ("故障", "损坏", "坏", "不能用", "停用", "否"),
}

# the columns an import reads: field -> headings accepted (first one is the documented name)
COLUMNS: dict[str, tuple[str, ...]] = {
    "kind": ("类型", "类别", "网点类型"),
    "township": ("乡镇", "乡镇（街道）", "乡镇(街道)", "镇（街道）", "镇", "乡镇代码"),
    "village": ("村", "村（社区）", "村(社区)", "行政村", "村名", "村代码"),
    "name": ("名称", "网点名称", "终端名称", "安装位置", "位置"),
    "address": ("地址", "详细地址"),
    "contact": ("联系人", "负责人"),
    "phone": ("电话", "联系电话", "手机"),
    "status": ("状态", "运行状态", "是否正常"),
    "lon": ("经度", "lon", "longitude"),
    "lat": ("纬度", "lat", "latitude"),
    "notes": ("备注",),
}
TEXT_FIELDS = ("name", "address", "contact", "phone", "notes")


def _norm(text: Any) -> str:
    return str(text if text is not None else "").strip().replace(" ", "").lower()


def kind_of(text: Any) -> str | None:
    """The kind a cell names (code or Chinese word), None if it names none."""
    t = _norm(text)
    for kind, words in KIND_WORDS.items():
        if t == kind or t in words:
            return kind
    return None


def status_of(text: Any) -> str | None:
    """'' for an empty cell, the state a cell names, None if it names none."""
    t = _norm(text)
    if not t:
        return ""
    for status, words in STATUS_WORDS.items():
        if t == status or t in words:
            return status
    return None


def header_map(row: list[Any]) -> dict[str, int]:
    """field -> column index for a heading row (headings compared without spaces, any case)."""
    found: dict[str, int] = {}
    cells = [_norm(c) for c in row]
    for fld, names in COLUMNS.items():
        for name in names:
            if _norm(name) in cells:
                found[fld] = cells.index(_norm(name))
                break
    return found


def coordinate(text: Any, low: float, high: float) -> float | None | bool:
    """A longitude or latitude in [low, high]; None for an empty cell; False if unusable."""
    if text in (None, ""):
        return None
    try:
        value = float(str(text).strip())
    except ValueError:
        return False
    return value if low <= value <= high else False


LON_RANGE, LAT_RANGE = (73.0, 136.0), (3.0, 54.0)  # China, WGS-84 degrees


class FacilityError(BadValue):
    code = "facility"

# Map symbols: one legend entry each (a terminal not known to work is drawn as not working).
MAP_STYLES = ("station", "agency", "terminal_working", "terminal_other")


def map_style(kind: str, status: str) -> str:
    if kind == TERMINAL:
        return "terminal_working" if status == WORKING else "terminal_other"
    return kind

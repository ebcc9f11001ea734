"""Chinese labels of answer values for printed sheets and Excel reports (data, not Qt)."""

from __future__ import annotations

from fieldapp.core.status import OPERATOR_LABELS_ZH as OPERATOR_LABELS_ZH  # sheets use it here
from fieldapp.core.status import RECEPTION_LABELS_ZH
from fieldapp.core.status import REASON_LABELS_ZH, STATUS_LABELS_ZH

MOVED_LABELS_ZH = {"moved_out": "已迁出", "merged": "已合户"}
YES_NO_ZH = {"yes": "是", "no": "否"}
SATISFACTION_ZH = {"satisfied": "满意", "basic": "基本满意", "unsatisfied": "不满意"}
# the place_type choices of forms/public_place.xlsx (older short keys kept for old records)
PLACE_TYPES_ZH = {
    "party_gov": "党政机关", "enterprise": "企事业单位", "hotel": "宾馆酒店", "hospital": "医院",
    "school": "学校", "commercial_residential": "商住楼", "residential_compound": "住宅小区",
    "government": "党政机关", "compound": "住宅小区", "other": "其他",
}
CHANNELS_ZH = {"cctv": "中央", "provincial": "省级", "county": "县级"}


def status_label(status: str) -> str:
    return STATUS_LABELS_ZH.get(status, status or "")


def reason_label(status: str, reason: str) -> str:
    if not reason:
        return ""
    if status == "moved":
        return MOVED_LABELS_ZH.get(reason, reason)
    return REASON_LABELS_ZH.get(reason, reason)


def reception_label(mode: object) -> str:
    if not mode:
        return ""
    return RECEPTION_LABELS_ZH.get(str(mode), str(mode))


def yes_no(value: object) -> str:
    if value in (True, 1, "1"):
        return "是"
    if value in (False, 0, "0"):
        return "否"
    return YES_NO_ZH.get(str(value), "") if value is not None else ""

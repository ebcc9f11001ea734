"""What a printed sheet shows for a household or a public place: the cells, masked.

The cells are also what the page hash covers, so `sheets verify` notices exactly the changes a
reader of the paper would notice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fieldapp.core.idcard import mask_id, normalize_phone
from fieldapp.core.reconcile import COUNT_LABELS_ZH, STATUS_COUNT_KEYS, Figures
from fieldapp.core.status import COVERED, NOT_COVERED, NOT_VISITED, REFUSED

from .labels import CHANNELS_ZH, PLACE_TYPES_ZH, reason_label, reception_label, status_label

HOUSEHOLD_FIELDS = ("组", "户主姓名", "身份证号码", "联系电话", "收视方式", "核查状态", "原因",
                    "后续跟进")
PLACE_FIELDS = ("类型", "名称", "所在村（社区）", "有线电视", "终端数", "能收看的频道", "未开通原因",
                "核查人")


def masked_id(value: object) -> str:
    s = str(value or "").strip()
    if not s:
        return ""
    return s if "*" in s else mask_id(s)


def masked_phone(value: object) -> str:
    """13912345678 -> 139****5678; landlines keep the first 3 and last 4 digits."""
    s = normalize_phone(value)
    if not s:
        return ""
    if len(s) >= 8:
        return s[:3] + "*" * (len(s) - 7) + s[-4:]
    return "*" * (len(s) - 2) + s[-2:]


def followup(status: str, reason: str, answers: Mapping[str, Any] | None) -> str:
    """The follow-up a household still needs, in a few words."""
    a = answers or {}
    notes = []
    if status == NOT_VISITED:
        notes.append("家中无人，需补访" if reason == "nobody_home" else "需入户核查")
    elif status == REFUSED:
        notes.append("需再次上门")
    elif status == NOT_COVERED and a.get("followup_needed") != "no":
        notes.append("待安装" if reason == "awaiting_install" else "需跟进")
    if a.get("paid_cable_subscriber") == "yes" and a.get("handed_over") == "no":
        notes.append("有线用户待移交")
    if a.get("illegal_charge") == "yes":
        notes.append("违规收费待查")
    return "；".join(notes)


def household_cells(h: Mapping[str, Any]) -> tuple[str, ...]:
    """Printed cells (HOUSEHOLD_FIELDS) of a household row from store.sheets_rows."""
    answers = h.get("answers") or {}
    status = h.get("status") or NOT_VISITED
    reason = h.get("status_reason") or ""
    mode = answers.get("reception_mode") if status in (COVERED, NOT_COVERED) else ""
    return (
        str(h.get("group_no") or ""),
        str(h.get("head_name") or ""),
        masked_id(h.get("id_masked")),
        masked_phone(h.get("phone")),
        reception_label(mode),
        status_label(status),
        reason_label(status, reason),
        followup(status, reason, answers),
    )


def channels_text(value: object) -> str:
    items = value if isinstance(value, list) else str(value or "").split()
    return "、".join(CHANNELS_ZH.get(str(x), str(x)) for x in items)


def place_cells(p: Mapping[str, Any]) -> tuple[str, ...]:
    """Printed cells (PLACE_FIELDS) of a public place; answers per forms/public_place.xlsx."""
    a = p.get("answers") or {}
    checked = p.get("state") == "complete"
    opened = {"yes": "已开通", "no": "未开通"}.get(str(a.get("cable_opened")), "")
    ptype = str(p.get("place_type") or "")
    return (
        PLACE_TYPES_ZH.get(ptype, ptype),
        str(p.get("name") or a.get("place_name") or ""),
        str(p.get("village_name") or ""),
        opened if checked else "未核查",
        str(a.get("tv_points") or "") if checked else "",
        channels_text(a.get("channels")) if checked else "",
        str(a.get("not_opened_reason") or "") if checked else "",
        str(p.get("surveyor") or ""),
    )


@dataclass
class Summary:
    """Totals of a sheet: every household counted once, by the one definition of the counts
    (fieldapp.core.reconcile.Figures) that info, reconcile, the dashboard and the map share."""

    figures: Figures = field(default_factory=lambda: Figures("", "", "village"))

    @classmethod
    def of(cls, households: Sequence[Mapping[str, Any]]) -> Summary:
        s = cls()
        for h in households:
            s.figures.tally(h.get("source", "register") != "field", h.get("status") or NOT_VISITED,
                            h.get("status_reason"), 1, h.get("persons") or 0)
        return s

    @property
    def counts(self) -> dict[str, int]:
        return self.figures.counts()

    @property
    def by_status(self) -> dict[str, int]:
        return self.figures.by_status

    @property
    def not_covered_reasons(self) -> Counter:
        return Counter(self.figures.not_covered_by_reason)

    @property
    def nobody_home(self) -> int:
        return self.figures.nobody_home

    @property
    def total(self) -> int:
        return self.figures.households

    @property
    def counted(self) -> int:
        return self.figures.counted

    @property
    def rate(self) -> float | None:
        return self.figures.coverage_rate

    def rate_text(self) -> str:
        r = self.rate
        return "—" if r is None else f"{100 * r:.1f}%"

    def status_items(self) -> list[tuple[str, int]]:
        c = self.counts
        return [(COUNT_LABELS_ZH[k], c[k]) for k in STATUS_COUNT_KEYS]

    def person_items(self) -> list[tuple[str, int]]:
        """不落一人: people on the member rosters, and those in covered households (short labels
        for the sheet's summary table)."""
        c = self.counts
        return [("登记人口", c["persons"]), ("覆盖户人口", c["persons_covered"])]

    def reason_text(self) -> str:
        if not self.not_covered_reasons:
            return "无"
        return "、".join(f"{reason_label(NOT_COVERED, r)} {n} 户"
                        for r, n in self.not_covered_reasons.most_common())

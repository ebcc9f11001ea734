"""What a laptop may change, judged per change at the county before the merge is planned.

A township laptop may change households, visits, photos (attachments), public places, service
points and terminals (facilities) of its own township, and record the sheets it printed for its own
villages (the register that lets the county verify them); nothing else: changes to divisions (areas, village names), forms, devices,
work orders, spot checks or another township's data are refused one by one and listed in the
merge report; the rest of the bundle still merges. A record is judged by
where it is now AND where the change would put it (a household cannot be moved out of, or into,
another township).
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from fieldapp.core.messages import ErrorCode, Said

from .changeset import Change

LAPTOP_TABLES = ("households", "visits", "attachments", "public_places", "sheet_prints",
                 "facilities")


def table_word(tbl: str) -> ErrorCode | str:
    """What a table holds, in the user's words (core/messages_sync.py TABLE_*)."""
    return ErrorCode.__members__.get(f"TABLE_{tbl.upper()}", tbl)


@dataclass
class Refused:
    table: str
    record: str
    device: str
    counter: int
    reason: Said

    def as_json(self) -> dict[str, Any]:
        """The reason in both languages, with its stable code (as rejected bundles)."""
        return {"table": self.table, "record": self.record, "device": self.device,
                "counter": self.counter, "reason": self.reason.text("zh"),
                "reason_en": self.reason.text("en"), "code": self.reason.entry.code}


def split(changes: list[Change], state, *, township: str, device: str,
          seen: int) -> tuple[list[Change], list[Refused]]:
    """(changes the laptop may make, changes refused with the reason). Changes already merged
    (counter <= seen) pass through untouched: the planner skips them."""
    judge = _Judge(state, township, device)
    judge.prefetch([c for c in changes if c.counter > seen])
    allowed, refused = [], []
    for c in sorted(changes, key=attrgetter("counter")):
        reason = judge.reason(c) if c.counter > seen else None
        if reason is None:
            allowed.append(c)
        else:
            refused.append(Refused(c.tbl, c.record_uuid, c.device_id, c.counter, reason))
    return allowed, refused


class _Judge:
    def __init__(self, state, township: str, device: str):
        self.state, self.prefix, self.device = state, township[:9], device
        self.township = township
        self.existing: dict[tuple[str, str], dict[str, Any]] = {}  # the records found here
        self.hh_village: dict[str, str] = {}

    def prefetch(self, changes: list[Change]) -> None:
        by_tbl: dict[str, set[str]] = {}
        households: set[str] = set()
        for c in changes:
            tbl = c.tbl
            if tbl in LAPTOP_TABLES:
                by_tbl.setdefault(tbl, set()).add(c.record_uuid)
                if tbl == "visits" and (hh := c.values().get("household_uuid")):
                    households.add(hh)
        existing = self.existing
        for tbl, uuids in by_tbl.items():
            for u, row in self.state.records(tbl, sorted(uuids)).items():
                existing[(tbl, u)] = row
                if row.get("household_uuid"):
                    households.add(row["household_uuid"])
        for u, row in self.state.records("households", sorted(households)).items():
            self.hh_village[u] = row["village_code"]

    def reason(self, c: Change) -> Said | None:
        if c.tbl not in LAPTOP_TABLES:
            return Said(ErrorCode.REFUSED_TABLE, what=table_word(c.tbl))
        old = self.existing.get((c.tbl, c.record_uuid))
        values = c.values() if c.op != "delete" else {}
        if c.tbl == "attachments":
            if c.op == "update" and values == {"deleted": 0}:
                return None  # a retired file named again: bringing it back destroys nothing
            if old is not None and old.get("device_id") != self.device:
                return Said(ErrorCode.REFUSED_PHOTO)
            return None
        codes = self._codes(c.tbl, c.record_uuid, old, values)
        if c.tbl == "households" and c.op != "delete" and values.get("village_code"):
            self.hh_village[c.record_uuid] = values["village_code"]
        prefix = self.prefix
        outside = [code for code in codes if code and not code.startswith(prefix)]
        if outside:
            return Said(ErrorCode.REFUSED_OUTSIDE, what=table_word(c.tbl), township=self.township[:9],
                        area=min(outside))
        return None

    def _codes(self, tbl: str, uuid: str, old: dict | None, values: dict) -> set[str]:
        if tbl == "households":
            codes = {values.get("village_code"), self.hh_village.get(uuid)}
            if old:
                codes.add(old.get("village_code"))
        elif tbl == "visits":
            where = self.hh_village
            codes = {where.get(values.get("household_uuid"))}
            if old:
                codes.add(where.get(old.get("household_uuid")))
        else:
            codes = {r.get(col) for r in (old or {}, values)
                     for col in ("township_code", "village_code", "area_code")}
        codes.discard(None)
        return codes

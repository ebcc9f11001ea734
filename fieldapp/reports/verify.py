"""`fieldapp sheets verify`: does a printed page (its QR text) still match the database?

With the page in this database's print register, the answer lists what changed, row by row,
since the page was printed; new households of the village that the sheet does not list are
reported too (the signed sheet would no longer cover every household). Without the register
(the sheet was printed from another database), the page is re-derived from current data and
only a yes/no can be given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from fieldapp.store.reports import sheet_rows as sheets_rows
from fieldapp.store.reports.printed_sheets import find_page, sheet_uuids
from fieldapp.store.sync_log import keys as sync_keys

from . import places_sheet, village_sheet
from .household_slip import SLIP_FIELDS, slip_cells
from .payload import Payload, parse, rows_hash, signature_valid
from .sheet_rows import HOUSEHOLD_FIELDS, PLACE_FIELDS, household_cells, place_cells

FIELDS = {"village": HOUSEHOLD_FIELDS, "slip": HOUSEHOLD_FIELDS + SLIP_FIELDS,
          "places": PLACE_FIELDS}
KIND_ZH = {"village": "入户核查确认表", "places": "公共场所核查表", "slip": "入户确认单"}


@dataclass
class RowChange:
    uuid: str
    name: str
    what: str  # changed / removed / added
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (field, printed, now)
    note: str = ""

    def text(self) -> str:
        if self.what == "added":
            return f"{self.name}：打印后新增，表上没有"
        if self.what == "removed":
            return f"{self.name}：{self.note}"
        return f"{self.name}：" + "；".join(f"{f} {a or '（空）'} → {b or '（空）'}"
                                           for f, a, b in self.fields)


@dataclass
class VerifyResult:
    payload: Payload
    area_name: str = ""
    registered: bool = False
    page_matches: bool = False
    changes: list[RowChange] = field(default_factory=list)
    added: list[RowChange] = field(default_factory=list)
    message: str = ""
    # genuine / changed / altered / not_this_county / other_printing / unsigned / unknown
    status: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "genuine" and self.page_matches and not self.added

    def to_json(self) -> dict[str, Any]:
        p = self.payload
        return {"ok": self.ok, "status": self.status, "signed": bool(p.signature),
                "page_matches": self.page_matches, "registered": self.registered,
                "kind": p.kind, "area_code": p.area_code, "area_name": self.area_name,
                "page": p.page, "pages": p.pages, "sheet_id": p.sheet_id,
                "printed_at": p.printed_at, "message": self.message,
                "changes": [asdict(c) for c in self.changes],
                "added": [asdict(c) for c in self.added]}


STATUS_ZH = {"genuine": "真实（县级签名有效）", "changed": "签名有效，但打印后数据有变化",
             "altered": "已被改动（签名不符）", "not_this_county": "不是本县签发",
             "other_printing": "签名有效，但属于另一次打印", "unsigned": "未签名（旧版）",
             "unknown": "无法核验"}


_LOOKUP = b""


def verify(store, text: str, county_sign_public: bytes | None = _LOOKUP) -> VerifyResult:
    """Check a page's QR text: first the county's signature (offline, public key only: the
    county's own, or the one a laptop received in its reference bundle), then, where this
    database can, the rows printed against current data."""
    if county_sign_public == _LOOKUP:
        county_sign_public = sync_keys.county_sign_public(store, store.role, store.device_id)
    p = parse(text)
    res = VerifyResult(p, sheets_rows.area_names(store, p.area_code).get(p.area_code, ""))
    if p.signed_form:
        if county_sign_public is None or not signature_valid(p, county_sign_public):
            res.status = "altered" if res.area_name else "not_this_county"
            res.message = (f"{STATUS_ZH[res.status]}：二维码的县级签名无效，"
                           + ("内容在签发后被改动，或不是本县签发的核查表" if res.area_name
                              else f"区划 {p.area_code} 不属于本县"))
            return res
    _compare(store, p, res)
    if not p.signed_form:
        res.status = "unsigned"
        res.message = f"{STATUS_ZH['unsigned']}，不能证明由县里签发；" + res.message
    elif not res.status:
        res.status = "genuine" if res.page_matches and not res.added else "changed"
    return res


def _compare(store, p: Payload, res: VerifyResult) -> None:
    where = f"{res.area_name or p.area_code} {KIND_ZH[p.kind]} 第 {p.page} 页（{p.printed_at} 打印）"
    if not res.area_name:
        res.status = "unknown"
        res.message = f"本数据库中没有区划 {p.area_code}，无法核验"
        return
    reg = find_page(store, p.sheet_id, p.page, p.area_code, p.stamp)
    if reg is None and p.kind == "slip":
        res.status = "unknown"
        res.message = f"{where}：本库没有这张确认单的打印记录，无法核验"
        return
    if reg is None:
        res.page_matches = _rederived_hash(store, p) == p.row_hash
        res.message = (f"{where}：与当前数据一致（本库没有这张表的打印记录）" if res.page_matches
                       else f"{where}：与当前数据不一致；本库没有这张表的打印记录，无法列出具体变化")
        return
    res.registered = True
    if (reg["kind"], reg["area_code"], reg["stamp"], reg["pages"], reg["row_hash"]) != (
            p.kind, p.area_code, p.stamp, p.pages, p.row_hash):
        res.status = "other_printing"
        res.message = f"{where}：二维码与本库的打印记录不符，属于另一次打印"
        return
    res.changes = _row_changes(store, p, reg["rows"])
    if p.kind != "slip":
        res.added = _added(store, p, sheet_uuids(store, p.sheet_id, p.area_code, p.stamp))
    res.page_matches = not res.changes
    parts = []
    if res.changes:
        parts.append(f"本页 {len(res.changes)} 户（处）有变化")
    if res.added:
        parts.append(f"打印后新增 {len(res.added)} 户（处）未列在该表上，需重新打印")
    res.message = f"{where}：" + ("；".join(parts) if parts else "与数据库一致")


def _current(store, kind: str, uuids: list[str]) -> dict[str, dict]:
    if kind == "places":
        return sheets_rows.public_places_by_uuid(store, uuids)
    return sheets_rows.households_by_uuid(store, uuids)


def _row_changes(store, p: Payload, rows: Sequence[tuple[str, list[str]]]) -> list[RowChange]:
    now = _current(store, p.kind, [u for u, _ in rows])
    names = FIELDS[p.kind]
    out = []
    for uuid, printed in rows:
        label = printed[1] if len(printed) > 1 else uuid
        rec = now.get(uuid)
        gone = _gone(p, rec)
        if gone:
            out.append(RowChange(uuid, label, "removed", note=gone))
            continue
        cells = _cells(p.kind, rec)
        diffs = [(f, a, b) for f, a, b in zip(names, printed, cells) if a != b]
        if diffs:
            out.append(RowChange(uuid, label, "changed", diffs))
    return out


def _gone(p: Payload, rec: dict | None) -> str:
    if rec is None or rec.get("deleted"):
        return "已从数据库删除"
    if rec.get("merged_into"):
        return "已合并到另一户（重复户）"
    if p.kind == "places":
        return "" if rec["township_code"] == p.area_code else "已移至其他乡镇"
    return "" if rec["village_code"] == p.area_code else "已移至其他村"


def _cells(kind: str, rec: dict) -> tuple[str, ...]:
    if kind == "places":
        return place_cells(rec)
    return slip_cells(rec) if kind == "slip" else household_cells(rec)


def _added(store, p: Payload, printed: set[str]) -> list[RowChange]:
    if p.kind == "places":
        rows = sheets_rows.public_places(store, p.area_code)
        return [RowChange(r["uuid"], r["name"], "added") for r in rows if r["uuid"] not in printed]
    rows = sheets_rows.village_households(store, p.area_code)
    return [RowChange(r["uuid"], r["head_name"], "added") for r in rows if r["uuid"] not in printed]


def _rederived_hash(store, p: Payload) -> str | None:
    """The page's hash from current data, paginated as when printing; None if pages differ."""
    if p.kind == "places":
        rows = [(r["uuid"], place_cells(r)) for r in sheets_rows.public_places(store, p.area_code)]
        slices = places_sheet.page_slices(len(rows))
    else:
        hh = sheets_rows.village_households(store, p.area_code)
        rows = [(h["uuid"], household_cells(h)) for h in hh]
        slices = village_sheet.page_slices(len(rows))
    if len(slices) != p.pages:
        return None
    a, b = slices[p.page - 1]
    return rows_hash(rows[a:b])

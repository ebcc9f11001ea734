"""`fieldapp sheets verify`: does a printed page (its QR text) still match the database?

With the page in this database's print register, the answer lists what changed, row by row,
since the page was printed; new households of the village that the sheet does not list are
reported too (the signed sheet would no longer cover every household). Without the register
(the sheet was printed from another database), the page is re-derived from current data and
only a yes/no can be given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from fieldapp.core.messages import ErrorCode, Said, Words
from fieldapp.core.messages_verify import FIELD_EN
from fieldapp.store.reports import sheet_rows as sheets_rows
from fieldapp.store.reports.printed_sheets import find_page, sheet_uuids
from fieldapp.store.sync_log import keys as sync_keys

from . import places_sheet, village_sheet
from .household_slip import SLIP_FIELDS, slip_cells
from .payload import Payload, parse, rows_hash, signature_valid
from .sheet_rows import HOUSEHOLD_FIELDS, PLACE_FIELDS, household_cells, place_cells

FIELDS = {"village": HOUSEHOLD_FIELDS, "slip": HOUSEHOLD_FIELDS + SLIP_FIELDS,
          "places": PLACE_FIELDS}
SHEET_WORDS = {"village": ErrorCode.SHEET_VILLAGE, "places": ErrorCode.SHEET_PLACES,
               "slip": ErrorCode.SHEET_SLIP}


@dataclass
class RowChange:
    uuid: str
    name: str
    what: str  # changed / removed / added
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (field, printed, now)
    note: str = ""  # why a row is gone, in Chinese (the name of its entry in `gone`)
    gone: ErrorCode | None = field(default=None, repr=False)

    def text(self, language: str = "zh") -> str:
        """The row's change in the user's language (field names too; values are data)."""
        if self.what == "added":
            return ErrorCode.ROW_ADDED.text(language, name=self.name)
        if self.what == "removed":
            return ErrorCode.ROW_GONE.text(language, name=self.name, why=self.gone or self.note)
        en = language.startswith("en")
        empty = ErrorCode.ROW_EMPTY.text(language)
        parts = [ErrorCode.ROW_FIELD.text(language, field=FIELD_EN.get(f, f) if en else f,
                                          printed=a or empty, now=b or empty)
                 for f, a, b in self.fields]
        return ErrorCode.ROW_CHANGED.text(language, name=self.name,
                                          fields=("; " if en else "；").join(parts))

    def as_json(self) -> dict[str, Any]:
        return {"uuid": self.uuid, "name": self.name, "what": self.what,
                "fields": [list(f) for f in self.fields], "note": self.note,
                "text": self.text(), "text_en": self.text("en")}


@dataclass
class VerifyResult:
    payload: Payload
    area_name: str = ""
    registered: bool = False
    page_matches: bool = False
    changes: list[RowChange] = field(default_factory=list)
    added: list[RowChange] = field(default_factory=list)
    said: Said | None = None  # the answer, from the catalogue (core/messages_verify.py)
    # genuine / changed / altered / not_this_county / other_printing / unsigned / unknown
    status: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "genuine" and self.page_matches and not self.added

    @property
    def message(self) -> str:
        return self.text()

    def text(self, language: str = "zh") -> str:
        """The answer in the user's language."""
        return self.said.text(language) if self.said is not None else ""

    def status_text(self, language: str = "zh") -> str:
        """The headline ("真实（县级签名有效）"), "" before a status is known."""
        return status_word(self.status).text(language) if self.status else ""

    def to_json(self) -> dict[str, Any]:
        p = self.payload
        return {"ok": self.ok, "status": self.status, "signed": bool(p.signature),
                "page_matches": self.page_matches, "registered": self.registered,
                "kind": p.kind, "area_code": p.area_code, "area_name": self.area_name,
                "page": p.page, "pages": p.pages, "sheet_id": p.sheet_id,
                "printed_at": p.printed_at, "message": self.message,
                "message_en": self.text("en"),
                "changes": [c.as_json() for c in self.changes],
                "added": [c.as_json() for c in self.added]}


def status_word(status: str) -> ErrorCode:
    """The headline of a status (genuine, changed, altered, ...: STATUS_* in the catalogue)."""
    return ErrorCode[f"STATUS_{status.upper()}"]


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
            res.said = Said(ErrorCode.VERIFY_SIGNATURE_CHANGED, status=status_word(res.status)) \
                if res.area_name else Said(ErrorCode.VERIFY_SIGNATURE_FOREIGN,
                                           status=status_word(res.status), area=p.area_code)
            return res
    _compare(store, p, res)
    if not p.signed_form:
        res.status = "unsigned"
        res.said = Said(ErrorCode.VERIFY_UNSIGNED, status=ErrorCode.STATUS_UNSIGNED,
                        rest=res.said)
    elif not res.status:
        res.status = "genuine" if res.page_matches and not res.added else "changed"
    return res


def _compare(store, p: Payload, res: VerifyResult) -> None:
    page = Said(ErrorCode.VERIFY_PAGE, area=res.area_name or p.area_code,
                sheet=SHEET_WORDS[p.kind], page=p.page, printed_at=p.printed_at)
    if not res.area_name:
        res.status = "unknown"
        res.said = Said(ErrorCode.VERIFY_NO_AREA, area=p.area_code)
        return
    reg = find_page(store, p.sheet_id, p.page, p.area_code, p.stamp)
    if reg is None and p.kind == "slip":
        res.status = "unknown"
        res.said = Said(ErrorCode.VERIFY_SLIP_UNREGISTERED, page=page)
        return
    if reg is None:
        res.page_matches = _rederived_hash(store, p) == p.row_hash
        res.said = Said(ErrorCode.VERIFY_SAME_UNREGISTERED if res.page_matches
                        else ErrorCode.VERIFY_DIFFERS_UNREGISTERED, page=page)
        return
    res.registered = True
    if (reg["kind"], reg["area_code"], reg["stamp"], reg["pages"], reg["row_hash"]) != (
            p.kind, p.area_code, p.stamp, p.pages, p.row_hash):
        res.status = "other_printing"
        res.said = Said(ErrorCode.VERIFY_OTHER_PRINTING, page=page)
        return
    res.changes = _row_changes(store, p, reg["rows"])
    if p.kind != "slip":
        res.added = _added(store, p, sheet_uuids(store, p.sheet_id, p.area_code, p.stamp))
    res.page_matches = not res.changes
    res.said = Said(ErrorCode.VERIFY_FINDINGS, page=page, findings=_findings(res))


def _findings(res: VerifyResult) -> Words:
    parts = []
    if res.changes:
        parts.append(Said(ErrorCode.VERIFY_ROWS_CHANGED, count=len(res.changes)))
    if res.added:
        parts.append(Said(ErrorCode.VERIFY_ROWS_ADDED, count=len(res.added)))
    if not parts:
        parts.append(Said(ErrorCode.VERIFY_SAME))
    return Words("；".join(p.text("zh") for p in parts), "; ".join(p.text("en") for p in parts))


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
            out.append(RowChange(uuid, label, "removed", note=gone.text(), gone=gone))
            continue
        cells = _cells(p.kind, rec)
        diffs = [(f, a, b) for f, a, b in zip(names, printed, cells) if a != b]
        if diffs:
            out.append(RowChange(uuid, label, "changed", diffs))
    return out


def _gone(p: Payload, rec: dict | None) -> ErrorCode | None:
    """Why a printed row is no longer on its page (None: it still is)."""
    if rec is None or rec.get("deleted"):
        return ErrorCode.GONE_DELETED
    if rec.get("merged_into"):
        return ErrorCode.GONE_MERGED
    if p.kind == "places":
        return None if rec["township_code"] == p.area_code else ErrorCode.GONE_OTHER_TOWNSHIP
    return None if rec["village_code"] == p.area_code else ErrorCode.GONE_OTHER_VILLAGE


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

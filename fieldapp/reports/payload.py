"""The text in the QR code of a printed page, and the hash of the rows printed on it.

    HHT1-V-140824100201-202611251830-003-012-48213377-1A2B3C4D5E6F7A8B
    tag  kind area code  printed at   page pages sheet    row hash (64 bits)

Only upper-case letters, digits and '-' (the QR alphanumeric set), so a USB scanner that types
like a keyboard gives the same text under any input method; parsing forgives case, full-width
characters and stray spaces.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from fieldapp.core.messages import ErrorCode
from .errors import PayloadError

TAG = "HHT1"
KINDS = {"V": "village", "P": "places", "S": "slip"}
KIND_CODES = {v: k for k, v in KINDS.items()}
_PATTERN = re.compile(
    r"HHT1-([VPS])-(\d{12})-(\d{12})-(\d{1,4})-(\d{1,4})-(\d{8})-([0-9A-F]{16})")


@dataclass(frozen=True)
class Payload:
    kind: str  # village / places / slip
    area_code: str  # 12 digits (village, township; the slip: the household's village)
    stamp: str  # yyyymmddHHMM, local time of generation
    page: int
    pages: int
    sheet_id: str  # 8 digits
    row_hash: str  # 16 upper-case hex digits

    def text(self) -> str:
        return (f"{TAG}-{KIND_CODES[self.kind]}-{self.area_code}-{self.stamp}-{self.page:03d}-"
                f"{self.pages:03d}-{self.sheet_id}-{self.row_hash}")

    @property
    def printed_at(self) -> str:
        s = self.stamp
        return f"{s[:4]}-{s[4:6]}-{s[6:8]} {s[8:10]}:{s[10:12]}"


def parse(text: str) -> Payload:
    """The payload in what a scanner or a person typed; PayloadError says what is wrong."""
    raw = unicodedata.normalize("NFKC", text or "")
    s = "".join(raw.split()).upper().replace("—", "-").replace("_", "-")
    if not s:
        raise PayloadError(ErrorCode.QR_EMPTY)
    m = _PATTERN.search(s)
    if not m:
        shown = s if len(s) <= 40 else s[:40] + "…"
        if not s.startswith("HHT"):
            raise PayloadError(ErrorCode.QR_FOREIGN, shown=shown)
        raise PayloadError(ErrorCode.QR_BROKEN, shown=shown)
    kind, area, stamp, page, pages, sheet, digest = m.groups()
    p = Payload(KINDS[kind], area, stamp, int(page), int(pages), sheet, digest)
    if not 1 <= p.page <= p.pages:
        raise PayloadError(ErrorCode.QR_PAGE, page=p.page, pages=p.pages)
    return p


def row_key(uuid: str, cells: Sequence[str]) -> str:
    return json.dumps([uuid, *cells], ensure_ascii=False, separators=(",", ":"))


def rows_hash(rows: Iterable[tuple[str, Sequence[str]]]) -> str:
    """64-bit hash (16 hex digits) of exactly these (uuid, printed cells) rows, in order."""
    h = hashlib.sha256()
    for uuid, cells in rows:
        h.update(row_key(uuid, cells).encode())
        h.update(b"\n")
    return h.hexdigest()[:16].upper()

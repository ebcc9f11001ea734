"""The text in the QR code of a printed page, and the hash of the rows printed on it.

Since v2 the text ends with the county's Ed25519 signature of everything before it (base32, no
padding: still only QR alphanumeric characters) and the tag is HHT2. Old HHT1 pages carry no
signature and can be reported as "unsigned (old)" at most, never as genuine.

    HHT1-V-140824100201-202611251830-003-012-48213377-1A2B3C4D5E6F7A8B
    tag  kind area code  printed at   page pages sheet    row hash (64 bits)

Only upper-case letters, digits and '-' (the QR alphanumeric set), so a USB scanner that types
like a keyboard gives the same text under any input method; parsing forgives case, full-width
characters and stray spaces.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from fieldapp.core.messages import ErrorCode
from .errors import PayloadError

TAG = "HHT1"
TAG_SIGNED = "HHT2"
SIGN_DOMAIN = b"fieldapp sheet payload v2\n"
_SIG_LEN = 103  # base32 of a 64-byte Ed25519 signature, without padding
KINDS = {"V": "village", "P": "places", "S": "slip"}
KIND_CODES = {v: k for k, v in KINDS.items()}
_PATTERN = re.compile(
    r"HHT([12])-([VPS])-(\d{12})-(\d{12})-(\d{1,4})-(\d{1,4})-(\d{8})-([0-9A-F]{16})"
    r"(?:-([A-Z2-7]{%d}))?" % _SIG_LEN)
_signing_key = None  # Ed25519PrivateKey while printing at the county; see use_signing_key


@dataclass(frozen=True)
class Payload:
    kind: str  # village / places / slip
    area_code: str  # 12 digits (village, township; the slip: the household's village)
    stamp: str  # yyyymmddHHMM, local time of generation
    page: int
    pages: int
    sheet_id: str  # 8 digits
    row_hash: str  # 16 upper-case hex digits
    signature: str = ""  # base32 Ed25519 signature (HHT2), "" on old unsigned pages
    signed_form: bool = False  # the text was HHT2 (signature expected)

    def text(self) -> str:
        """The text in the QR: signed when a signature is present."""
        if self.signature:
            return f"{self.signed_message().decode()}-{self.signature}"
        return self._body(TAG)

    def signed_message(self) -> bytes:
        return self._body(TAG_SIGNED).encode()

    def _body(self, tag: str) -> str:
        return (f"{tag}-{KIND_CODES[self.kind]}-{self.area_code}-{self.stamp}-{self.page:03d}-"
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
    version, kind, area, stamp, page, pages, sheet, digest, sig = m.groups()
    if version == "2" and not sig:
        raise PayloadError(ErrorCode.QR_UNSIGNED_V2)
    p = Payload(KINDS[kind], area, stamp, int(page), int(pages), sheet, digest,
                sig or "", version == "2")
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


def use_signing_key(raw_private: bytes | None) -> None:
    """Sign every page drawn from now on in this process with the county's Ed25519 key
    (32 raw bytes), or stop signing (None)."""
    global _signing_key
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    _signing_key = Ed25519PrivateKey.from_private_bytes(raw_private) if raw_private else None


def qr_text(p: Payload) -> str:
    """What goes into the page's QR: signed with the county key when printing at the county."""
    if _signing_key is None or p.signature:
        return p.text()
    sig = base64.b32encode(_signing_key.sign(SIGN_DOMAIN + p.signed_message())).decode()
    return f"{p.signed_message().decode()}-{sig.rstrip('=')}"


def signature_valid(p: Payload, public_raw: bytes) -> bool:
    """Whether the payload's signature was made by the Ed25519 key `public_raw` over exactly
    this payload."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if not p.signature:
        return False
    try:
        sig = base64.b32decode(p.signature + "=" * (-len(p.signature) % 8))
        Ed25519PublicKey.from_public_bytes(public_raw).verify(sig, SIGN_DOMAIN + p.signed_message())
    except (InvalidSignature, ValueError):
        return False
    return True

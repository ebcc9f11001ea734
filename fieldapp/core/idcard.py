"""Chinese resident ID numbers (GB 11643-1999) and phone numbers: validation, masking, hashing."""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Callable

from .messages import ErrorCode, Said

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_MOBILE = re.compile(r"^1[3-9]\d{9}$", re.ASCII)  # ASCII digits only, after NFKC
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$", re.ASCII)


def normalize_text(value: object) -> str:
    """Full-width to half-width (NFKC), strip and collapse inner whitespace."""
    if value is None:
        return ""
    s = unicodedata.normalize("NFKC", str(value))
    return " ".join(s.split())


def normalize_id(value: object) -> str:
    return normalize_text(value).replace(" ", "").upper()


def id_check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS))
    return _CHECK[total % 11]


def id_said(value: object) -> Said | None:
    """None when valid, else the reason (a catalogue entry, in either language)."""
    s = normalize_id(value)
    if len(s) != 18:
        return Said(ErrorCode.ID_LENGTH, length=len(s))
    if not s[:17].isdigit() or not (s[17].isdigit() or s[17] == "X"):
        return Said(ErrorCode.ID_CHARACTERS)
    y, m, d = int(s[6:10]), int(s[10:12]), int(s[12:14])
    if not (1900 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= 31):
        return Said(ErrorCode.ID_BIRTH_DATE)
    if id_check_char(s[:17]) != s[17]:
        return Said(ErrorCode.ID_CHECK_DIGIT)
    return None


def id_problem(value: object) -> str | None:
    """None when valid, else a Chinese reason."""
    said = id_said(value)
    return None if said is None else str(said)


def is_valid_id(value: object) -> bool:
    return id_problem(value) is None


def mask_id(value: object) -> str:
    """140824199001011234 -> 140824********1234 (region kept, birth date hidden)."""
    s = normalize_id(value)
    if len(s) < 10:
        return "*" * len(s)
    return s[:6] + "*" * (len(s) - 10) + s[-4:]


def hash_id(value: object, salt: str) -> str:
    """Salted SHA-256 of the normalised ID (the unkeyed hash of versions before 15: anyone with
    the salt can brute-force it; now only the inner step of keyed_id_hash)."""
    s = normalize_id(value)
    return hashlib.sha256((salt + ":" + s).encode()).hexdigest()


KEYED_PREFIX = "k1:"  # an ID hash keyed with the county secret (HMAC-SHA256)
SEALED_PREFIX = "enc1:"  # an ID number sealed to the county's public key (typed on a laptop)
_UNKEYED = re.compile(r"[0-9a-f]{64}")


def rekey_hash(salted: str, key: bytes) -> str:
    """The keyed hash of a salted hash: "k1:" + HMAC-SHA256(county secret, salted hash)."""
    return KEYED_PREFIX + hmac.new(key, salted.encode("ascii"), hashlib.sha256).hexdigest()


def keyed_id_hash(value: object, salt: str, key: bytes) -> str:
    """What matches ID numbers: HMAC-SHA256 under the county secret (`id_key`, which never
    leaves the county database) of the salted hash of the normalised number. Without the
    secret a masked number and this hash cannot be turned back into the number, however many
    numbers one tries; an older salted hash is brought to this form by rekey_hash alone."""
    return rekey_hash(hash_id(value, salt), key)


def keyed_hasher(salt: str, key: bytes) -> Callable[[str], str]:
    """keyed_id_hash for many numbers already normalised (normalize_id): the SHA-256 states of
    the salt and of the HMAC's inner and outer keys (RFC 2104) are set up once and copied for
    each number (an import of 100,000 rows would otherwise set them up 100,000 times; hashlib's
    own states, as hmac's Python wrapper would copy each time too)."""
    salted = hashlib.sha256((salt + ":").encode())
    block = hashlib.sha256().block_size
    key = hashlib.sha256(key).digest() if len(key) > block else key
    key = key.ljust(block, b"\0")
    inner_key = hashlib.sha256(key.translate(_IPAD))
    outer_key = hashlib.sha256(key.translate(_OPAD))

    def hasher(normalised: str) -> str:
        salted_hash = salted.copy()
        salted_hash.update(normalised.encode())
        inner = inner_key.copy()
        inner.update(salted_hash.hexdigest().encode("ascii"))
        outer = outer_key.copy()
        outer.update(inner.digest())
        return KEYED_PREFIX + outer.hexdigest()

    return hasher


_IPAD = bytes(b ^ 0x36 for b in range(256))  # key XOR 0x36.. / 0x5C.. (RFC 2104), as hmac does
_OPAD = bytes(b ^ 0x5C for b in range(256))


def hash_kind(value: object) -> str:
    """'keyed', 'sealed', 'unkeyed' (a salted hash of an older version), 'none' or 'bad'."""
    if value is None or value == "":
        return "none"
    if not isinstance(value, str):
        return "bad"
    if value.startswith(KEYED_PREFIX):
        return "keyed"
    if value.startswith(SEALED_PREFIX):
        return "sealed"
    return "unkeyed" if _UNKEYED.fullmatch(value) else "bad"


def normalize_phone(value: object) -> str:
    s = normalize_text(value).replace(" ", "").replace("－", "-")
    if s.startswith("+86"):
        s = s[3:]
    return s


def phone_said(value: object) -> Said | None:
    """None for an empty or valid phone number, else the reason (a catalogue entry)."""
    s = normalize_phone(value)
    if not s:
        return None
    if _MOBILE.match(s) or _LANDLINE.match(s):
        return None
    return Said(ErrorCode.PHONE_FORMAT, phone=s)


def phone_problem(value: object) -> str | None:
    said = phone_said(value)
    return None if said is None else str(said)


def mask_phone(value: object) -> str:
    s = normalize_phone(value)
    if len(s) == 11:
        return s[:3] + "****" + s[-4:]
    return s

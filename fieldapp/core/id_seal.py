"""An ID number typed or imported on a laptop, sealed to the county's X25519 public key: the
laptop keeps (and its bundles carry) only this ciphertext and the masked number; the county
opens it on merge and stores the keyed hash (core/idcard.keyed_id_hash). The laptop itself can
no longer read it back, and a copy of the laptop database gives nothing to brute-force.

    "enc1:" + base64(ephemeral X25519 public key (32) | nonce (12) | AES-256-GCM(number))

The key is HKDF-SHA256 of the X25519 shared secret (salt: ephemeral ‖ recipient public key,
info "fieldapp id number v1"); the number is the normalised ID (normalize_id).
"""

from __future__ import annotations

import base64
import binascii
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .idcard import SEALED_PREFIX, normalize_id

_INFO = b"fieldapp id number v1"
_RAW = {"encoding": ser.Encoding.Raw, "format": ser.PublicFormat.Raw}
MAX_SEALED = 200  # characters: an 18-character number sealed is about 110


def _key(shared: bytes, eph: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=eph + recipient,
                info=_INFO).derive(shared)


def seal_id(value: object, county_box_public: bytes) -> str:
    """The normalised number sealed to the county's X25519 public key (raw 32 bytes)."""
    recipient = X25519PublicKey.from_public_bytes(county_box_public)
    eph = X25519PrivateKey.generate()
    eph_pub = eph.public_key().public_bytes(**_RAW)
    nonce = os.urandom(12)
    key = _key(eph.exchange(recipient), eph_pub, county_box_public)
    ct = AESGCM(key).encrypt(nonce, normalize_id(value).encode("utf-8"), _INFO)
    return SEALED_PREFIX + base64.b64encode(eph_pub + nonce + ct).decode("ascii")


def open_sealed(text: str, county_box_private: X25519PrivateKey) -> str | None:
    """The number inside a sealed value, or None if it is not one sealed to this key."""
    if not isinstance(text, str) or not text.startswith(SEALED_PREFIX) or len(text) > MAX_SEALED:
        return None
    try:
        raw = base64.b64decode(text[len(SEALED_PREFIX):].encode("ascii"), validate=True)
        if len(raw) < 32 + 12 + 16:
            return None
        eph_pub, nonce, ct = raw[:32], raw[32:44], raw[44:]
        own = county_box_private.public_key().public_bytes(**_RAW)
        shared = county_box_private.exchange(X25519PublicKey.from_public_bytes(eph_pub))
        return AESGCM(_key(shared, eph_pub, own)).decrypt(nonce, ct, _INFO).decode("utf-8")
    except (InvalidTag, ValueError, binascii.Error, UnicodeError):
        return None

"""Content encryption of a bundle: one random AES-256-GCM content key per bundle, wrapped for
each recipient; the payload encrypted in fixed-size chunks (a STREAM construction: the nonce
carries the chunk index and each chunk's associated data binds the header hash, the index and a
final-chunk flag, so chunks cannot be dropped, reordered or truncated).

Recipients:
  x25519  ephemeral X25519 key agreement with the recipient's X25519 key, HKDF-SHA256 -> KEK
  code    scrypt(transfer code) -> KEK (the first reference bundle of a new laptop)
"""

from __future__ import annotations

import os
import secrets
import struct
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .keys import SCRYPT_N, SCRYPT_P, SCRYPT_R, b64, derive_key, unb64

CHUNK = 1 << 20  # plaintext bytes per chunk
TAG = 16
WRAP_AAD = b"fieldapp bundle v1 content key"
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_transfer_code() -> str:
    """20 characters (100 bits) in groups of 5, easy to read over the phone."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(20))
    return "-".join(raw[i:i + 5] for i in range(0, 20, 5))


def normalize_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def _hkdf(shared: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt,
                info=b"fieldapp bundle v1 key wrap").derive(shared)


def wrap_for_key(content_key: bytes, recipient: X25519PublicKey) -> dict:
    eph = X25519PrivateKey.generate()
    epk = eph.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)
    rpk = recipient.public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)
    kek = _hkdf(eph.exchange(recipient), epk + rpk)
    nonce = os.urandom(12)
    return {"type": "x25519", "to": b64(rpk), "epk": b64(epk), "nonce": b64(nonce),
            "wrapped": b64(AESGCM(kek).encrypt(nonce, content_key, WRAP_AAD))}


def wrap_for_code(content_key: bytes, code: str) -> dict:
    salt, nonce = os.urandom(16), os.urandom(12)
    kek = derive_key(normalize_code(code), salt)
    return {"type": "code", "salt": b64(salt), "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
            "nonce": b64(nonce),
            "wrapped": b64(AESGCM(kek).encrypt(nonce, content_key, WRAP_AAD))}


def unwrap_with_key(recipients: list[dict], private: X25519PrivateKey) -> bytes | None:
    mine = b64(private.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw))
    for r in recipients:
        if r.get("type") == "x25519" and r.get("to") == mine:
            epk = unb64(r["epk"])
            kek = _hkdf(private.exchange(X25519PublicKey.from_public_bytes(epk)),
                        epk + unb64(mine))
            try:
                return AESGCM(kek).decrypt(unb64(r["nonce"]), unb64(r["wrapped"]), WRAP_AAD)
            except InvalidTag:
                return None
    return None


def unwrap_with_code(recipients: list[dict], code: str) -> bytes | None:
    for r in recipients:
        if r.get("type") == "code":
            kek = derive_key(normalize_code(code), unb64(r["salt"]), r["n"], r["r"], r["p"])
            try:
                return AESGCM(kek).decrypt(unb64(r["nonce"]), unb64(r["wrapped"]), WRAP_AAD)
            except InvalidTag:
                return None
    return None


def ciphertext_length(plain_size: int) -> int:
    chunks = max(1, -(-plain_size // CHUNK))
    return plain_size + chunks * TAG


def _aad(header_hash: bytes, index: int, final: bool) -> bytes:
    return header_hash + struct.pack(">IB", index, 1 if final else 0)


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">I", index)


def encrypt_stream(key: bytes, prefix: bytes, header_hash: bytes, src: BinaryIO,
                   size: int) -> Iterator[bytes]:
    aes = AESGCM(key)
    chunks = max(1, -(-size // CHUNK))
    for i in range(chunks):
        block = src.read(CHUNK)
        yield aes.encrypt(_nonce(prefix, i), block, _aad(header_hash, i, i == chunks - 1))


def decrypt_stream(key: bytes, prefix: bytes, header_hash: bytes, src: BinaryIO,
                   size: int) -> Iterator[bytes]:
    """Plaintext chunks; raises InvalidTag on any damaged, missing or reordered chunk."""
    aes = AESGCM(key)
    chunks = max(1, -(-size // CHUNK))
    left = size
    for i in range(chunks):
        n = min(CHUNK, left)
        block = src.read(n + TAG)
        if len(block) != n + TAG:
            raise InvalidTag()
        left -= n
        yield aes.decrypt(_nonce(prefix, i), block, _aad(header_hash, i, i == chunks - 1))

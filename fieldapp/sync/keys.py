"""Key pairs of a county database or a township laptop, and their protection at rest.

Each party has an Ed25519 key (signs bundles, requests and device certificates) and an X25519 key (receives
bundle content keys). The two private keys are stored only encrypted: AES-256-GCM under a key
derived from the user's passphrase with scrypt (n=2^15, r=8, p=1, 16-byte random salt).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from fieldapp.core.passphrase_rule import check_new_passphrase

from .errors import PassphraseError
from fieldapp.core.messages import ErrorCode

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_RAW = {"encoding": ser.Encoding.Raw, "format": ser.PublicFormat.Raw}
_RAW_PRIV = {"encoding": ser.Encoding.Raw, "format": ser.PrivateFormat.Raw,
             "encryption_algorithm": ser.NoEncryption()}


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def derive_key(secret: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R,
               p: int = SCRYPT_P) -> bytes:
    if not (2**10 <= n <= 2**17 and 1 <= r <= 8 and 1 <= p <= 2):  # at most 128 MiB
        raise PassphraseError(ErrorCode.KDF_PARAMS)
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(secret.encode("utf-8"))


@dataclass(frozen=True)
class PublicKeys:
    sign: bytes  # Ed25519, 32 bytes
    box: bytes  # X25519, 32 bytes

    def to_json(self) -> str:
        return json.dumps({"sign": b64(self.sign), "box": b64(self.box)}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> PublicKeys:
        d = json.loads(text)
        return cls(unb64(d["sign"]), unb64(d["box"]))

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign)

    def verifier(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.sign)

    def box_key(self) -> X25519PublicKey:
        return X25519PublicKey.from_public_bytes(self.box)


def fingerprint(sign_public: bytes) -> str:
    """Short, readable identity of a signing key: 16 hex digits in groups of 4."""
    h = hashlib.sha256(sign_public).hexdigest()[:16].upper()
    return "-".join(h[i:i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class KeyPair:
    sign: Ed25519PrivateKey
    box: X25519PrivateKey

    @classmethod
    def generate(cls) -> KeyPair:
        return cls(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    @property
    def public(self) -> PublicKeys:
        return PublicKeys(self.sign.public_key().public_bytes(**_RAW),
                          self.box.public_key().public_bytes(**_RAW))

    def protect(self, passphrase: str) -> str:
        """The private keys encrypted under the passphrase, as JSON text safe to store."""
        check_new_passphrase(passphrase)  # a new key: the strength bar (WeakPassphrase)
        salt, nonce = os.urandom(16), os.urandom(12)
        key = derive_key(passphrase, salt)
        secret = self.sign.private_bytes(**_RAW_PRIV) + self.box.private_bytes(**_RAW_PRIV)
        ct = AESGCM(key).encrypt(nonce, secret, b"fieldapp private keys v1")
        return json.dumps({"kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                           "salt": b64(salt), "nonce": b64(nonce), "ct": b64(ct)},
                          sort_keys=True)

    @classmethod
    def unprotect(cls, protected: str, passphrase: str) -> KeyPair:
        try:
            d = json.loads(protected)
            key = derive_key(passphrase, unb64(d["salt"]), d["n"], d["r"], d["p"])
            secret = AESGCM(key).decrypt(unb64(d["nonce"]), unb64(d["ct"]),
                                         b"fieldapp private keys v1")
        except InvalidTag:
            raise PassphraseError(ErrorCode.PASSPHRASE_WRONG) from None
        except (ValueError, KeyError, TypeError):
            raise PassphraseError(ErrorCode.PRIVATE_KEY_DAMAGED) from None
        return cls(Ed25519PrivateKey.from_private_bytes(secret[:32]),
                   X25519PrivateKey.from_private_bytes(secret[32:]))

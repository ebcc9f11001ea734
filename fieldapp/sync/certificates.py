"""Device identity and certificates.

A laptop's device id is derived from its own Ed25519 public key, so no other key can claim it.
To be enrolled the laptop writes a request file (its public keys, device id and name, signed by
its own key: proof that whoever wrote it holds the private key); the county checks the key
fingerprint with the laptop's screen and signs a device certificate
{county, township, device id, public keys, issue date, serial}. Only public data travels: a
request or certificate copied by anyone lets nobody enrol or sign.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .errors import SyncError
from .keys import KeyPair, PublicKeys, b64, fingerprint, unb64
from fieldapp.core.messages import ErrorCode

REQUEST_DOMAIN = b"fieldapp-enrolment-request-v1\x00"
CERT_DOMAIN = b"fieldapp-device-certificate-v1\x00"
REQUEST_KIND = "fieldapp-enrolment-request"
MAX_REQUEST = 64 * 1024


def canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def device_id_for(sign_public: bytes) -> str:
    """The device id bound to a signing key."""
    return "lap-" + hashlib.sha256(b"fieldapp-device-id\x00" + sign_public).hexdigest()[:20]


def normalize_fingerprint(text: str) -> str:
    raw = "".join(c for c in text.upper() if c in "0123456789ABCDEF")
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def _signed(payload: dict[str, Any], domain: bytes, key) -> dict[str, Any]:
    return {"payload": payload, "signature": b64(key.sign(domain + canonical(payload)))}


def _verify(doc: Any, domain: bytes, sign_public: bytes) -> dict[str, Any] | None:
    try:
        payload = doc["payload"]
        if not isinstance(payload, dict):
            return None
        Ed25519PublicKey.from_public_bytes(sign_public).verify(
            unb64(doc["signature"]), domain + canonical(payload))
    except (InvalidSignature, KeyError, TypeError, ValueError):
        return None
    return payload


# ----- request (laptop -> county) ---------------------------------------------------------
def make_request(keys: KeyPair, device_id: str, name: str) -> dict[str, Any]:
    pub = keys.public
    payload = {"kind": REQUEST_KIND, "device_id": device_id, "device_name": name,
               "sign": b64(pub.sign), "box": b64(pub.box),
               "created_at": datetime.now(UTC).astimezone().isoformat(timespec="seconds")}
    return _signed(payload, REQUEST_DOMAIN, keys.sign)


def read_request(path: str | Path) -> dict[str, Any]:
    """The payload of a request file whose self-signature holds, plus its fingerprint."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_REQUEST:
            raise SyncError(ErrorCode.ENROL_REQUEST_TOO_LARGE, where=str(p))
        doc = json.loads(p.read_text(encoding="utf-8"))
        payload = doc["payload"]
        sign = unb64(payload["sign"])
        unb64(payload["box"])
        if payload.get("kind") != REQUEST_KIND or len(sign) != 32:
            raise ValueError
    except OSError as exc:
        raise SyncError(ErrorCode.ENROL_REQUEST_UNREADABLE, reason=exc.strerror or exc,
                        where=str(p)) from None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise SyncError(ErrorCode.ENROL_REQUEST_FORMAT, where=str(p)) from None
    if _verify(doc, REQUEST_DOMAIN, sign) is None:
        raise SyncError(ErrorCode.ENROL_REQUEST_SIGNATURE, where=str(p))
    return dict(payload, fingerprint=fingerprint(sign))


# ----- certificate (county -> laptop) -----------------------------------------------------
def issue(county_keys: KeyPair, *, county: str, township: str, device_id: str, name: str,
          sign: str, box: str, serial: int) -> dict[str, Any]:
    payload = {"kind": "device-certificate", "county": county, "township": township,
               "device_id": device_id, "device_name": name, "sign": sign, "box": box,
               "serial": serial,
               "issued_at": datetime.now(UTC).astimezone().isoformat(timespec="seconds")}
    return _signed(payload, CERT_DOMAIN, county_keys.sign)


def verify(cert: Any, county: PublicKeys) -> dict[str, Any] | None:
    """The certificate's payload if the county's signature holds, else None."""
    payload = _verify(cert, CERT_DOMAIN, county.sign)
    if payload is None or payload.get("kind") != "device-certificate":
        return None
    return payload

"""Enrolment tokens: the county signs {county, township, token id, issued} with its Ed25519 key
and puts the token in a township's reference bundle. A laptop made from that bundle shows the
token in the clear header of each export bundle; the county accepts the laptop's own signing key
on the first bundle that carries a token it issued (and pins that key from then on).
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature

from .keys import KeyPair, PublicKeys, b64, unb64

DOMAIN = b"fieldapp-enrolment-v1\x00"


def _canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def issue(keys: KeyPair, county: str, township: str) -> dict[str, Any]:
    payload = {"kind": "enrolment", "county": county, "township": township,
               "token_id": secrets.token_hex(12),
               "issued_at": datetime.now(UTC).isoformat(timespec="seconds")}
    return {"payload": payload, "signature": b64(keys.sign.sign(DOMAIN + _canonical(payload)))}


def verify(token: Any, county_keys: PublicKeys) -> dict[str, Any] | None:
    """The token's payload if the county's signature on it holds, else None."""
    try:
        payload = token["payload"]
        if not isinstance(payload, dict) or payload.get("kind") != "enrolment":
            return None
        county_keys.verifier().verify(unb64(token["signature"]), DOMAIN + _canonical(payload))
    except (InvalidSignature, KeyError, TypeError, ValueError):
        return None
    return payload

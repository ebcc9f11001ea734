"""The bundle file: magic, a signed clear header, the encrypted payload, an Ed25519 signature.

    b"FAPPBND1" | u32 header length | header JSON | AES-256-GCM chunks | 64-byte signature

The signature covers sha256 of every byte before it. The header (JSON) names the kind, the
bundle uuid, county, township, signing device and its public keys, the wrapped content keys and
the payload size: public metadata only (no token, no credential, no household data). See
docs/sync.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag

from fieldapp.core import jsonguard
from fieldapp.core.messages import ErrorCode, Words

from . import crypto
from .errors import BundleRejected
from .keys import KeyPair, PublicKeys, b64, unb64

MAGIC = b"FAPPBND1"
FORMAT = 1
SIG_DOMAIN = b"fieldapp-bundle-v1\x00"
MAX_HEADER = 256 << 10  # public metadata and one wrapped key per recipient: far below
MAX_HEADER_DEPTH = 8  # header -> recipients -> one recipient -> its fields
MAX_PAYLOAD = 4 << 30
_HEADER_KEYS = {"format": int, "kind": str, "bundle_uuid": str, "created_at": str, "county": str,
                "township": str, "device_id": str, "signer": dict, "recipients": list,
                "payload_size": int, "nonce_prefix": str}


@dataclass
class Opened:
    """A bundle whose signature checked out (not yet trusted: the caller decides on the signer)."""

    path: Path
    header: dict[str, Any]
    header_hash: bytes
    payload_offset: int
    sha256: str
    size: int
    local: Path | None = None  # the private copy actually read (path names the user's file)

    @property
    def signer(self) -> PublicKeys:
        return PublicKeys(unb64(self.header["signer"]["sign"]), unb64(self.header["signer"]["box"]))


def write_bundle(path: Path, header: dict[str, Any], payload: Path, signer: KeyPair,
                 content_key: bytes) -> str:
    """Encrypt `payload` (a file) under `content_key`, sign, and write atomically. Returns the
    sha256 of the written file."""
    size = payload.stat().st_size
    if size > MAX_PAYLOAD:
        raise BundleRejected(ErrorCode.BUNDLE_TOO_LARGE, where=str(path))
    prefix = os.urandom(8)
    header = dict(header, format=FORMAT, payload_size=size, nonce_prefix=b64(prefix),
                  signer={"sign": b64(signer.public.sign), "box": b64(signer.public.box)})
    raw = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    hhash = hashlib.sha256(raw).digest()
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".~" + path.name, dir=path.parent or ".")
    digest, whole = hashlib.sha256(), hashlib.sha256()
    try:
        with os.fdopen(fd, "wb") as out, open(payload, "rb") as src:
            head = MAGIC + struct.pack(">I", len(raw)) + raw
            for piece in [head, *crypto.encrypt_stream(content_key, prefix, hhash, src, size)]:
                out.write(piece)
                digest.update(piece)
                whole.update(piece)
            sig = signer.sign.sign(SIG_DOMAIN + digest.digest())
            out.write(sig)
            whole.update(sig)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return whole.hexdigest()


def open_bundle(path: str | os.PathLike) -> Opened:
    """Read the header and check the signature over the whole file. Raises BundleRejected."""
    p = Path(path)
    where = str(p)
    if not p.is_file():
        raise BundleRejected(ErrorCode.BUNDLE_MISSING, where=where)
    size = p.stat().st_size
    with open(p, "rb") as fh:
        start = fh.read(12)
        if len(start) < 12 or start[:8] != MAGIC:
            raise BundleRejected(ErrorCode.BUNDLE_NOT_FIELDAPP, where=where)
        (hlen,) = struct.unpack(">I", start[8:])
        if hlen > MAX_HEADER:
            raise BundleRejected(ErrorCode.BUNDLE_HEADER_TOO_LARGE, where=where, size=hlen,
                                 limit=MAX_HEADER)
        if 12 + hlen + 64 > size:
            raise BundleRejected(ErrorCode.BUNDLE_HEADER_LENGTH, where=where)
        raw = fh.read(hlen)
        header = _parse_header(raw, where)
        expected = 12 + hlen + crypto.ciphertext_length(header["payload_size"]) + 64
        if size != expected:
            entry = ErrorCode.BUNDLE_CUT_SHORT if size < expected else ErrorCode.BUNDLE_TRAILING_DATA
            raise BundleRejected(entry, expected=expected, size=size, where=where)
        fh.seek(0)
        digest, whole = hashlib.sha256(), hashlib.sha256()
        left = size - 64
        while left:
            block = fh.read(min(left, 1 << 20))
            if not block:
                raise BundleRejected(ErrorCode.BUNDLE_SHRANK, where=where)
            digest.update(block)
            whole.update(block)
            left -= len(block)
        sig = fh.read(64)
        whole.update(sig)
    try:
        signer = PublicKeys(unb64(header["signer"]["sign"]), unb64(header["signer"]["box"]))
        signer.verifier().verify(sig, SIG_DOMAIN + digest.digest())
    except (InvalidSignature, ValueError, KeyError, TypeError):
        raise BundleRejected(ErrorCode.BUNDLE_SIGNATURE, where=where) from None
    return Opened(p, header, hashlib.sha256(raw).digest(), 12 + hlen, whole.hexdigest(), size)


def _parse_header(raw: bytes, where: str) -> dict[str, Any]:
    try:
        header = jsonguard.loads(raw, member=Words("包头 (header)", "header"), where=where, max_depth=MAX_HEADER_DEPTH)
    except jsonguard.TooDeep as exc:
        raise BundleRejected(exc.entry, where=where, **exc.params) from None
    except (UnicodeDecodeError, ValueError):
        raise BundleRejected(ErrorCode.BUNDLE_HEADER_UNREADABLE, where=where) from None
    if not isinstance(header, dict):
        raise BundleRejected(ErrorCode.BUNDLE_HEADER_FORMAT, where=where)
    for key, typ in _HEADER_KEYS.items():
        if not isinstance(header.get(key), typ) or isinstance(header.get(key), bool):
            raise BundleRejected(ErrorCode.BUNDLE_HEADER_KEY, key=key, where=where)
    if header["format"] > FORMAT:
        raise BundleRejected(ErrorCode.BUNDLE_FORMAT_NEWER, version=header["format"],
                             where=where)
    if not 0 <= header["payload_size"] <= MAX_PAYLOAD:
        raise BundleRejected(ErrorCode.BUNDLE_SIZE_IMPLAUSIBLE, where=where)
    return header


def decrypt_payload(opened: Opened, content_key: bytes, dest: Path) -> None:
    """Decrypt the payload of an opened bundle into `dest` (a file)."""
    prefix = unb64(opened.header["nonce_prefix"])
    try:
        with open(opened.local or opened.path, "rb") as src, open(dest, "wb") as out:
            src.seek(opened.payload_offset)
            out.writelines(crypto.decrypt_stream(content_key, prefix, opened.header_hash, src,
                                               opened.header["payload_size"]))
    except InvalidTag:
        raise BundleRejected(ErrorCode.BUNDLE_DECRYPT, where=str(opened.path)) from None


def content_key_for(opened: Opened, keys: KeyPair | None, code: str | None) -> bytes:
    """Unwrap the content key with this party's private key, else the transfer code."""
    recipients = opened.header["recipients"]
    try:
        if keys is not None:
            k = crypto.unwrap_with_key(recipients, keys.box)
            if k is not None:
                return k
        if code:
            k = crypto.unwrap_with_code(recipients, code)
            if k is not None:
                return k
    except (KeyError, ValueError, TypeError):
        raise BundleRejected(ErrorCode.BUNDLE_KEY_RECORD, where=str(opened.path)) from None
    has_code = any(r.get("type") == "code" for r in recipients)
    if code and has_code:
        raise BundleRejected(ErrorCode.TRANSFER_CODE_WRONG, where=str(opened.path))
    if has_code:
        raise BundleRejected(ErrorCode.TRANSFER_CODE_NEEDED, env="FIELDAPP_TRANSFER_CODE",
                             where=str(opened.path))
    raise BundleRejected(ErrorCode.BUNDLE_NOT_FOR_US, where=str(opened.path))

"""The decrypted payload of a bundle: a ZIP archive whose manifest.json lists every other member
with its size and sha256. Reading checks member names (no absolute paths, no '..', only known
member kinds), member counts and sizes before reading, and each member's hash as it is read.
Nothing is ever extracted to disk.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

from fieldapp.core import jsonguard
from fieldapp.core.messages import ErrorCode
from fieldapp.core.zipguard import MIB, InputTooLarge, ZipLimits, check_member, read_member

from .container import MAX_PAYLOAD
from .errors import BundleRejected
from fieldapp.core.errors import BadValue

# docs/limits.md: checked from the zip directory before anything is inflated, and again while
# each member is inflated (a directory may lie). A member's memory is its size, then its parsed
# JSON (about six times the text), so the change list is capped well below 1 GB of memory.
LIMITS = ZipLimits(file_bytes=MAX_PAYLOAD, members=100_000, member_bytes=64 * MIB,
                   total_bytes=2048 * MIB, ratio=200)
MEMBER_LIMITS = {"manifest.json": 16 * MIB, "changes.json": 64 * MIB,
                 "reference.json": 16 * MIB, "attachments/": 16 * MIB, "forms/": 16 * MIB}
_ALLOWED = re.compile(
    r"(changes\.json|reference\.json|attachments/[0-9a-f]{64}|forms/[\w.\-]{1,120}\.(?:xlsx|xls|csv|xml|geojson))")


def write_payload(path: Path, manifest: dict[str, Any], members: dict[str, bytes]) -> None:
    """Write the payload ZIP: the members, then manifest.json listing their size and sha256."""
    listed = {}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=3) as zf:
        for name, data in members.items():
            if not _ALLOWED.fullmatch(name):
                raise BadValue(ErrorCode.BUNDLE_MEMBER_NAME, name=name)
            level = 0 if name.startswith("attachments/") else 3
            zf.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), data,
                        compress_type=zipfile.ZIP_DEFLATED if level else zipfile.ZIP_STORED)
            listed[name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        body = json.dumps(dict(manifest, members=listed), ensure_ascii=False, sort_keys=True)
        zf.writestr(zipfile.ZipInfo("manifest.json", (2026, 1, 1, 0, 0, 0)),
                    body.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)


def member_limit(name: str) -> int:
    """The uncompressed size a member of this name may have (MEMBER_LIMITS)."""
    kind = name if name in MEMBER_LIMITS else name.split("/", 1)[0] + "/"
    return MEMBER_LIMITS.get(kind, LIMITS.member_bytes)


def check_member_name(name: str, where: str) -> None:
    if (name.startswith(("/", "\\")) or "\\" in name or ":" in name or "\x00" in name
            or any(part in ("..", ".", "") for part in name.split("/"))):
        raise BundleRejected(ErrorCode.BUNDLE_MEMBER_OUTSIDE, name=name, where=where)
    if name != "manifest.json" and not _ALLOWED.fullmatch(name):
        raise BundleRejected(ErrorCode.BUNDLE_MEMBER_UNKNOWN, name=name, where=where)


class Payload:
    """Safe read access to a decrypted payload ZIP."""

    def __init__(self, path: Path, where: str):
        self.where = where
        try:
            self.zf = zipfile.ZipFile(path)
            infos = self.zf.infolist()
        except (zipfile.BadZipFile, OSError, ValueError):
            raise BundleRejected(ErrorCode.BUNDLE_NOT_ZIP, where=where) from None
        if len(infos) > LIMITS.members:
            raise BundleRejected(ErrorCode.ZIP_TOO_MANY_MEMBERS, where=where, count=len(infos),
                                 limit=LIMITS.members)
        self.infos: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            check_member_name(info.filename, where)
            if info.filename in self.infos:
                raise BundleRejected(ErrorCode.BUNDLE_MEMBER_DUPLICATE, name=info.filename,
                                         where=where)
            if info.flag_bits & 0x1:
                raise BundleRejected(ErrorCode.BUNDLE_MEMBER_ENCRYPTED, where=where)
            total += info.file_size
            try:
                check_member(info, LIMITS, where, total, member_limit(info.filename))
            except InputTooLarge as exc:
                raise BundleRejected(exc.entry, where=where, **exc.params) from None
            self.infos[info.filename] = info
        if "manifest.json" not in self.infos:
            raise BundleRejected(ErrorCode.BUNDLE_NO_MANIFEST, where=where)
        self.manifest = self._json(self._raw("manifest.json"), "manifest.json")
        listed = self.manifest.get("members")
        if not isinstance(listed, dict):
            raise BundleRejected(ErrorCode.BUNDLE_MANIFEST_NO_MEMBERS, where=where)
        actual = set(self.infos) - {"manifest.json"}
        if set(listed) != actual:
            missing, extra = set(listed) - actual, actual - set(listed)
            raise BundleRejected(ErrorCode.BUNDLE_MEMBERS_MISMATCH, missing=sorted(missing)[:3],
                                     extra=sorted(extra)[:3], where=where)
        for name, meta in listed.items():
            if not isinstance(meta, dict) or meta.get("size") != self.infos[name].file_size:
                raise BundleRejected(ErrorCode.BUNDLE_MEMBER_SIZE_LISTED, name=name, where=where)

    def _raw(self, name: str) -> bytes:
        info = self.infos[name]
        try:
            data = read_member(self.zf, info, member_limit(name), self.where)
        except InputTooLarge as exc:
            raise BundleRejected(exc.entry, where=self.where, **exc.params) from None
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError,
                zlib.error) as exc:
            raise BundleRejected(ErrorCode.BUNDLE_MEMBER_DAMAGED, name=name, reason=exc,
                                 where=self.where) from None
        if len(data) != info.file_size:
            raise BundleRejected(ErrorCode.BUNDLE_MEMBER_SIZE, name=name, where=self.where)
        return data

    def _json(self, data: bytes, name: str, walked: bool = False) -> Any:
        read = jsonguard.loads_walked if walked else jsonguard.loads
        try:
            return read(data, member=name, where=self.where)
        except jsonguard.TooDeep as exc:
            raise BundleRejected(exc.entry, where=self.where, **exc.params) from None
        except (UnicodeDecodeError, ValueError):
            raise BundleRejected(ErrorCode.BUNDLE_MEMBER_UNREADABLE, name=name,
                                 where=self.where) from None

    def names(self, prefix: str = "") -> list[str]:
        return sorted(n for n in self.infos if n.startswith(prefix) and n != "manifest.json")

    def read(self, name: str) -> bytes:
        if name not in self.infos or name == "manifest.json":
            raise BundleRejected(ErrorCode.BUNDLE_MEMBER_MISSING, name=name, where=self.where)
        data = self._raw(name)
        if hashlib.sha256(data).hexdigest() != self.manifest["members"][name].get("sha256"):
            raise BundleRejected(ErrorCode.BUNDLE_MEMBER_CHECKSUM, name=name, where=self.where)
        return data

    def read_json(self, name: str, *, walked: bool = False) -> Any:
        """A member's document (walked: the caller bounds its nesting as it validates every
        value, jsonguard.loads_walked)."""
        return self._json(self.read(name), name, walked)

    def close(self) -> None:
        self.zf.close()

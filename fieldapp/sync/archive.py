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
from pathlib import Path
from typing import Any

from .errors import BundleRejected

MAX_MEMBERS = 100_000
MAX_MEMBER_SIZE = 1 << 30  # 1 GiB: a change list of a whole county is far below
MAX_MANIFEST_SIZE = 16 << 20
MAX_TOTAL_SIZE = 4 << 30
_ALLOWED = re.compile(
    r"(changes\.json|reference\.json|attachments/[0-9a-f]{64}|forms/[\w.\-]{1,120}\.xlsx)")


def write_payload(path: Path, manifest: dict[str, Any], members: dict[str, bytes]) -> None:
    """Write the payload ZIP: the members, then manifest.json listing their size and sha256."""
    listed = {}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=3) as zf:
        for name, data in members.items():
            if not _ALLOWED.fullmatch(name):
                raise ValueError(f"bad member name {name!r}")
            level = 0 if name.startswith("attachments/") else 3
            zf.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), data,
                        compress_type=zipfile.ZIP_DEFLATED if level else zipfile.ZIP_STORED)
            listed[name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        body = json.dumps(dict(manifest, members=listed), ensure_ascii=False, sort_keys=True)
        zf.writestr(zipfile.ZipInfo("manifest.json", (2026, 1, 1, 0, 0, 0)),
                    body.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)


def check_member_name(name: str, where: str) -> None:
    if (name.startswith(("/", "\\")) or "\\" in name or ":" in name or "\x00" in name
            or any(part in ("..", ".", "") for part in name.split("/"))):
        raise BundleRejected(f"成员路径越出同步包: {name!r}", where=where)
    if name != "manifest.json" and not _ALLOWED.fullmatch(name):
        raise BundleRejected(f"同步包含有未知成员: {name!r}", where=where)


class Payload:
    """Safe read access to a decrypted payload ZIP."""

    def __init__(self, path: Path, where: str):
        self.where = where
        try:
            self.zf = zipfile.ZipFile(path)
            infos = self.zf.infolist()
        except (zipfile.BadZipFile, OSError, ValueError):
            raise BundleRejected("同步包内容已损坏（不是有效的压缩包）", where=where) from None
        if len(infos) > MAX_MEMBERS:
            raise BundleRejected(f"同步包成员过多（{len(infos)}）", where=where)
        self.infos: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            check_member_name(info.filename, where)
            if info.filename in self.infos:
                raise BundleRejected(f"同步包成员重复: {info.filename}", where=where)
            if info.flag_bits & 0x1:
                raise BundleRejected("同步包成员不应加密", where=where)
            limit = MAX_MANIFEST_SIZE if info.filename == "manifest.json" else MAX_MEMBER_SIZE
            if info.file_size > limit or info.file_size < 0:
                raise BundleRejected(
                    f"同步包成员大小不合理: {info.filename}（{info.file_size} 字节）", where=where)
            total += info.file_size
            self.infos[info.filename] = info
        if total > MAX_TOTAL_SIZE:
            raise BundleRejected(f"同步包解压后过大（{total} 字节）", where=where)
        if "manifest.json" not in self.infos:
            raise BundleRejected("同步包缺少清单 manifest.json", where=where)
        self.manifest = self._json(self._raw("manifest.json"), "manifest.json")
        listed = self.manifest.get("members")
        if not isinstance(listed, dict):
            raise BundleRejected("同步包清单缺少成员列表", where=where)
        actual = set(self.infos) - {"manifest.json"}
        if set(listed) != actual:
            missing, extra = set(listed) - actual, actual - set(listed)
            raise BundleRejected(
                f"同步包成员与清单不符（缺少 {sorted(missing)[:3]}，多出 {sorted(extra)[:3]}）",
                where=where)
        for name, meta in listed.items():
            if not isinstance(meta, dict) or meta.get("size") != self.infos[name].file_size:
                raise BundleRejected(f"同步包成员大小与清单不符: {name}", where=where)

    def _raw(self, name: str) -> bytes:
        info = self.infos[name]
        try:
            with self.zf.open(info) as fh:
                data = fh.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as exc:
            raise BundleRejected(f"同步包成员已损坏: {name}（{exc}）", where=self.where) from None
        if len(data) != info.file_size:
            raise BundleRejected(f"同步包成员大小不对: {name}", where=self.where)
        return data

    def _json(self, data: bytes, name: str) -> Any:
        try:
            return json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise BundleRejected(f"同步包成员无法读取: {name}", where=self.where) from None

    def names(self, prefix: str = "") -> list[str]:
        return sorted(n for n in self.infos if n.startswith(prefix) and n != "manifest.json")

    def read(self, name: str) -> bytes:
        if name not in self.infos or name == "manifest.json":
            raise BundleRejected(f"同步包缺少成员: {name}", where=self.where)
        data = self._raw(name)
        if hashlib.sha256(data).hexdigest() != self.manifest["members"][name].get("sha256"):
            raise BundleRejected(f"同步包成员校验和不符: {name}", where=self.where)
        return data

    def read_json(self, name: str) -> Any:
        return self._json(self.read(name), name)

    def close(self) -> None:
        self.zf.close()

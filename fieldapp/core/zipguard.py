"""Check a zip container (.xlsx workbook, bundle payload) before any reader inflates it: member
count, each member's and the total uncompressed size, compression ratio, and for workbooks the
declared sheet dimension. Pure Python (zipfile central directory + the first bytes of each sheet),
so a hostile file is refused with a message instead of exhausting memory or crashing the reader.
The limits are documented in docs/limits.md."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import FieldappError


class InputTooLarge(FieldappError):
    code = "too_large"


@dataclass(frozen=True)
class ZipLimits:
    file_bytes: int = 200 * 2**20
    members: int = 10_000
    member_bytes: int = 256 * 2**20
    total_bytes: int = 512 * 2**20
    ratio: int = 200  # uncompressed / compressed, for members over 1 MiB uncompressed


XLSX = ZipLimits()
MAX_ROWS = 500_000
MAX_COLS = 500
_DIM = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{0,3})?(\d*):?([A-Z]{1,3})?(\d*)"')


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def check_zip(path: str | Path, limits: ZipLimits = XLSX) -> zipfile.ZipFile | None:
    """Refuse a zip whose sizes exceed `limits`; returns the open ZipFile (or None if the file
    is not a zip at all: the caller's reader reports that)."""
    p = Path(path)
    size = p.stat().st_size
    if size > limits.file_bytes:
        raise InputTooLarge(f"文件太大（{size // 2**20} MiB，上限 {limits.file_bytes // 2**20} MiB）",
                            where=str(p))
    if not zipfile.is_zipfile(p):
        return None
    try:
        zf = zipfile.ZipFile(p)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputTooLarge(f"压缩文件已损坏（{exc}）", where=str(p)) from None
    if len(infos) > limits.members:
        raise InputTooLarge(f"压缩文件中的成员太多（{len(infos)} 个，上限 {limits.members}）",
                            where=str(p))
    total = 0
    for i in infos:
        total += i.file_size
        too_big = i.file_size > limits.member_bytes
        ratio = i.file_size > 2**20 and i.file_size > limits.ratio * max(i.compress_size, 1)
        if too_big or ratio or total > limits.total_bytes:
            raise InputTooLarge(
                f"压缩文件中的 {i.filename} 解压后太大（{i.file_size // 2**20} MiB，压缩前 "
                f"{i.compress_size // 1024} KiB）：可能是恶意的“压缩炸弹”，已拒绝", where=str(p))
    return zf


def check_xlsx(path: str | Path) -> None:
    """Sizes as above, then each worksheet's declared dimension (rows and columns)."""
    zf = check_zip(path, XLSX)
    if zf is None:
        return
    with zf:
        for info in zf.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            with zf.open(info) as fh:
                head = fh.read(4096)
            m = _DIM.search(head)
            if not m:
                continue
            rows = int(m.group(4) or m.group(2) or 0)
            cols = _col((m.group(3) or m.group(1) or "A").decode())
            if rows > MAX_ROWS or cols > MAX_COLS:
                raise InputTooLarge(
                    f"工作表 {info.filename.rsplit('/', 1)[-1]} 声明的范围太大（{rows} 行 × {cols} 列，"
                    f"上限 {MAX_ROWS} 行 × {MAX_COLS} 列）", where=str(path))

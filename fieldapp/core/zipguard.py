"""Check a zip container (.xlsx workbook, bundle payload) before any reader inflates it: member
count, each member's and the total uncompressed size, compression ratio, and for workbooks the
declared sheet dimension. Pure Python (zipfile central directory + the first bytes of each sheet),
so a hostile file is refused with a message instead of exhausting memory or crashing the reader.
`read_member` enforces the same sizes again while a member is inflated (a directory may lie).
The limits are documented in docs/limits.md."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .errors import FieldappError
from .messages import ErrorCode

MIB = 2**20


class InputTooLarge(FieldappError):
    code = "too_large"


@dataclass(frozen=True)
class ZipLimits:
    file_bytes: int = 50 * MIB
    members: int = 10_000
    member_bytes: int = 100 * MIB
    total_bytes: int = 200 * MIB
    ratio: int = 200  # uncompressed / compressed, for members over 1 MiB uncompressed


XLSX = ZipLimits()
# The rows and columns a register, visits workbook or form may have (declared or read), and the
# characters of one cell (Excel's own limit).
MAX_ROWS = 200_000
MAX_COLS = 500
MAX_CELL = 32_767
# The compression methods Python's zipfile inflates (stored, deflate, bzip2, lzma); another one
# (deflate64, AES, PPMd...) makes zipfile raise NotImplementedError when the member is opened.
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_DIM = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{0,3})?(\d*):?([A-Z]{1,3})?(\d*)"')


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _mib(n: int) -> str:
    return f"{n / MIB:.1f}".removesuffix(".0")


def check_size(size: int, limit: int, where: str) -> None:
    if size > limit:
        raise InputTooLarge(ErrorCode.FILE_TOO_LARGE, where=where, size_mib=_mib(size),
                            limit_mib=_mib(limit))


def check_zip(source: str | Path | bytes, limits: ZipLimits = XLSX,
              where: str | None = None) -> zipfile.ZipFile | None:
    """Refuse a zip (a file, or its bytes) whose sizes exceed `limits`; returns the open ZipFile
    (or None if it is not a zip at all: the caller's reader reports that)."""
    if isinstance(source, bytes):
        where = where or "?"
        size, handle = len(source), io.BytesIO(source)
    else:
        where = where or str(source)
        size, handle = Path(source).stat().st_size, Path(source)
    check_size(size, limits.file_bytes, where)
    if not zipfile.is_zipfile(handle):
        return None
    try:
        zf = zipfile.ZipFile(handle)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputTooLarge(ErrorCode.ZIP_BROKEN, where=where, reason=str(exc)[:120]) from None
    if len(infos) > limits.members:
        zf.close()
        raise InputTooLarge(ErrorCode.ZIP_TOO_MANY_MEMBERS, where=where, count=len(infos),
                            limit=limits.members)
    total = 0
    for info in infos:
        total += info.file_size
        try:
            check_member(info, limits, where, total)
        except InputTooLarge:
            zf.close()
            raise
    return zf


def check_member(info: zipfile.ZipInfo, limits: ZipLimits, where: str, total: int = 0,
                 member_bytes: int | None = None) -> None:
    """One directory entry: its compression method, its size, its compression ratio and the
    running total."""
    if info.compress_type not in _METHODS:
        raise InputTooLarge(ErrorCode.ZIP_METHOD, where=where, member=info.filename,
                            method=info.compress_type)
    limit = limits.member_bytes if member_bytes is None else member_bytes
    if info.file_size > MIB and info.file_size > limits.ratio * max(info.compress_size, 1):
        raise InputTooLarge(ErrorCode.ZIP_MEMBER_RATIO, where=where, member=info.filename,
                            size_mib=_mib(info.file_size),
                            compressed_kib=max(info.compress_size, 1) // 1024 or 1,
                            limit=limits.ratio)
    if info.file_size > limit:
        raise InputTooLarge(ErrorCode.ZIP_MEMBER_TOO_LARGE, where=where, member=info.filename,
                            size_mib=_mib(info.file_size), limit_mib=_mib(limit))
    if total > limits.total_bytes:
        raise InputTooLarge(ErrorCode.ZIP_TOTAL_TOO_LARGE, where=where, member=info.filename,
                            limit_mib=_mib(limits.total_bytes))


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, where: str) -> bytes:
    """A member inflated piece by piece, stopped as soon as it grows past its declared size or
    `limit` (whichever is smaller), so a lying directory cannot make it larger in memory."""
    cap = min(info.file_size, limit)
    out = bytearray()
    try:
        fh = zf.open(info)
    except NotImplementedError:  # a method the directory did not show (checked already)
        raise InputTooLarge(ErrorCode.ZIP_METHOD, where=where, member=info.filename,
                            method=info.compress_type) from None
    with fh:
        while True:
            piece = fh.read(min(MIB, cap + 1 - len(out)))
            if not piece:
                break
            out += piece
            if len(out) > cap:
                raise InputTooLarge(ErrorCode.ZIP_MEMBER_GREW, where=where, member=info.filename,
                                    limit_mib=_mib(cap))
    return bytes(out)


def check_xlsx(source: str | Path | bytes, where: str | None = None) -> None:
    """Sizes as above, then each worksheet's declared dimension (rows and columns)."""
    zf = check_zip(source, XLSX, where)
    if zf is None:
        return
    where = where or str(source)
    with zf:
        for info in zf.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            try:
                with zf.open(info) as fh:
                    head = fh.read(4096)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error,
                    NotImplementedError) as exc:
                raise InputTooLarge(ErrorCode.ZIP_BROKEN, where=where,
                                    reason=str(exc)[:120]) from None
            m = _DIM.search(head)
            if not m:
                continue
            rows = int(m.group(4) or m.group(2) or 0)
            cols = _col((m.group(3) or m.group(1) or "A").decode())
            if rows > MAX_ROWS or cols > MAX_COLS:
                raise InputTooLarge(ErrorCode.XLSX_DIMENSION, where=where,
                                    sheet=info.filename.rsplit("/", 1)[-1], rows=rows, cols=cols,
                                    max_rows=MAX_ROWS, max_cols=MAX_COLS)

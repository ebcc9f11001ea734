"""Test helper: a zip whose members claim a compression method Python cannot inflate."""

from __future__ import annotations

from pathlib import Path


def with_compression_method(path: Path, method: int) -> Path:
    """Rewrite every member's compression method (local headers and central directory): 9 is
    deflate64, which zipfile lists but cannot open (NotImplementedError)."""
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        i = data.find(signature)
        while i >= 0:
            data[i + offset:i + offset + 2] = method.to_bytes(2, "little")
            i = data.find(signature, i + 4)
    path.write_bytes(bytes(data))
    return path

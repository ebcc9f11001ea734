"""Poppler and zbar helpers for checking PDFs the way a person with a printer would."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    cmd = ["pdftotext", "-layout"]
    if first:
        cmd += ["-f", str(first)]
    if last:
        cmd += ["-l", str(last)]
    return subprocess.run(cmd + [str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def flat(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    """The text without any spaces (pdftotext spaces CJK text unpredictably)."""
    return "".join(text(pdf, first, last).split())


def fonts(pdf: Path) -> list[dict]:
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                         text=True).stdout.splitlines()[2:]
    rows = []
    for line in out:
        parts = line.split()
        # name type... encoding emb sub uni object ID
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4]})
    return rows


def pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                         text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE).group(1))


def qr_of_page(pdf: Path, page: int, tmp: Path, dpi: int = 150) -> str:
    """Render one page and read its QR code with zbarimg, as a scanner would."""
    prefix = tmp / f"page{page}"
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(prefix)], check=True)
    res = subprocess.run(["zbarimg", "-q", "--raw", str(prefix) + ".png"], check=False,
                         capture_output=True,
                         text=True)
    codes = [c for c in res.stdout.splitlines() if c.strip()]
    assert len(codes) == 1, f"expected one QR code on page {page}, got {codes}"
    return codes[0]

"""The text encoding of a CSV file people bring: strict trial decodes in a fixed order, never a
guess that silently garbles names.

Text with control characters (other than tab and line ends) is not text in any of them.

1. a byte-order mark: UTF-8 (EF BB BF) or UTF-16 (FF FE / FE FF);
2. UTF-8 without a mark, if every byte decodes;
3. GB18030 (GBK) and Big5, each decoded strictly. Nearly any byte string decodes as GB18030, so a
   candidate is kept only if its Chinese characters are the everyday ones of that script (GB2312
   for GB18030, Big5 level 1 for Big5) — Big5 read as GBK, or GBK read as Big5, gives mostly rare
   characters. The best-scoring candidate wins if at least MIN_COMMON of its characters are
   everyday ones; otherwise the file is refused (None).

`read_text_file` applies this to a file (registers, visits and gap lists through tabular.read,
household points through geo.point_import), size-capped first.

Which rows form the header is then found by the caller (a register's or a visits sheet's header
detection), on text in the right script; header names in traditional characters are recognised
(core.register_columns.header_key).
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from pathlib import Path

from .errors import FieldappError
from .messages import ErrorCode
from .zipguard import InputTooLarge, check_size

LEGACY = ("gb18030", "big5")
MIN_COMMON = 0.8
SAMPLE = 256 * 1024
# what no text file holds: control characters other than tab and line ends, non-characters
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@lru_cache(maxsize=1)
def _everyday() -> dict[str, frozenset[str]]:
    """The everyday Chinese characters of each legacy encoding, from the codecs' own tables."""
    gb = {bytes((hi, lo)).decode("gb2312", "ignore") for hi in range(0xB0, 0xF8)
          for lo in range(0xA1, 0xFF)}
    big5 = {bytes((hi, lo)).decode("big5", "ignore") for hi in range(0xA4, 0xC7)
            for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))}
    return {"gb18030": frozenset(gb - {""}), "big5": frozenset(big5 - {""})}


def _cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000" \
        or "\ue000" <= ch <= "\uf8ff"  # private use: what GB18030 makes of Big5-only bytes


def _score(text: str, encoding: str) -> float:
    """Share of the Chinese characters in `text` that are everyday ones for `encoding`."""
    common = _everyday()[encoding]
    chinese = [ch for ch in text if _cjk(ch)]
    if not chinese:
        return 1.0
    return sum(ch in common for ch in chinese) / len(chinese)


def _strict(raw: bytes, encoding: str) -> str | None:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _NOT_TEXT.search(text) else text


def decode_text(raw: bytes) -> tuple[str, str | None]:
    """(text, encoding name) of the bytes of a text file, or ("", None) when no encoding decodes
    them cleanly."""
    if raw.startswith(codecs.BOM_UTF8):
        text = _strict(raw[3:], "utf-8")
        return (text, "utf-8") if text is not None else ("", None)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(raw, "utf-16")
        return (text, "utf-16") if text is not None else ("", None)
    text = _strict(raw, "utf-8")
    if text is not None:
        return text, "utf-8"
    best: tuple[float, str, str] | None = None
    for encoding in LEGACY:
        text = _strict(raw, encoding)
        if text is None:
            continue
        score = _score(text[:SAMPLE], encoding)
        if best is None or score > best[0]:
            best = (score, encoding, text)
    if best is None or best[0] < MIN_COMMON:
        return "", None
    return best[2], "gbk" if best[1] == "gb18030" else best[1]


def read_text_file(path: Path, limit: int, error: type[FieldappError]) -> tuple[str, str]:
    """(text, encoding) of a text file people bring, read only if at most `limit` bytes; raises
    `error` naming the file when it is a folder, too large, or not cleanly decodable text."""
    if path.is_dir():
        raise error(ErrorCode.INPUT_IS_FOLDER, where=str(path))
    try:
        check_size(path.stat().st_size, limit, str(path))
    except InputTooLarge as exc:
        raise error(exc.entry, where=str(path), **exc.params) from None
    text, encoding = decode_text(path.read_bytes())
    if encoding is None:
        raise error(ErrorCode.CSV_ENCODING, where=str(path))
    return text, encoding

"""Recordings, videos and other files attached to a visit answer (XLSForm `audio`, `video`,
`file`): which files each type takes and how large they may be.

The file is stored like a photo (an attachment by sha256, the answer its sha256, so `fieldapp
check` finds a missing or unused one); its original name travels in the attachment's media type
as a MIME parameter: `audio/mp4; name="采访.m4a"`.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from email.message import Message
from email.utils import collapse_rfc2231_value
from pathlib import Path

from fieldapp.core.errors import BadValue
from fieldapp.core.messages import ErrorCode

# A sync bundle carries each attachment up to 16 MiB (sync/archive.py MEMBER_LIMITS): a larger
# file could not reach the county, so it is refused when attached.
MAX_ATTACHMENT_BYTES = 16 * 2**20


@dataclass(frozen=True)
class FileKind:
    word: ErrorCode  # the kind of file, in a message
    extensions: tuple[str, ...]
    default_type: str


KINDS = {
    "audio": FileKind(ErrorCode.WORD_AUDIO, (".m4a", ".mp3", ".aac", ".amr", ".wav", ".ogg",
                                             ".opus", ".3gp", ".flac", ".wma"), "audio/mpeg"),
    "video": FileKind(ErrorCode.WORD_VIDEO, (".mp4", ".3gp", ".mov", ".avi", ".mkv", ".webm",
                                             ".wmv", ".m4v"), "video/mp4"),
    "file": FileKind(ErrorCode.WORD_FILE, (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".csv",
                                           ".txt", ".odt", ".ods", ".jpg", ".jpeg", ".png",
                                           ".zip"), "application/octet-stream"),
}


def file_filter(kind: str) -> str:
    """The name patterns of a file dialog: "*.m4a *.mp3 …"."""
    return " ".join("*" + e for e in KINDS[kind].extensions)


def media_type_of(name: str, kind: str) -> str:
    """The media type stored for a file, its name as a parameter."""
    msg = Message()
    msg["Content-Type"] = mimetypes.guess_type(name)[0] or KINDS[kind].default_type
    msg.set_param("name", name)
    return msg["Content-Type"]


def name_of(media_type: str) -> str | None:
    """The original file name kept in a stored media type (None when there is none)."""
    msg = Message()
    msg["Content-Type"] = media_type
    name = msg.get_param("name")
    return collapse_rfc2231_value(name) if name else None  # RFC 2231 for non-ASCII names


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 2**20:
        return f"{size / 1024:.0f} KB"
    return f"{size / 2**20:.1f} MB"


def read_attachment_file(path: str | Path, kind: str) -> tuple[bytes, str]:
    """(content, media type with the name) of a file for an `audio`/`video`/`file` answer;
    BadValue naming the file when it is not of that kind, empty, too large or unreadable."""
    p = Path(path)
    spec = KINDS[kind]
    if p.suffix.lower() not in spec.extensions:
        raise BadValue(ErrorCode.ATTACH_WRONG_TYPE, name=p.name, kind=spec.word,
                       extensions=" ".join(spec.extensions))
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise FileNotFoundError(p)
    except FileNotFoundError:
        raise BadValue(ErrorCode.ATTACH_MISSING, name=p.name) from None
    except OSError as exc:
        raise BadValue(ErrorCode.ATTACH_UNREADABLE, name=p.name, reason=exc.strerror) from None
    if size > MAX_ATTACHMENT_BYTES:
        raise BadValue(ErrorCode.ATTACH_TOO_LARGE, name=p.name, size=format_size(size),
                       kind=spec.word, megabytes=MAX_ATTACHMENT_BYTES // 2**20)
    if size == 0:
        raise BadValue(ErrorCode.ATTACH_EMPTY, name=p.name)
    try:
        with p.open("rb") as f:
            content = f.read(MAX_ATTACHMENT_BYTES + 1)
    except OSError as exc:
        raise BadValue(ErrorCode.ATTACH_UNREADABLE, name=p.name, reason=exc.strerror) from None
    if len(content) > MAX_ATTACHMENT_BYTES:  # grew while read
        raise BadValue(ErrorCode.ATTACH_TOO_LARGE, name=p.name, size=format_size(len(content)),
                       kind=spec.word, megabytes=MAX_ATTACHMENT_BYTES // 2**20)
    return content, media_type_of(p.name, kind)

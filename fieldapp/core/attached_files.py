"""Recordings, videos and other files attached to a visit answer (XLSForm `audio`, `video`,
`file`): which files each type takes and how large they may be.

The file is stored like a photo (an attachment by sha256, the answer its sha256, so `fieldapp
check` finds a missing or unused one); its original name travels in the attachment's media type
as a MIME parameter: `audio/mp4; name="采访.m4a"`.
"""

from __future__ import annotations

import mimetypes
import re
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
    # a photo is decoded and stored as JPEG (ui/visit/visit_form_photo.py)
    "image": FileKind(ErrorCode.WORD_IMAGE, (".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp",
                                             ".tif", ".tiff"), "image/jpeg"),
}
# Python's own table of media types, not the system's: the same answer on every laptop
_MEDIA_TYPES = mimetypes.MimeTypes(filenames=())
for _type, _ext in (("audio/mp4", ".m4a"), ("audio/amr", ".amr"), ("audio/ogg", ".ogg"),
                    ("audio/flac", ".flac"), ("audio/x-ms-wma", ".wma"), ("video/mp4", ".m4v"),
                    ("video/x-matroska", ".mkv"), ("video/x-ms-wmv", ".wmv"),
                    ("image/webp", ".webp"), ("application/vnd.oasis.opendocument.text", ".odt"),
                    ("application/vnd.oasis.opendocument.spreadsheet", ".ods"),
                    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     ".docx"),
                    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     ".xlsx")):
    _MEDIA_TYPES.add_type(_type, _ext)
# what body::accept may list (as HTML's accept attribute): ".pdf", "image/*", "application/pdf"
ACCEPT_ITEM = re.compile(r"\.[A-Za-z0-9][A-Za-z0-9_\-]{0,15}|[a-z]+/(\*|[a-z0-9][a-z0-9.+\-]*)")


def accept_items(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(items, not understood) of a body::accept cell: ".PDF, image/*" -> ((".pdf", "image/*"),
    ())."""
    items, bad = [], []
    for part in text.replace(";", ",").replace(" ", ",").split(","):
        part = part.strip().lower()
        if part:
            (items if ACCEPT_ITEM.fullmatch(part) else bad).append(part)
    return tuple(dict.fromkeys(items)), tuple(bad)


def _of_media_type(item: str, kind: str) -> list[str]:
    """The extensions of a media type ("application/pdf"), or of a family ("audio/*"): the
    question type's own when it is of that family, else those of every known type in it."""
    if not item.endswith("/*"):
        return sorted(_MEDIA_TYPES.guess_all_extensions(item, strict=False))
    family = item[:-1]
    if KINDS[kind].default_type.startswith(family):
        return list(KINDS[kind].extensions)
    known = [e for k in KINDS.values() for e in k.extensions]
    return [e for e in dict.fromkeys(known)
            if (_MEDIA_TYPES.guess_type("x" + e, strict=False)[0] or "").startswith(family)]


def accepted_extensions(kind: str, accept: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The file extensions an answer of `kind` takes: those the form's body::accept lists (as
    extensions or media types), else the type's own."""
    out: list[str] = []
    for item in accept:
        out.extend([item] if item.startswith(".") else _of_media_type(item, kind))
    return tuple(dict.fromkeys(out)) or KINDS[kind].extensions


def file_filter(kind: str, accept: tuple[str, ...] = ()) -> str:
    """The name patterns of a file dialog: "*.m4a *.mp3 …"."""
    return " ".join("*" + e for e in accepted_extensions(kind, accept))


def check_extension(path: str | Path, kind: str, accept: tuple[str, ...] = ()) -> None:
    """BadValue naming the file when its extension is not one the question takes."""
    p = Path(path)
    extensions = accepted_extensions(kind, accept)
    if p.suffix.lower() not in extensions:
        raise BadValue(ErrorCode.ATTACH_WRONG_TYPE, name=p.name, kind=KINDS[kind].word,
                       extensions=" ".join(extensions))


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


def read_attachment_file(path: str | Path, kind: str, accept: tuple[str, ...] = ()
                         ) -> tuple[bytes, str]:
    """(content, media type with the name) of a file for an `audio`/`video`/`file` answer;
    BadValue naming the file when it is not of that kind (or not one the form's body::accept
    lists), empty, too large or unreadable."""
    p = Path(path)
    spec = KINDS[kind]
    check_extension(p, kind, accept)
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

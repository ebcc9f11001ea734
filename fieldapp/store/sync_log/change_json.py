"""The JSON the change log writes (record data, field clocks, audit values), encoded fast and the
same way every time (sorted keys, no ASCII escapes), and the time stamp of a change."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any


def now_iso() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


# One encoder for every call: json.dumps with options builds a new encoder each time, which is
# most of its cost on the small documents written here (same output as json.dumps(..., these
# options)).
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode


def _dumps(value: Any) -> str:
    return _ENCODE(value)


def _dumps_flat(value: dict[str, Any]) -> str:
    """_dumps of a dict of text or None values (clocks, old and new field values), built
    without the encoder's per-call set-up; other values go to _dumps."""
    try:
        return "{" + ",".join([_ENCODE_STR(k) + ":" + ("null" if v is None else _ENCODE_STR(v))
                               for k, v in sorted(value.items())]) + "}"
    except TypeError:
        return _ENCODE(value)


_ENCODE_STR = json.encoder.encode_basestring  # a str as _ENCODE writes it (ensure_ascii off)


def _loads_clock(text: str) -> dict[str, str]:
    """json.loads of a record's clock; the clock of a record nobody changed since it was
    inserted ({"*":"<device>:<counter>"}) without the decoder."""
    if text.startswith('{"*":"') and text.endswith('"}') and text.count('"') == 4 \
            and "\\" not in text:
        return {"*": text[6:-2]}
    return json.loads(text)


def _audit_text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else _dumps(value)


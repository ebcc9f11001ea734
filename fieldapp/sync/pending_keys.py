"""A laptop's new key pair waiting for the county's reference bundle (kept encrypted in DB.key
until `init --from` uses it)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .errors import SyncError
from fieldapp.core.messages import ErrorCode


def pending_key_path(db: str | os.PathLike) -> Path:
    """Where a laptop keeps its new key pair (encrypted) until the county's reference bundle
    arrives: next to the database it will create."""
    return Path(str(db) + ".key")


def load_pending(key_path: Path) -> dict[str, Any]:
    try:
        d = json.loads(key_path.read_text(encoding="utf-8"))
        d["device_id"], d["protected"], d["sign"]
    except (OSError, ValueError, KeyError, TypeError):
        raise SyncError(ErrorCode.PENDING_KEY_DAMAGED, where=str(key_path)) from None
    return d

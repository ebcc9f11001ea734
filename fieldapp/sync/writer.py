"""Assemble and write a bundle file: payload ZIP -> encrypt -> sign -> atomic rename."""

from __future__ import annotations

import json
import os
import uuid as uuidlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fieldapp.core.private_temp import pause_for_tests, private_workdir
from fieldapp.store.schema import SCHEMA_VERSION

from .archive import write_payload
from .container import write_bundle
from .errors import SyncError
from .keys import KeyPair
from fieldapp.core.messages import ErrorCode


def now_iso() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def changes_member(rows: list[tuple]) -> bytes:
    from .changeset import bundle_form

    return json.dumps([bundle_form(r) for r in rows], ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def write(out: str | os.PathLike, *, kind: str, county: str, township: str, device_id: str,
          device_name: str, signer: KeyPair, manifest: dict[str, Any],
          members: dict[str, bytes], recipients: Callable[[bytes], list[dict]]
          ) -> tuple[str, str]:
    """Write a bundle; returns (bundle uuid, sha256 of the file)."""
    out = Path(out)
    if not out.parent.exists():
        raise SyncError(ErrorCode.OUTPUT_FOLDER_MISSING, where=str(out.parent))
    if out.is_dir():
        raise SyncError(ErrorCode.OUTPUT_IS_FOLDER, where=str(out))
    bundle_uuid = str(uuidlib.uuid4())
    created = now_iso()
    common = {"kind": kind, "bundle_uuid": bundle_uuid, "created_at": created, "county": county,
              "township": township, "device_id": device_id, "device_name": device_name}
    manifest = dict(manifest, **common, schema_version=SCHEMA_VERSION)
    content_key = os.urandom(32)
    header = dict(common, recipients=recipients(content_key))  # public metadata only
    try:
        # The plaintext payload lives only in a private 0700 folder of the app data, never in
        # the output folder (a USB stick); only the encrypted, signed file is written there.
        with private_workdir("export-") as work:
            plain = work / "payload.zip"
            write_payload(plain, manifest, members)
            pause_for_tests("export-payload")
            sha = write_bundle(out, header, plain, signer, content_key)
    except OSError as exc:
        raise SyncError(ErrorCode.BUNDLE_WRITE_FAILED, reason=exc.strerror or exc,
                        where=str(out)) from None
    return bundle_uuid, sha


def attachment_members(store, rows: list[tuple]) -> dict[str, bytes]:
    """`attachments/<sha256>` members for the photos that the changes insert."""
    from fieldapp.store.sync_log import export_reads as sync_export

    out = {}
    for r in rows:
        if r[3] == "attachments" and r[5] == "insert":
            sha = json.loads(r[6]).get("sha256")
            content = sync_export.attachment_content(store, sha) if sha else None
            if content is not None:
                out[f"attachments/{sha}"] = content
    return out

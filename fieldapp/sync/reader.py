"""Read a bundle safely: copy it off the stick, check signature, decrypt, check the manifest
against the signed header, the schema version and every change record."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldapp.core.messages import ErrorCode
from fieldapp.core.private_temp import pause_for_tests, private_workdir
from fieldapp.store.schema import SCHEMA_VERSION

from .archive import Payload
from .changeset import Change, changes_from_lists
from .container import Opened, content_key_for, decrypt_payload, open_bundle
from .errors import BundleRejected
from .keys import KeyPair

MAX_BUNDLE_FILE = 6 << 30


@dataclass
class Contents:
    opened: Opened
    payload: Payload
    manifest: dict[str, Any]
    changes: list[Change]
    reference: dict[str, Any] = field(default_factory=dict)

    def attachment(self, sha256: str) -> bytes | None:
        name = f"attachments/{sha256}"
        if name not in self.payload.infos:
            return None
        data = self.payload.read(name)
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BundleRejected(ErrorCode.PHOTO_CHECKSUM, sha256=sha256,
                                 where=self.payload.where)
        return data


@contextmanager
def local_copy(path: str | os.PathLike) -> Iterator[tuple[Opened, Path]]:
    """The bundle copied into a private temporary folder and opened (signature checked);
    yields (opened, work dir). Nothing later reads the original file again."""
    src = Path(path)
    if src.is_dir():
        raise BundleRejected(ErrorCode.INPUT_IS_FOLDER, where=str(src))
    if not src.is_file():
        raise BundleRejected(ErrorCode.BUNDLE_MISSING, where=str(src))
    if src.stat().st_size > MAX_BUNDLE_FILE:
        raise BundleRejected(ErrorCode.BUNDLE_FILE_TOO_LARGE, where=str(src))
    with private_workdir("bundle-") as work:  # 0700 under the app data, removed on leaving
        copy = work / "bundle.fab"
        try:
            shutil.copyfile(src, copy)
        except OSError as exc:
            raise BundleRejected(ErrorCode.BUNDLE_UNREADABLE, reason=exc.strerror or exc,
                                 where=str(src)) from None
        try:
            opened = open_bundle(copy)
        except BundleRejected as exc:
            raise BundleRejected.again(exc, where=str(src)) from None
        opened.path, opened.local = src, copy  # messages name the user's file
        yield opened, work


def read_contents(opened: Opened, work: Path, keys: KeyPair | None,
                  code: str | None) -> Contents:
    where = str(opened.path)
    key = content_key_for(opened, keys, code)
    plain = work / "payload.zip"
    decrypt_payload(opened, key, plain)
    pause_for_tests("merge-decrypted")
    payload = Payload(plain, where)
    m, h = payload.manifest, opened.header
    for k in ("bundle_uuid", "kind", "device_id", "county", "township"):
        if m.get(k) != h.get(k):
            raise BundleRejected(ErrorCode.MANIFEST_HEADER_MISMATCH, key=k, where=where)
    version = m.get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise BundleRejected(ErrorCode.BUNDLE_NO_SCHEMA, where=where)
    if version > SCHEMA_VERSION:
        raise BundleRejected(ErrorCode.BUNDLE_NEWER_PROGRAM, version=version,
                             supported=SCHEMA_VERSION, where=where)
    raw = payload.read_json("changes.json", walked=True)  # nesting bounded by changes_from_lists
    if not isinstance(raw, list):
        raise BundleRejected(ErrorCode.BUNDLE_CHANGES_FORMAT, where=where)
    changes = changes_from_lists(raw, where)
    reference: dict[str, Any] = {}
    if h["kind"] == "reference":
        reference = payload.read_json("reference.json")
        if not isinstance(reference, dict) or not isinstance(reference.get("settings"), dict):
            raise BundleRejected(ErrorCode.REFERENCE_NO_CONTENT, where=where)
    return Contents(opened, payload, m, changes, reference)

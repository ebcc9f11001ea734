"""Township -> county: every change this laptop made since the last export the county
acknowledged (or all of them), with the photos they add, in one encrypted, signed file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from fieldapp.core.progress import Progress
from fieldapp.store.sync_log import export_reads as sync_export
from fieldapp.store.sync_log import keys as sync_keys

from fieldapp.sync import crypto, forms, identity, writer
from fieldapp.sync.changeset import Change
from fieldapp.sync.errors import SyncError
from fieldapp.core.messages import ErrorCode


@dataclass
class ExportResult:
    path: str
    bundle_uuid: str
    sha256: str
    changes: int
    attachments: int
    from_counter: int
    to_counter: int


def export_bundle(store, out: str | os.PathLike, passphrase: str, *, full: bool = False,
                  progress: Progress | None = None) -> ExportResult:
    if store.role == "county":
        raise SyncError(ErrorCode.COUNTY_EXPORTS_NO_BUNDLE, where=str(store.path))
    keys = identity.unlock(store, passphrase)
    county_keys = identity.county_public(store)
    device = store.device_id
    acked = 0 if full else int(store.setting("sync_acked_counter", "0") or 0)
    rows = sync_export.fill_inserts(store, sync_export.own_changes(store, device, acked))
    changes = [Change(*r) for r in rows]
    members = {"changes.json": writer.changes_member(rows)}
    members.update(writer.attachment_members(store, rows))
    if progress and progress(len(changes) // 2, len(changes)) is False:
        raise SyncError(ErrorCode.EXPORT_CANCELLED)
    last = changes[-1].counter if changes else acked
    counts: dict[str, int] = {}
    for c in changes:
        counts[c.tbl] = counts.get(c.tbl, 0) + 1
    manifest = {
        "surveyor": store.setting("surveyor") or "", "form_versions": forms.versions_in(changes),
        "counts": {"changes": len(changes), "attachments": len(members) - 1, "tables": counts},
        "from_counter": acked + 1, "to_counter": last, "full": full,
        # what this laptop had merged from other devices: the county tells a revisit made
        # knowing another laptop's visit from one made without (sync.verdicts)
        "seen": sync_keys.seen_counters(store, device),
    }
    township = store.setting("township_code") or ""
    bundle_uuid, sha = writer.write(
        out, kind="export", county=store.setting("county_code") or "", township=township,
        device_id=device, device_name=store.setting("device_name") or device, signer=keys,
        manifest=manifest, members=members,
        recipients=lambda k: [crypto.wrap_for_key(k, county_keys.box_key())])
    with store.transaction():
        sync_keys.log_export(store, bundle_uuid, "export", township, acked + 1, last,
                             len(changes), str(out))
    if progress:
        progress(len(changes), len(changes))
    return ExportResult(str(Path(out)), bundle_uuid, sha, len(changes), len(members) - 1,
                        acked + 1, last)

"""County -> township: a reference bundle with everything one township needs — its villages and
households with every change that built them (original uuids and clocks), the newest version
of each checklist kept in the database (published at the county) with its choice files, the county
public keys, the device certificates of the township's laptops, the county's revocations,
resolved conflicts and acknowledgements of merged bundles.

It is encrypted only to the keys of the township's enrolled laptops (a new laptop is enrolled
first, from its request file: see devices.py), so nothing in it can be read by whoever copies it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from fieldapp.core.divisions import CodeError, level_of, normalize_code
from fieldapp.core.progress import Progress
from fieldapp.store.households import queries
from fieldapp.store.sync_log import export_reads as sync_export
from fieldapp.store.sync_log import keys as sync_keys

from fieldapp.sync import crypto, identity, writer
from fieldapp.sync import forms as bundle_forms
from fieldapp.sync.errors import SyncError
from fieldapp.sync.keys import PublicKeys
from fieldapp.store import device_certs
from fieldapp.core.messages import ErrorCode


SHARED_SETTINGS = ("county_code", "county_name", "id_salt", "programme_year", "store_full_id",
                   "coverage_rule")


@dataclass
class ReferenceResult:
    path: str
    bundle_uuid: str
    sha256: str
    transfer_code: str
    township: str
    township_name: str
    changes: int
    households: int
    villages: int
    recipients: int


def township_area(store, township: str) -> tuple[str, dict]:
    """(12-digit code, area row) of a township of this county, or a SyncError."""
    try:
        code = normalize_code(township)
    except CodeError as exc:
        raise SyncError.again(exc) from None
    area = queries.area(store, code)
    if area is None or level_of(code) != "township":
        raise SyncError(ErrorCode.REFERENCE_NO_TOWNSHIP, township=township, where=str(store.path))
    return code, area


def reference_bundle(store, township: str, out: str | os.PathLike, passphrase: str, *,
                     progress: Progress | None = None) -> ReferenceResult:
    if store.role != "county":
        raise SyncError(ErrorCode.REFERENCE_COUNTY_ONLY, where=str(store.path))
    township, area = township_area(store, township)
    certs = [c for c in device_certs.all_certs(store, township=township) if not c["revoked_at"]]
    if not certs:
        raise SyncError(ErrorCode.REFERENCE_NOT_ENROLLED, name=area["name"], area=township[:9],
                        where=str(store.path))
    keys = identity.unlock(store, passphrase)
    county = store.setting("county_code") or ""
    if progress:
        progress(0, 3)
    rows = sync_export.fill_inserts(store, sync_export.township_changes(store, county, township))
    counts = sync_export.scope_counts(store)
    resolved = sync_export.resolved_conflicts(store)
    if progress and progress(1, 3) is False:
        raise SyncError(ErrorCode.CANCELLED)
    laptops = [d for d in sync_keys.devices(store, township=township, status=("enrolled",))
               if d.get("public_key") and d["device_id"] in {c["device_id"] for c in certs}]
    members = {"changes.json": writer.changes_member(rows)}
    members.update(writer.attachment_members(store, rows))
    form_entries = bundle_forms.current_forms(store, members)
    reference = {
        "township": township, "township_name": area["name"],
        "settings": sync_export.settings(store, SHARED_SETTINGS),
        "county_device": {"device_id": store.device_id,
                          "name": store.setting("device_name") or store.device_id,
                          "public_key": identity.own_public(store).to_json()},
        "certificates": [json.loads(c["certificate"]) for c in certs],
        "revoked": [{"device_id": c["device_id"], "serial": c["serial"], "sign": c["sign_public"],
                     "revoked_at": c["revoked_at"]} for c in device_certs.all_certs(store)
                    if c["revoked_at"]],
        "acks": sync_keys.acks(store, township), "conflicts": resolved,
        "forms": form_entries,
        "devices": [{k: d[k] for k in ("device_id", "name", "township_code", "status")}
                    for d in laptops],
    }
    members["reference.json"] = json.dumps(reference, ensure_ascii=False).encode("utf-8")
    manifest = {"counts": {"changes": len(rows), "tables": counts}}
    code = ""  # no transfer code any more: only enrolled laptops' keys can open it

    def recipients(key: bytes) -> list[dict]:
        return [crypto.wrap_for_key(key, PublicKeys.from_json(d["public_key"]).box_key())
                for d in laptops]

    bundle_uuid, sha = writer.write(
        out, kind="reference", county=county, township=township, device_id=store.device_id,
        device_name=store.setting("device_name") or store.device_id, signer=keys,
        manifest=manifest, members=members, recipients=recipients)
    with store.transaction():
        sync_keys.log_export(store, bundle_uuid, "reference", township, None, None, len(rows),
                             str(out))
    if progress:
        progress(3, 3)
    return ReferenceResult(str(out), bundle_uuid, sha, code, township, area["name"], len(rows),
                           counts.get("households", 0),
                           max(0, counts.get("areas", 0) - 2), len(laptops))

"""County -> township: a reference bundle with everything one township needs — its villages and
households with every change that built them (original uuids and clocks), the forms, the county
public keys, an enrolment token, resolved conflicts and acknowledgements of merged bundles.

It is encrypted to every laptop already enrolled for the township and to a new random transfer
code (printed for the county user to pass on by phone), so a new laptop can be made from it.
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

from fieldapp.sync import crypto, enrolment, identity, writer
from fieldapp.sync.errors import SyncError
from fieldapp.sync.keys import PublicKeys

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


def reference_bundle(store, township: str, out: str | os.PathLike, passphrase: str, *,
                     progress: Progress | None = None) -> ReferenceResult:
    if store.role != "county":
        raise SyncError("只有县级数据库能生成参考包", where=str(store.path))
    try:
        township = normalize_code(township)
    except CodeError as exc:
        raise SyncError(str(exc)) from None
    area = queries.area(store, township)
    if area is None or level_of(township) != "township":
        raise SyncError(f"本库没有乡镇 {township}", where=str(store.path))
    keys = identity.unlock(store, passphrase)
    county = store.setting("county_code") or ""
    conn = store.conn
    if progress:
        progress(0, 3)
    rows = sync_export.fill_inserts(conn, sync_export.township_changes(conn, county, township))
    counts = sync_export.scope_counts(conn)
    resolved = sync_export.resolved_conflicts(conn)
    if progress and progress(1, 3) is False:
        raise SyncError("已取消")
    token = enrolment.issue(keys, county, township)
    laptops = [d for d in sync_keys.devices(conn, township=township,
                                            status=("enrolled", "accepted"))
               if d.get("public_key")]
    form_rows = sync_keys.forms(conn)
    members = {"changes.json": writer.changes_member(rows)}
    members.update(writer.attachment_members(conn, rows))
    for f in form_rows:
        members[f"forms/{f['file_name']}"] = bytes(f["content"])
    reference = {
        "township": township, "township_name": area["name"],
        "settings": sync_export.settings(conn, SHARED_SETTINGS),
        "county_device": {"device_id": store.device_id,
                          "name": store.setting("device_name") or store.device_id,
                          "public_key": identity.own_public(store).to_json()},
        "enrolment": token, "acks": sync_keys.acks(conn, township), "conflicts": resolved,
        "forms": [{k: f[k] for k in ("form_id", "version", "file_name", "sha256")}
                  for f in form_rows],
        "devices": [{k: d[k] for k in ("device_id", "name", "township_code", "status")}
                    for d in laptops],
    }
    members["reference.json"] = json.dumps(reference, ensure_ascii=False).encode("utf-8")
    manifest = {"counts": {"changes": len(rows), "tables": counts}}
    code = crypto.new_transfer_code()

    def recipients(key: bytes) -> list[dict]:
        out = [crypto.wrap_for_code(key, code)]
        for d in laptops:
            out.append(crypto.wrap_for_key(key, PublicKeys.from_json(d["public_key"]).box_key()))
        return out

    with store.transaction() as c:
        sync_keys.add_enrolment(c, token["payload"]["token_id"], township)
    bundle_uuid, sha = writer.write(
        out, kind="reference", county=county, township=township, device_id=store.device_id,
        device_name=store.setting("device_name") or store.device_id, signer=keys,
        manifest=manifest, members=members, recipients=recipients)
    with store.transaction() as c:
        sync_keys.log_export(c, bundle_uuid, "reference", township, None, None, len(rows),
                             str(out))
    if progress:
        progress(3, 3)
    return ReferenceResult(str(out), bundle_uuid, sha, code, township, area["name"], len(rows),
                           counts.get("households", 0),
                           max(0, counts.get("areas", 0) - 2), len(laptops))

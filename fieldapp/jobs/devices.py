"""Laptops of the county: a laptop asks to be enrolled (request file + fingerprint), the county
enrols it (device certificate, then the reference bundle that carries it), lists and revokes.
One function per job, used by the CLI and the app."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldapp.store import Store, device_certs
from fieldapp.store.sync_log import keys as sync_keys

from fieldapp.sync import certificates, identity
from fieldapp.sync.errors import SyncError
from fieldapp.sync.keys import KeyPair, b64, fingerprint, unb64
from fieldapp.sync.pending_keys import load_pending, pending_key_path
from fieldapp.jobs.reference_bundle import reference_bundle, township_area
from fieldapp.core.messages import ErrorCode


@dataclass
class RequestResult:
    request: str
    key_file: str
    device_id: str
    device_name: str
    fingerprint: str


@dataclass
class EnrolResult:
    serial: int
    device_id: str
    device_name: str
    township: str
    fingerprint: str
    reference: Any = None  # ReferenceResult when a reference bundle was written


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


def request(db: str | os.PathLike, out: str | os.PathLike, passphrase: str, *,
            name: str = "", key_file: str | os.PathLike | None = None) -> RequestResult:
    """On a laptop: the request file for the county. For a database that does not exist yet a
    new key pair is made (kept encrypted in DB.key until `init --from`); for an existing
    township database (enrolled the old way) its own key is used. `key_file`: where to keep
    the new key instead (the app, which names the database only once the bundle is here)."""
    db, out = Path(db), Path(out)
    if db.exists():
        with Store.open(db) as store:
            if store.role != "township":
                raise SyncError(ErrorCode.ENROL_REQUEST_TOWNSHIP_ONLY, where=str(db))
            keys = identity.unlock(store, passphrase)
            device_id = store.device_id
            name = name or store.setting("device_name") or device_id
        key_file = ""
    else:
        key_path = Path(key_file) if key_file else pending_key_path(db)
        if key_path.exists():
            keys, device_id, name = _pending(key_path, passphrase, name)
        else:
            if not key_path.parent.is_dir():
                raise SyncError(ErrorCode.DB_DIR_MISSING, where=str(key_path.parent))
            keys = KeyPair.generate()
            device_id = certificates.device_id_for(keys.public.sign)
            name = name or device_id
            _write_private(key_path, json.dumps(
                {"device_id": device_id, "device_name": name, "sign": b64(keys.public.sign),
                 "box": b64(keys.public.box), "protected": keys.protect(passphrase)},
                ensure_ascii=False))
        key_file = str(key_path)
    doc = certificates.make_request(keys, device_id, name)
    try:
        out.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as exc:
        raise SyncError(ErrorCode.ENROL_REQUEST_WRITE, reason=exc.strerror or exc,
                        where=str(out)) from None
    return RequestResult(str(out), key_file, device_id, name, keys.public.fingerprint)


def _pending(key_path: Path, passphrase: str, name: str) -> tuple[KeyPair, str, str]:
    d = load_pending(key_path)
    keys = KeyPair.unprotect(d["protected"], passphrase)
    return keys, d["device_id"], name or d.get("device_name") or d["device_id"]


# ----- at the county ------------------------------------------------------------------------
def _candidate(store, source: str) -> dict[str, Any]:
    """A request file, or the fingerprint of a laptop the county already knows (enrolled the
    old way): {device_id, device_name, sign, box, fingerprint}."""
    if Path(source).is_file():
        req = certificates.read_request(source)
        known = sync_keys.device(store, req["device_id"])
        bound = req["device_id"] == certificates.device_id_for(_raw(req["sign"]))
        legacy = known and known.get("public_key") and json.loads(
            known["public_key"]).get("sign") == req["sign"]
        if not (bound or legacy):
            raise SyncError(ErrorCode.ENROL_DEVICE_KEY_MISMATCH, device=req["device_id"],
                            where=source)
        return req
    fp = certificates.normalize_fingerprint(source)
    if len(fp) != 19:
        raise SyncError(ErrorCode.ENROL_NOT_A_REQUEST, source=source)
    for d in sync_keys.devices(store, status=("enrolled", "accepted")):
        pk = json.loads(d["public_key"]) if d.get("public_key") else None
        if pk and fingerprint(_raw(pk["sign"])) == fp:
            return {"device_id": d["device_id"], "device_name": d.get("name") or d["device_id"],
                    "sign": pk["sign"], "box": pk["box"], "fingerprint": fp}
    raise SyncError(ErrorCode.ENROL_UNKNOWN_FINGERPRINT, fingerprint=fp)


def _raw(text: str) -> bytes:
    return unb64(text)


def _refuse_reuse(store, cand: dict[str, Any], township: str) -> int | None:
    """Refuse a revoked key, a device id held by another key, a key enrolled elsewhere; the
    serial of an existing valid certificate for the same laptop and township."""
    dev, fp = cand["device_id"], cand["fingerprint"]
    for c in device_certs.by_key(store, cand["sign"]):
        if c["revoked_at"]:
            raise SyncError(ErrorCode.ENROL_KEY_REVOKED_ON, fingerprint=fp, device=c["device_id"],
                            date=c["revoked_at"][:10])
    for d in sync_keys.devices(store, status=("revoked",)):
        if d.get("public_key") and json.loads(d["public_key"]).get("sign") == cand["sign"]:
            raise SyncError(ErrorCode.ENROL_KEY_REVOKED, fingerprint=fp, device=d["device_id"])
    for c in device_certs.by_device(store, dev):
        if c["sign_public"] != cand["sign"] and not c["revoked_at"]:
            raise SyncError(ErrorCode.ENROL_DEVICE_TAKEN, device=dev)
    for c in device_certs.by_key(store, cand["sign"]):
        if c["township_code"] != township:
            raise SyncError(ErrorCode.ENROL_OTHER_TOWNSHIP, fingerprint=fp,
                            township=c["township_code"])
        return int(c["serial"])
    return None


def enrol(store, source: str, township: str, passphrase: str, *,
          out: str | os.PathLike | None = None, name: str = "",
          expect_fingerprint: str = "") -> EnrolResult:
    """At the county: sign the laptop's certificate and (with `out`) write the township's
    reference bundle that carries it, encrypted to the laptop's key."""
    if store.role != "county":
        raise SyncError(ErrorCode.ENROL_COUNTY_ONLY, where=str(store.path))
    cand = _candidate(store, str(source))
    if expect_fingerprint and certificates.normalize_fingerprint(
            expect_fingerprint) != cand["fingerprint"]:
        raise SyncError(ErrorCode.ENROL_FINGERPRINT_CHANGED, fingerprint=cand["fingerprint"],
                        expected=expect_fingerprint)
    township = township_area(store, township)[0]
    name = name or cand.get("device_name") or cand["device_id"]
    serial = _refuse_reuse(store, cand, township)
    keys = identity.unlock(store, passphrase)
    if serial is None:
        county = store.setting("county_code") or ""
        with store.transaction():
            serial = device_certs.next_serial(store)
            cert = certificates.issue(keys, county=county, township=township,
                                      device_id=cand["device_id"], name=name,
                                      sign=cand["sign"], box=cand["box"], serial=serial)
            device_certs.add(store, serial=serial, device_id=cand["device_id"], name=name,
                             township=township, sign_public=cand["sign"],
                             box_public=cand["box"], issued_at=cert["payload"]["issued_at"],
                             certificate=json.dumps(cert, ensure_ascii=False))
            sync_keys.put_device(store, cand["device_id"], name=name, role="township",
                                 township=township,
                                 public_key=json.dumps({"box": cand["box"],
                                                        "sign": cand["sign"]}, sort_keys=True),
                                 enrolment=str(serial), status="enrolled")
    result = EnrolResult(serial, cand["device_id"], name, township, cand["fingerprint"])
    if out is not None:
        result.reference = reference_bundle(store, township, out, passphrase)
    return result


def list_devices(store) -> list[dict[str, Any]]:
    """Every laptop the county knows: certificates (valid or revoked) and laptops enrolled the
    old way that still need a certificate."""
    out, certified = [], set()
    for c in device_certs.all_certs(store):
        certified.add(c["device_id"])
        out.append({"device_id": c["device_id"], "name": c["name"],
                    "township": c["township_code"], "serial": c["serial"],
                    "fingerprint": fingerprint(_raw(c["sign_public"])),
                    "issued_at": c["issued_at"],
                    "status": "revoked" if c["revoked_at"] else "enrolled",
                    "revoked_at": c["revoked_at"], "reason": c["revoked_reason"]})
    for d in sync_keys.devices(store, status=("enrolled", "accepted", "revoked")):
        if d["device_id"] in certified or not d.get("public_key"):
            continue
        out.append({"device_id": d["device_id"], "name": d["name"],
                    "township": d["township_code"], "serial": None,
                    "fingerprint": fingerprint(_raw(json.loads(d["public_key"])["sign"])),
                    "issued_at": d["first_seen"],
                    "status": "revoked" if d["status"] == "revoked" else "needs_reenrol",
                    "revoked_at": None, "reason": None})
    return out


def revoke(store, which: str, reason: str = "") -> list[dict[str, Any]]:
    """Revoke every certificate of a device (by device id, fingerprint or serial); bundles
    signed by its key are refused from the next merge on."""
    if store.role != "county":
        raise SyncError(ErrorCode.REVOKE_COUNTY_ONLY, where=str(store.path))
    fp = certificates.normalize_fingerprint(which)
    hits = [d for d in list_devices(store)
            if which in (d["device_id"], str(d["serial"])) or d["fingerprint"] == fp]
    if not hits:
        raise SyncError(ErrorCode.DEVICE_NOT_FOUND, device=which)
    with store.transaction():
        for d in hits:
            if d["serial"] is not None:
                device_certs.revoke(store, d["serial"], reason or "停用")
            device_certs.set_device_status(store, d["device_id"], "revoked")
    return [d for d in list_devices(store) if d["device_id"] in {h["device_id"] for h in hits}]

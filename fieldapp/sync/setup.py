"""Create databases with their keys: a county database, or a township laptop from the county's
reference bundle that carries its device certificate (adopting the county's ID salt and the
township's records with their original uuids and clocks)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from fieldapp.core.passphrase_rule import check_new_passphrase
from fieldapp.store import Store
from fieldapp.store.sync_log import keys as sync_keys
from fieldapp.store import forms as kept_forms
from fieldapp.store.setup import new_county_database

from fieldapp.sync import certificates, forms, identity
from .pending_keys import load_pending, pending_key_path
from .errors import BundleRejected, SyncError
from .keys import KeyPair, PublicKeys, b64
from .merge import BundleReport, merge_file
from .reader import local_copy, read_contents
from fieldapp.core.messages import ErrorCode


@dataclass
class InitResult:
    path: str
    role: str
    device_id: str
    fingerprint: str
    county: str
    township: str = ""
    report: BundleReport | None = None
    county_fingerprint: str = ""


def init_county(path: str | os.PathLike, county: str, passphrase: str, *,
                device_name: str = "", surveyor: str = "") -> InitResult:
    """A new county database with the real division list, its key pair and the shipped forms;
    or, for an existing county database without keys, just the key pair."""
    check_new_passphrase(passphrase)  # before anything is created
    p = Path(path)
    if p.exists():
        store = Store.open(p)
        try:
            if store.role != "county" or (store.setting("county_code") or "")[:6] != county[:6]:
                raise SyncError(ErrorCode.COUNTY_FILE_EXISTS, county=county[:6], where=str(p))
            if identity.has_keys(store):
                raise SyncError(ErrorCode.COUNTY_HAS_KEYS, where=str(p))
            keys = identity.create_keys(store, passphrase)
            _register_forms(store)
            return InitResult(str(p), "county", store.device_id, keys.public.fingerprint,
                              store.setting("county_code") or "")
        finally:
            store.close()
    store = new_county_database(p, county[:6], device_name=device_name, surveyor=surveyor)
    try:
        keys = identity.create_keys(store, passphrase)
        _register_forms(store)
        return InitResult(str(p), "county", store.device_id, keys.public.fingerprint,
                          store.setting("county_code") or "")
    except BaseException:
        store.close()
        _remove(p)
        raise
    finally:
        store.close()


def _register_forms(store) -> None:
    with store.transaction():
        for f in forms.shipped_forms():
            kept_forms.add_form(store, form_id=f["form_id"], version=f["version"],
                                file_name=f["file_name"], content=f["content"], origin="shipped")


def init_township(path: str | os.PathLike, bundle: str | os.PathLike, passphrase: str,
                  code: str | None = None, *, device_name: str = "",
                  surveyor: str = "", key_file: str | os.PathLike | None = None) -> InitResult:
    """A township laptop from the reference bundle the county wrote when it enrolled this
    laptop's key (made earlier by `devices.request`, kept in DB.key)."""
    p = Path(path)
    if p.exists():
        raise SyncError(ErrorCode.DB_EXISTS, where=str(p))
    key_path = Path(key_file) if key_file else pending_key_path(p)
    if not key_path.exists():
        raise SyncError(ErrorCode.NOT_REQUESTED_YET, where=str(p))
    pending = load_pending(key_path)
    keys = KeyPair.unprotect(pending["protected"], passphrase)
    with local_copy(bundle) as (opened, work):
        h, where = opened.header, str(bundle)
        if h["kind"] != "reference":
            raise BundleRejected(ErrorCode.REFERENCE_ONLY, where=where)
        contents = read_contents(opened, work, keys, None)
        ref = contents.reference
        county_keys, county_dev = _county_keys(ref, opened, where)
        cert = _own_certificate(ref, county_keys, keys, pending["device_id"], h, where)
        settings = ref["settings"]
        if not settings.get("id_salt") or settings.get("county_code") != h["county"]:
            raise BundleRejected(ErrorCode.REFERENCE_NO_COUNTY, where=where)
    store = Store.create(p, role="township", county_code=settings["county_code"],
                         device_name=device_name or pending.get("device_name") or "",
                         device_id=pending["device_id"], id_salt=settings["id_salt"])
    try:
        store.set_settings({
            "county_name": settings.get("county_name") or "",
            "programme_year": settings.get("programme_year") or "",
            "store_full_id": settings.get("store_full_id") or "0",
            "coverage_rule": settings.get("coverage_rule") or "",  # the county's standard
            "township_code": h["township"], "township_name": ref.get("township_name") or "",
            "surveyor": surveyor, "device_certificate": json.dumps(cert, ensure_ascii=False),
            "sync_acked_counter": "0"})
        identity.adopt_keys(store, keys, pending["protected"])
        with store.transaction():
            sync_keys.put_device(store, h["device_id"], name=county_dev.get("name") or "县级",
                                 role="county", township=None,
                                 public_key=county_keys.to_json(), enrolment=None,
                                 status="county")
        report = merge_file(store, bundle, keys, user=surveyor or "init")
    except BaseException:
        store.close()
        _remove(p)
        raise
    finally:
        store.close()
    key_path.unlink(missing_ok=True)  # the key now lives (encrypted) in the database
    return InitResult(str(p), "township", pending["device_id"], keys.public.fingerprint,
                      settings["county_code"], h["township"], report, county_keys.fingerprint)


def _county_keys(ref: dict, opened, where: str) -> tuple[PublicKeys, dict]:
    county_dev = ref.get("county_device") or {}
    try:
        county_keys = PublicKeys.from_json(county_dev["public_key"])
    except (KeyError, TypeError, ValueError):
        raise BundleRejected(ErrorCode.REFERENCE_NO_COUNTY_KEY, where=where) from None
    if (county_keys.sign != opened.signer.sign
            or county_dev.get("device_id") != opened.header["device_id"]):
        raise BundleRejected(ErrorCode.REFERENCE_SIGNER, where=where)
    return county_keys, county_dev


def _own_certificate(ref: dict, county_keys: PublicKeys, keys: KeyPair, device_id: str,
                     h: dict, where: str) -> dict:
    mine = b64(keys.public.sign)
    for cert in ref.get("certificates") or []:
        payload = certificates.verify(cert, county_keys)
        if payload and payload.get("sign") == mine:
            if payload.get("device_id") != device_id or payload.get("township") != h["township"]:
                raise BundleRejected(ErrorCode.REFERENCE_CERT_MISMATCH, where=where)
            return cert
    raise BundleRejected(ErrorCode.REFERENCE_NO_CERT, fingerprint=keys.public.fingerprint,
                         where=where)


def _remove(p: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(p) + suffix).unlink(missing_ok=True)

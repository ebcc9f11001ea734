"""Who may change this database: the county's reference bundles at a laptop; at the county,
laptops whose signing key holds a valid, unrevoked device certificate of this county for the
device id the bundle claims (see certificates.py). Nothing in a bundle header is a credential."""

from __future__ import annotations

import json
from typing import Any

from fieldapp.store.sync_log import keys as sync_keys
from fieldapp.store import device_certs

from . import certificates, identity
from .container import Opened
from .errors import BundleRejected, UnknownDevice
from .keys import b64
from fieldapp.core.messages import ErrorCode


def check_county(store, opened: Opened) -> None:
    h, where = opened.header, str(opened.path)
    own = (store.setting("county_code") or "")[:6]
    if h["county"][:6] != own:
        raise BundleRejected(ErrorCode.BUNDLE_OTHER_COUNTY, county=h["county"][:6], own=own,
                             where=where)


def laptop_for_export(store, opened: Opened) -> str:
    """At the county: the township of the laptop that signed this export bundle, which must
    hold a valid, unrevoked device certificate of this county for the device id it claims."""
    h, where = opened.header, str(opened.path)
    if h["kind"] != "export":
        raise BundleRejected(ErrorCode.COUNTY_MERGES_EXPORTS, where=where)
    signer, claimed = opened.signer, h["device_id"]
    sign = b64(signer.sign)
    fp = signer.fingerprint
    dev = sync_keys.device(store, claimed)
    if dev and dev["status"] == "self" or sign == b64(identity.own_public(store).sign):
        raise BundleRejected(ErrorCode.BUNDLE_FROM_SELF, where=where)
    _refuse_revoked(store, sign, claimed, fp, where)
    certs = [c for c in device_certs.by_key(store, sign) if not c["revoked_at"]]
    if not certs:
        _refuse_uncertified(store, h, dev, sign, fp, where)
    cert = certs[-1]
    payload = certificates.verify(json.loads(cert["certificate"]), identity.own_public(store))
    if payload is None or payload.get("sign") != sign:
        raise BundleRejected(ErrorCode.DEVICE_CERT_BROKEN, device=claimed, where=where)
    if cert["device_id"] != claimed:
        raise BundleRejected(ErrorCode.DEVICE_ID_MISUSED, claimed=claimed, fingerprint=fp,
                             device=cert["device_id"], name=cert["name"], where=where)
    if cert["township_code"] != h["township"]:
        raise BundleRejected(ErrorCode.DEVICE_OTHER_TOWNSHIP, device=claimed, name=cert["name"],
                             township=cert["township_code"], claimed=h["township"], where=where)
    return cert["township_code"]


def _refuse_revoked(store, sign: str, claimed: str, fp: str, where: str) -> None:
    for c in device_certs.by_key(store, sign):
        if c["revoked_at"]:
            raise BundleRejected(ErrorCode.DEVICE_REVOKED_ON, device=c["device_id"], name=c["name"],
                                 fingerprint=fp, date=c["revoked_at"][:10], claimed=claimed,
                                 where=where)
    for d in sync_keys.devices(store, status=("revoked",)):
        if d.get("public_key") and json.loads(d["public_key"]).get("sign") == sign:
            raise BundleRejected(ErrorCode.DEVICE_REVOKED, device=d["device_id"], fingerprint=fp,
                                 claimed=claimed, where=where)


def _refuse_uncertified(store, h: dict[str, Any], dev, sign: str, fp: str, where: str):
    claimed = h["device_id"]
    held = [c for c in device_certs.by_device(store, claimed) if not c["revoked_at"]]
    if held:
        raise BundleRejected(ErrorCode.DEVICE_KEY_FORGED, device_id=claimed, name=held[-1]["name"],
                             fingerprint=fp, where=where)
    pinned = dev and dev.get("public_key") and json.loads(dev["public_key"]).get("sign") == sign
    if pinned and dev["status"] in ("enrolled", "accepted"):
        raise UnknownDevice(ErrorCode.DEVICE_ENROL_AGAIN, device_id=claimed, fingerprint=fp,
                            name=dev.get("name") or claimed, township=dev["township_code"],
                            where=where)
    raise UnknownDevice(ErrorCode.DEVICE_UNCERTIFIED, device_id=claimed, fingerprint=fp,
                        name=h.get("device_name") or "-", township=h["township"], where=where)


def county_for_reference(store, opened: Opened) -> None:
    """At a laptop: the bundle must be a reference bundle for this township, signed by the
    county key this laptop was made with."""
    h, where = opened.header, str(opened.path)
    if h["kind"] != "reference":
        raise BundleRejected(ErrorCode.LAPTOP_MERGES_REFERENCES, where=where)
    county = identity.county_public(store)
    if opened.signer.sign != county.sign:
        raise BundleRejected(ErrorCode.REFERENCE_NOT_OUR_COUNTY, where=where)
    own = store.setting("township_code") or ""
    if h["township"] != own:
        raise BundleRejected(ErrorCode.REFERENCE_OTHER_TOWNSHIP, township=h["township"], own=own,
                             where=where)

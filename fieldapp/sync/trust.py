"""Who may change this database: the county's reference bundles at a laptop; at the county,
laptops enrolled by one of its reference bundles (token) or accepted explicitly by the user.
A device's signing key is pinned on first contact; a different key later is refused."""

from __future__ import annotations

from typing import Any

from fieldapp.store.sync_log import keys as sync_keys

from . import enrolment, identity
from .container import Opened
from .errors import BundleRejected, UnknownDevice
from .keys import PublicKeys


def check_county(store, opened: Opened) -> None:
    h, where = opened.header, str(opened.path)
    own = (store.setting("county_code") or "")[:6]
    if h["county"][:6] != own:
        raise BundleRejected(f"这个同步包属于另一个区县（{h['county'][:6]}），本库是 {own}",
                             where=where)


def laptop_for_export(store, opened: Opened, accept: set[str]) -> tuple[dict | None, str]:
    """At the county: (device row to register or None if already known, its township)."""
    h, where = opened.header, str(opened.path)
    if h["kind"] != "export":
        raise BundleRejected("县级数据库只合并乡镇导出的同步包（这是一个参考包）", where=where)
    signer = opened.signer
    dev = sync_keys.device(store.conn, h["device_id"])
    if dev and dev["status"] == "self":
        raise BundleRejected("这个同步包来自本数据库自己", where=where)
    if dev and dev.get("public_key"):
        if PublicKeys.from_json(dev["public_key"]).sign != signer.sign:
            raise BundleRejected(f"设备 {h['device_id']} 的签名密钥与登记的不一致，"
                                 "可能是伪造的同步包", where=where)
        if dev["status"] == "revoked":
            raise BundleRejected(f"设备 {h['device_id']} 已被停用", where=where)
        return None, dev["township_code"] or h["township"]
    reg: dict[str, Any] = {"device_id": h["device_id"], "name": h.get("device_name") or
                           h["device_id"], "role": "township", "public_key": signer.to_json()}
    token = h.get("enrolment")
    payload = enrolment.verify(token, identity.own_public(store)) if token else None
    if payload is not None:
        issued = sync_keys.enrolment(store.conn, payload.get("token_id", ""))
        if (issued and payload.get("county") == store.setting("county_code")
                and payload.get("township") == h["township"] == issued["township_code"]):
            return dict(reg, township=h["township"], enrolment=payload["token_id"],
                        status="enrolled"), h["township"]
    if h["device_id"] in accept:
        return dict(reg, township=h["township"], enrolment=None, status="accepted"), \
            h["township"]
    raise UnknownDevice(
        f"设备 {h['device_id']}（{h.get('device_name') or '未命名'}，乡镇 {h['township']}，"
        f"密钥指纹 {signer.fingerprint}）未经本县参考包登记。核实后可明确接受："
        f"--accept-device {h['device_id']}", device_id=h["device_id"],
        fingerprint=signer.fingerprint, where=where)


def county_for_reference(store, opened: Opened) -> None:
    """At a laptop: the bundle must be a reference bundle for this township, signed by the
    county key this laptop was made with."""
    h, where = opened.header, str(opened.path)
    if h["kind"] != "reference":
        raise BundleRejected("乡镇数据库只能合并县里的参考包", where=where)
    county = identity.county_public(store)
    if opened.signer.sign != county.sign:
        raise BundleRejected("参考包不是本县签发的（签名密钥不符）", where=where)
    own = store.setting("township_code") or ""
    if h["township"] != own:
        raise BundleRejected(f"这是乡镇 {h['township']} 的参考包，本机属于 {own}", where=where)

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


def check_county(store, opened: Opened) -> None:
    h, where = opened.header, str(opened.path)
    own = (store.setting("county_code") or "")[:6]
    if h["county"][:6] != own:
        raise BundleRejected(f"这个同步包属于另一个区县（{h['county'][:6]}），本库是 {own}",
                             where=where)


def laptop_for_export(store, opened: Opened) -> str:
    """At the county: the township of the laptop that signed this export bundle, which must
    hold a valid, unrevoked device certificate of this county for the device id it claims."""
    h, where = opened.header, str(opened.path)
    if h["kind"] != "export":
        raise BundleRejected("县级数据库只合并乡镇导出的同步包（这是一个参考包）", where=where)
    signer, claimed = opened.signer, h["device_id"]
    sign = b64(signer.sign)
    fp = signer.fingerprint
    dev = sync_keys.device(store, claimed)
    if dev and dev["status"] == "self" or sign == b64(identity.own_public(store).sign):
        raise BundleRejected("这个同步包来自本数据库自己", where=where)
    _refuse_revoked(store, sign, claimed, fp, where)
    certs = [c for c in device_certs.by_key(store, sign) if not c["revoked_at"]]
    if not certs:
        _refuse_uncertified(store, h, dev, sign, fp, where)
    cert = certs[-1]
    payload = certificates.verify(json.loads(cert["certificate"]), identity.own_public(store))
    if payload is None or payload.get("sign") != sign:
        raise BundleRejected(f"设备 {claimed} 的证书记录已损坏（签名不符），拒绝", where=where)
    if cert["device_id"] != claimed:
        raise BundleRejected(
            f"同步包自称来自设备 {claimed}，但签名密钥（指纹 {fp}）登记的是设备 "
            f"{cert['device_id']}（{cert['name']}）：冒用设备编号，拒绝", where=where)
    if cert["township_code"] != h["township"]:
        raise BundleRejected(
            f"设备 {claimed}（{cert['name']}）登记在乡镇 {cert['township_code']}，"
            f"同步包却自称乡镇 {h['township']}，拒绝", where=where)
    return cert["township_code"]


def _refuse_revoked(store, sign: str, claimed: str, fp: str, where: str) -> None:
    for c in device_certs.by_key(store, sign):
        if c["revoked_at"]:
            raise BundleRejected(
                f"设备 {c['device_id']}（{c['name']}，密钥指纹 {fp}）已于 {c['revoked_at'][:10]}"
                f" 被停用，它签名的同步包不再接受（包中自称设备 {claimed}）", where=where)
    for d in sync_keys.devices(store, status=("revoked",)):
        if d.get("public_key") and json.loads(d["public_key"]).get("sign") == sign:
            raise BundleRejected(f"设备 {d['device_id']}（密钥指纹 {fp}）已被停用，它签名的"
                                 f"同步包不再接受（包中自称设备 {claimed}）", where=where)


def _refuse_uncertified(store, h: dict[str, Any], dev, sign: str, fp: str, where: str):
    claimed = h["device_id"]
    held = [c for c in device_certs.by_device(store, claimed) if not c["revoked_at"]]
    if held:
        raise BundleRejected(
            f"同步包自称来自设备 {claimed}（{held[-1]['name']}），但签名密钥（指纹 {fp}）不是"
            "本县给这台设备登记的密钥：可能是伪造的同步包，拒绝", where=where)
    pinned = dev and dev.get("public_key") and json.loads(dev["public_key"]).get("sign") == sign
    if pinned and dev["status"] in ("enrolled", "accepted"):
        raise UnknownDevice(
            f"设备 {claimed}（{dev.get('name') or claimed}）是按旧方式登记的，需要重新登记一次："
            f"在县里运行 fieldapp devices enrol 数据库 {fp} --township {dev['township_code']}"
            "（或在“同步”菜单的“笔记本登记”中登记），然后再合并", device_id=claimed,
            fingerprint=fp, where=where)
    raise UnknownDevice(
        f"设备 {claimed}（{h.get('device_name') or '未命名'}，乡镇 {h['township']}，密钥指纹 "
        f"{fp}）没有本县的设备证书，它的同步包一律拒绝。新笔记本请先在本机生成登记申请，由县里"
        "登记（fieldapp devices enrol）后再用县里发的参考包建库", device_id=claimed,
        fingerprint=fp, where=where)


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

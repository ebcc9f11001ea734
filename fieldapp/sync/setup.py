"""Create databases with their keys: a county database, or a township laptop from the county's
reference bundle (adopting the county's ID salt and the township's records with their original
uuids and clocks, and the enrolment token its bundles will present)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from fieldapp.store import Store
from fieldapp.store.sync_log import keys as sync_keys
from fieldapp.store.setup import new_county_database

from . import enrolment, forms, identity
from .errors import BundleRejected, SyncError
from .keys import PublicKeys
from .merge import BundleReport, merge_file
from .reader import local_copy, read_contents


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
    p = Path(path)
    if p.exists():
        store = Store.open(p)
        try:
            if store.role != "county" or (store.setting("county_code") or "")[:6] != county[:6]:
                raise SyncError(f"文件已存在，且不是区县 {county[:6]} 的县级数据库，不会覆盖",
                                where=str(p))
            if identity.has_keys(store):
                raise SyncError("这个县级数据库已有密钥，不会覆盖", where=str(p))
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
    with store.transaction() as conn:
        for f in forms.shipped_forms():
            sync_keys.put_form(conn, f["form_id"], f["version"], f["file_name"], f["sha256"],
                               f["content"])


def init_township(path: str | os.PathLike, bundle: str | os.PathLike, passphrase: str,
                  code: str, *, device_name: str = "", surveyor: str = "") -> InitResult:
    p = Path(path)
    if p.exists():
        raise SyncError("文件已存在，不会覆盖", where=str(p))
    with local_copy(bundle) as (opened, work):
        h, where = opened.header, str(bundle)
        if h["kind"] != "reference":
            raise BundleRejected("只能用县里的参考包创建乡镇数据库", where=where)
        contents = read_contents(opened, work, None, code)
        ref = contents.reference
        county_dev = ref.get("county_device") or {}
        try:
            county_keys = PublicKeys.from_json(county_dev["public_key"])
        except (KeyError, TypeError, ValueError):
            raise BundleRejected("参考包缺少县级公钥", where=where) from None
        if county_keys.sign != opened.signer.sign or county_dev.get("device_id") != h["device_id"]:
            raise BundleRejected("参考包的签名者与其中的县级公钥不一致", where=where)
        token = ref.get("enrolment")
        payload = enrolment.verify(token, county_keys)
        if payload is None or payload.get("township") != h["township"]:
            raise BundleRejected("参考包中的登记凭证无效", where=where)
        settings = ref["settings"]
        if not settings.get("id_salt") or settings.get("county_code") != h["county"]:
            raise BundleRejected("参考包缺少区县设置", where=where)
    store = Store.create(p, role="township", county_code=settings["county_code"],
                         device_name=device_name, id_salt=settings["id_salt"])
    try:
        store.set_settings({
            "county_name": settings.get("county_name") or "",
            "programme_year": settings.get("programme_year") or "",
            "store_full_id": settings.get("store_full_id") or "0",
            "coverage_rule": settings.get("coverage_rule") or "",  # the county's standard
            "township_code": h["township"], "township_name": ref.get("township_name") or "",
            "surveyor": surveyor, "sync_enrolment": json.dumps(token, ensure_ascii=False),
            "sync_acked_counter": "0"})
        keys = identity.create_keys(store, passphrase)
        with store.transaction() as conn:
            sync_keys.put_device(conn, h["device_id"], name=county_dev.get("name") or "县级",
                                 role="county", township=None,
                                 public_key=county_keys.to_json(), enrolment=None,
                                 status="county")
        report = merge_file(store, bundle, keys, code=code, user=surveyor or "init")
        return InitResult(str(p), "township", store.device_id, keys.public.fingerprint,
                          settings["county_code"], h["township"], report,
                          county_keys.fingerprint)
    except BaseException:
        store.close()
        _remove(p)
        raise
    finally:
        store.close()


def _remove(p: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(p) + suffix).unlink(missing_ok=True)

"""This database's key pair (created once, kept only under the passphrase) and the county's
public keys as this database knows them."""

from __future__ import annotations

from fieldapp.store.sync_log import keys as sync_keys

from .errors import SyncError
from .keys import KeyPair, PublicKeys, b64, unb64
from fieldapp.core.messages import ErrorCode


def create_keys(store, passphrase: str) -> KeyPair:
    """A new key pair for this device, stored protected by the passphrase."""
    keys = KeyPair.generate()
    protected = keys.protect(passphrase)
    with store.transaction():
        sync_keys.save_own_keys(store, store.device_id, b64(keys.public.sign),
                                b64(keys.public.box), protected)
    return keys


def adopt_keys(store, keys: KeyPair, protected: str) -> None:
    """Store a key pair made before the database (a laptop's enrolment request)."""
    with store.transaction():
        sync_keys.save_own_keys(store, store.device_id, b64(keys.public.sign),
                                b64(keys.public.box), protected)


def has_keys(store) -> bool:
    return sync_keys.own_keys(store, store.device_id) is not None


def own_public(store) -> PublicKeys:
    row = sync_keys.own_keys(store, store.device_id)
    if row is None:
        raise SyncError(ErrorCode.KEYS_MISSING, where=str(store.path))
    return PublicKeys(unb64(row["sign_public"]), unb64(row["box_public"]))


def unlock(store, passphrase: str | KeyPair) -> KeyPair:
    """This database's own key pair, opened with its passphrase (a pair already opened, e.g.
    when the window checked the passphrase before starting a job, is used as it is)."""
    if isinstance(passphrase, KeyPair):
        return passphrase
    row = sync_keys.own_keys(store, store.device_id)
    if row is None:
        raise SyncError(ErrorCode.KEYS_MISSING, where=str(store.path))
    keys = KeyPair.unprotect(row["protected"], passphrase)
    if b64(keys.public.sign) != row["sign_public"]:
        raise SyncError(ErrorCode.KEYS_INCONSISTENT, where=str(store.path))
    return keys


def county_device(store) -> dict:
    """At a laptop: the county's devices row (status 'county')."""
    rows = sync_keys.devices(store, status=("county",))
    if not rows or not rows[0].get("public_key"):
        raise SyncError(ErrorCode.COUNTY_KEY_UNKNOWN, where=str(store.path))
    return rows[0]


def county_public(store) -> PublicKeys:
    if store.role == "county":
        return own_public(store)
    return PublicKeys.from_json(county_device(store)["public_key"])


def county_sign_public(store) -> bytes | None:
    """The county's Ed25519 public key (raw) as this database knows it, or None."""
    return sync_keys.county_sign_public(store, store.role, store.device_id)


def signing_key_raw(store, passphrase: str) -> bytes:
    """The county's own Ed25519 private key (raw 32 bytes), to sign printed sheets."""
    from .keys import _RAW_PRIV

    return unlock(store, passphrase).sign.private_bytes(**_RAW_PRIV)

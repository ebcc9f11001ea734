"""Sync errors: a stable code per kind of rejection, a Chinese message naming the file."""

from __future__ import annotations

from fieldapp.core.errors import FieldappError


class SyncError(FieldappError):
    code = "sync"


class BundleRejected(SyncError):
    """A bundle that must not change any data: damaged, forged, foreign, too new or unsafe."""

    code = "bundle_rejected"


class PassphraseError(SyncError):
    code = "passphrase"


class UnknownDevice(BundleRejected):
    """Signed by a device that is neither enrolled nor accepted; carries what the user must see
    to accept it explicitly."""

    code = "unknown_device"

    def __init__(self, message, *, device_id: str, fingerprint: str, where: str | None = None,
                 **params):
        super().__init__(message, where=where, device_id=device_id, fingerprint=fingerprint,
                         **params)
        self.device_id = device_id
        self.fingerprint = fingerprint

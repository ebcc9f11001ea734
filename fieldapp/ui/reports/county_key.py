"""Sheets printed at the county are signed with the county key, as `fieldapp sheets` does: the
app asks the county passphrase (again after a wrong one) before printing. A township laptop
cannot sign (its pages carry no signature), and neither can a county database without keys."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

CANCELLED = object()  # the user closed the passphrase dialog: print nothing


def _t(text: str) -> str:
    return QCoreApplication.translate("CountyKey", text)


def needs_county_key(store) -> bool:
    from fieldapp.sync.identity import has_keys

    return store.role == "county" and has_keys(store)


def ask_signing_key(parent: QWidget, store):
    """The county's Ed25519 private key (raw) for signing, None where pages stay unsigned
    (a laptop, a county without keys), or CANCELLED."""
    from fieldapp.sync.errors import PassphraseError
    from fieldapp.sync.identity import signing_key_raw

    if not needs_county_key(store):
        return None
    prompt = _t("Printed sheets are signed with the county key.\n"
                "Passphrase of the county's private key:")
    while True:
        text, ok = QInputDialog.getText(parent, _t("County passphrase"), prompt,
                                        QLineEdit.Password)
        if not ok:
            return CANCELLED
        try:
            return signing_key_raw(store, text)
        except PassphraseError:
            QMessageBox.warning(parent, _t("County passphrase"),
                                _t("The passphrase is wrong. Try again, or cancel."))

"""Where passphrases and transfer codes come from: the environment, else a terminal prompt.

Nothing here stores a secret. The GUI asks in a dialog and passes the text to the job functions.
"""

from __future__ import annotations

import getpass
import os
import sys

from fieldapp.core.messages import ErrorCode
from fieldapp.core.user_language import locale_language

from .errors import PassphraseError

PASSPHRASE_ENV = "FIELDAPP_PASSPHRASE"
TRANSFER_CODE_ENV = "FIELDAPP_TRANSFER_CODE"


def _ask(env: str, prompt: ErrorCode, confirm: bool, entries: tuple[ErrorCode, ...]) -> str:
    """entries: the messages for no terminal, empty and typed differently."""
    no_terminal, empty, differ = entries
    value = os.environ.get(env)
    if value:
        return value
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise PassphraseError(no_terminal, env=env)
    value = getpass.getpass(prompt.text(locale_language()))
    if not value:
        raise PassphraseError(empty)
    if confirm and getpass.getpass(ErrorCode.PROMPT_AGAIN.text(locale_language())) != value:
        raise PassphraseError(differ)
    return value


def read_passphrase(*, confirm: bool = False) -> str:
    """The passphrase protecting this database's private key."""
    return _ask(PASSPHRASE_ENV, ErrorCode.PROMPT_PASSPHRASE, confirm, (
        ErrorCode.PASSPHRASE_NO_TERMINAL, ErrorCode.PASSPHRASE_EMPTY, ErrorCode.PASSPHRASE_MISMATCH))


def read_transfer_code() -> str:
    """The transfer code printed by the county with a reference bundle."""
    return _ask(TRANSFER_CODE_ENV, ErrorCode.PROMPT_TRANSFER_CODE, False, (
        ErrorCode.TRANSFER_CODE_NO_TERMINAL, ErrorCode.TRANSFER_CODE_EMPTY, ErrorCode.TRANSFER_CODE_EMPTY))

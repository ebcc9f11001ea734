"""Where passphrases and transfer codes come from: the environment, else a terminal prompt.

Nothing here stores a secret. The GUI asks in a dialog and passes the text to the job functions.
"""

from __future__ import annotations

import getpass
import os
import sys

from .errors import PassphraseError

PASSPHRASE_ENV = "FIELDAPP_PASSPHRASE"
TRANSFER_CODE_ENV = "FIELDAPP_TRANSFER_CODE"


def _ask(env: str, prompt: str, confirm: bool, what: str) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise PassphraseError(f"需要{what}：请设置环境变量 {env}，或在终端中运行以便输入")
    value = getpass.getpass(prompt)
    if not value:
        raise PassphraseError(f"{what}不能为空")
    if confirm and getpass.getpass("再输入一次确认: ") != value:
        raise PassphraseError(f"两次输入的{what}不一致")
    return value


def read_passphrase(*, confirm: bool = False) -> str:
    """The passphrase protecting this database's private key."""
    return _ask(PASSPHRASE_ENV, "本机私钥口令: ", confirm, "私钥口令")


def read_transfer_code() -> str:
    """The transfer code printed by the county with a reference bundle."""
    return _ask(TRANSFER_CODE_ENV, "参考包传输码: ", False, "传输码")

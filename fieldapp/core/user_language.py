"""The language a command speaks: English when the user's locale asks for it (LANGUAGE, LC_ALL,
LC_MESSAGES, LANG, as gettext reads them), Chinese otherwise. The window has its own setting
(ui.shell.i18n)."""

from __future__ import annotations

import os


def english_locale() -> bool:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return value.split(":")[0].lower().startswith("en")
    return False


def locale_language() -> str:
    """"en" or "zh", for ErrorCode.text and Said.text."""
    return "en" if english_locale() else "zh"

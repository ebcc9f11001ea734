"""Turn errors into one clear, translated sentence in a dialog — never a traceback."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QMessageBox

from fieldapp.core.errors import FieldappError
from fieldapp.store.db import translate_error


def _t(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def describe(exc: BaseException) -> str:
    if isinstance(exc, sqlite3.DatabaseError):
        exc = translate_error(exc)
    code = getattr(exc, "code", "")
    where = getattr(exc, "where", None) or ""
    known = {
        "not_found": _t("The file does not exist: %1"),
        "not_a_database": _t("This file is not a fieldapp database: %1"),
        "corrupt": _t("The database is damaged. Restore it from a backup: %1"),
        "newer_schema": _t("This database was made by a newer version of fieldapp. Please update the program: %1"),
        "read_only": _t("The database cannot be written (read-only file or folder): %1"),
        "exists": _t("The file already exists and was not overwritten: %1"),
        "locked": _t("The database is in use by another program. Try again later: %1"),
        "disk_full": _t("The disk is full; nothing was written: %1"),
    }
    if code in known:
        return known[code].replace("%1", where)
    if isinstance(exc, FieldappError):  # catalogued errors speak the UI's language
        language = QLocale().name()
        if language.startswith("en"):  # a form's sheet and row, in English
            where = getattr(exc, "where_en", None) or where
        return exc.text(language) + (f"\n{where}" if where else "")
    return _t("Unexpected error: %1").replace("%1", str(exc))


def show_error(parent, exc: BaseException, title: str | None = None) -> None:
    QMessageBox.critical(parent, title or _t("Error"), describe(exc))

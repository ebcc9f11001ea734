"""Translated labels for domain codes (statuses, reasons, levels)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def status_label(status: str) -> str:
    return {
        "covered": _t("Covered"),
        "not_covered": _t("Not covered"),
        "not_visited": _t("Not visited"),
        "vacant": _t("Vacant house"),
        "refused": _t("Refused"),
        "moved": _t("Moved out / merged"),
    }.get(status, status)


def reason_label(reason: str) -> str:
    if not reason:
        return ""
    return {
        "no_tv": _t("No TV set"),
        "signal": _t("Signal problem"),
        "awaiting_install": _t("Awaiting installation"),
        "cannot_afford": _t("Cannot afford"),
        "refuses": _t("Does not want it"),
        "other": _t("Other"),
        "nobody_home": _t("Nobody home"),
        "moved_out": _t("Moved out"),
        "merged": _t("Merged into another household"),
        "not_working": _t("TV does not work now"),
        "county_channel_missing": _t("County channel not received"),
        "illegal_charge": _t("Charged illegally"),
        "spot_check_not_confirmed": _t("Spot check did not confirm it"),
    }.get(reason, reason)


def level_label(level: str) -> str:
    return {"county": _t("County"), "township": _t("Township"), "village": _t("Village")}.get(
        level, level)


# Map colours shared by the table, the tree and the map legend.
STATUS_COLORS = {
    "covered": QColor("#2e7d32"),
    "not_covered": QColor("#c62828"),
    "not_visited": QColor("#f9a825"),
    "vacant": QColor("#757575"),
    "refused": QColor("#6a1b9a"),
    "moved": QColor("#1565c0"),
}

"""Table model of a merge preview or result: one row per bundle and village (new, updated,
unchanged, conflicts), and one row per rejected bundle with its reason. No SQL, no rules: rows
come from fieldapp.sync.merge reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor


def preview_rows(reports, rejected, village_name) -> list[dict[str, Any]]:
    """Flatten merge reports into display rows; `village_name(code)` names a village."""
    rows = []
    for r in reports:
        device = f"{r.device_name} ({r.device_id})"
        if not r.villages:
            rows.append({"file": Path(r.file).name, "device": device, "village": "",
                         "new": 0, "updated": 0, "unchanged": 0, "conflicts": 0,
                         "status": r.status, "reason": ""})
        for code, c in sorted(r.villages.items()):
            rows.append({"file": Path(r.file).name, "device": device,
                         "village": village_name(code) if code else "",
                         "new": c.new, "updated": c.updated, "unchanged": c.unchanged,
                         "conflicts": c.conflicts, "status": r.status, "reason": ""})
    for rej in rejected:
        rows.append({"file": Path(rej["file"]).name, "device": rej.get("device", ""),
                     "village": "", "new": None, "updated": None, "unchanged": None,
                     "conflicts": None, "status": "rejected", "reason": rej["reason"]})
    return rows


class MergePreviewModel(QAbstractTableModel):
    KEYS = ("file", "device", "village", "new", "updated", "unchanged", "conflicts", "reason")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []
        self.headers = (self.tr("Bundle"), self.tr("Device"), self.tr("Village"),
                        self.tr("New"), self.tr("Updated"), self.tr("Unchanged"),
                        self.tr("Conflicts"), self.tr("Note"))

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.KEYS)

    def headerData(self, section: int, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.headers[section]
        return None

    def _note(self, row: dict[str, Any]) -> str:
        if row["status"] == "rejected":
            return self.tr("Rejected: %1").replace("%1", row["reason"])
        if row["status"] == "already_merged":
            return self.tr("Already merged earlier")
        return ""

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row, key = self.rows[index.row()], self.KEYS[index.column()]
        if role == Qt.DisplayRole:
            if key == "reason":
                return self._note(row)
            value = row[key]
            return "" if value is None else str(value)
        if role == Qt.ToolTipRole and key == "reason":
            return self._note(row)
        if role == Qt.ForegroundRole:
            if row["status"] == "rejected":
                return QColor("#c62828")
            if key == "conflicts" and row["conflicts"]:
                return QColor("#c62828")
        if role == Qt.TextAlignmentRole and key in ("new", "updated", "unchanged", "conflicts"):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def totals(self) -> dict[str, int]:
        keys = ("new", "updated", "unchanged", "conflicts")
        return {k: sum(r[k] or 0 for r in self.rows) for k in keys}

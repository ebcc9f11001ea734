"""Table models of the conflict screen: field conflicts and possible duplicate households.
Rows come from fieldapp.sync.conflicts / duplicates; no SQL here."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt


def show_value(value: Any) -> str:
    if value is None:
        return "—"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class _RowsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []
        self.headers: tuple[str, ...] = ()

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> dict[str, Any]:
        return self.rows[index]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        return self.cell(self.rows[index.row()], index.column())

    def cell(self, row: dict[str, Any], column: int) -> str:
        raise NotImplementedError


class ConflictModel(_RowsModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.headers = (self.tr("No."), self.tr("Village"), self.tr("Household / record"),
                        self.tr("Field"), self.tr("Common value"), self.tr("Ours"),
                        self.tr("Theirs"), self.tr("Devices"), self.tr("Status"))

    def field_label(self, field: str) -> str:
        labels = {
            "head_name": self.tr("Household head"), "group_no": self.tr("Group"),
            "size": self.tr("Household size"), "phone": self.tr("Phone"),
            "id_masked": self.tr("ID number"), "id_hash": self.tr("ID number"),
            "address": self.tr("Address"), "notes": self.tr("Notes"),
            "lon": self.tr("Longitude"), "lat": self.tr("Latitude"),
            "village_code": self.tr("Village"), "name": self.tr("Name"),
            "state": self.tr("Visit state"), "merged_into": self.tr("Merged into"),
            "location": self.tr("Position (latitude and longitude)"),
            "answers": self.tr("Answers of the visit"),
            "verdict": self.tr("Verdict: two visits disagree"),
        }
        head, dot, key = field.partition(".")
        if dot and head == "answers":
            return self.tr("Answer: %1").replace("%1", key)
        return labels.get(field, field)

    def cell(self, r: dict[str, Any], column: int) -> str:
        if column == 0:
            return str(r["id"])
        if column == 1:
            return r.get("village_name") or r.get("village_code") or ""
        if column == 2:
            return r.get("household") or r["record"][:8]
        if column == 3:
            return self.field_label(r["field"])
        if column in (4, 5, 6):
            return show_value(r[("base", "ours", "theirs")[column - 4]])
        if column == 7:
            names = r.get("device_names") or r["devices"]
            return f"{names['ours']} / {names['theirs']}"
        if r["status"] == "open":
            return self.tr("Open")
        return self.tr("Resolved (%1)").replace("%1", r.get("resolution") or "")


class DuplicateModel(_RowsModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.headers = (self.tr("Village"), self.tr("Household A"), self.tr("Group A"),
                        self.tr("ID A"), self.tr("Household B"), self.tr("Group B"),
                        self.tr("ID B"), self.tr("Why"))

    def cell(self, r: dict[str, Any], column: int) -> str:
        why = {"id_hash": self.tr("Same ID number"),
               "head_group": self.tr("Same head and group")}
        values = (r.get("village_name") or r["village_code"], r["head_a"], r["group_a"],
                  r["id_a"], r["head_b"], r["group_b"], r["id_b"],
                  why.get(r["reason"], r["reason"]))
        v = values[column]
        return "" if v is None else str(v)

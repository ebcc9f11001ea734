"""Table model of households: rows come from a loader function, a page at a time, so a county of
218,800 households never sits in a widget. Tested without a view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from fieldapp.store.households.queries import HOUSEHOLD_LIST_COLUMNS

from fieldapp.ui.widgets.labels import STATUS_COLORS, reason_label, status_label

PAGE = 500
# (row tuple index, header, sort key)
_COL = {name: i for i, name in enumerate(HOUSEHOLD_LIST_COLUMNS)}
Loader = Callable[[int, int, str, bool], list[tuple]]  # (offset, limit, order, descending)
# Looked up once: reading an attribute of a Qt enum costs about a microsecond, and the view asks
# for data() and headerData() thousands of times when it first paints a page.
_DISPLAY, _FOREGROUND, _USER, _ALIGN = (Qt.DisplayRole, Qt.ForegroundRole, Qt.UserRole,
                                        Qt.TextAlignmentRole)
_VERTICAL = Qt.Vertical
_CENTER = int(Qt.AlignCenter)


class HouseholdTableModel(QAbstractTableModel):
    COLUMNS = ("village_name", "group_no", "head_name", "size", "phone", "id_masked", "status", "status_reason",
               "last_visit_at")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple] = []
        self._total = 0
        self._loader: Loader | None = None
        self._order = "group_no"
        self._descending = False
        self._headers: tuple[str, ...] | None = None

    # ----- data source -------------------------------------------------------------------
    def set_source(self, loader: Loader | None, total: int) -> None:
        self.beginResetModel()
        self._loader = loader
        self._total = total
        self._rows = loader(0, PAGE, self._order, self._descending) if loader else []
        self.endResetModel()

    def total(self) -> int:
        return self._total

    def uuid_at(self, row: int) -> str | None:
        return self._rows[row][_COL["uuid"]] if 0 <= row < len(self._rows) else None

    def row_of(self, uuid: str) -> int:
        """Row of a household, fetching further pages if needed; -1 if not in this list."""
        while True:
            for i, r in enumerate(self._rows):
                if r[_COL["uuid"]] == uuid:
                    return i
            if not self.canFetchMore(QModelIndex()):
                return -1
            self.fetchMore(QModelIndex())

    # ----- Qt model API -----------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not self._loader or not self.canFetchMore(parent):
            return
        more = self._loader(len(self._rows), PAGE, self._order, self._descending)
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def headerData(self, section, orientation, role=_DISPLAY):
        if role != _DISPLAY:
            return None
        if orientation == _VERTICAL:
            return section + 1
        if self._headers is None:
            labels = {
                "village_name": self.tr("Village"),
                "group_no": self.tr("Group"),
                "head_name": self.tr("Household head"),
                "size": self.tr("Persons"),
                "phone": self.tr("Phone"),
                "id_masked": self.tr("ID number"),
                "status": self.tr("Status"),
                "status_reason": self.tr("Reason"),
                "last_visit_at": self.tr("Last visit"),
            }
            self._headers = tuple(labels[c] for c in self.COLUMNS)
        return self._headers[section]

    def data(self, index, role=_DISPLAY):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        name = self.COLUMNS[index.column()]
        value = row[_COL[name]]
        if role == _DISPLAY:
            if name == "status":
                return status_label(value)
            if name == "status_reason":
                return reason_label(value)
            if name == "last_visit_at":
                return (value or "")[:10]
            return "" if value is None else str(value)
        if role == _FOREGROUND and name == "status":
            return STATUS_COLORS.get(value)
        if role == _USER:
            return row[_COL["uuid"]]
        if role == _ALIGN and name in ("group_no", "size"):
            return _CENTER
        return None

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self._order = self.COLUMNS[column]
        self._descending = order == Qt.DescendingOrder
        if self._loader:
            self.set_source(self._loader, self._total)

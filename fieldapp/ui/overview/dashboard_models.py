"""Table models of the dashboard: area figures (townships, villages), the gap list and work
orders. Rows come from store / core functions; the models only present them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor

from fieldapp.core.reconcile import Figures, Schedule, is_overdue

from fieldapp.ui.widgets.labels import reason_label

_ROOT = QModelIndex()
RATE_ROLE = Qt.UserRole + 1  # 0..1 for progress-bar columns
UUID_ROLE = Qt.UserRole + 2
OVERDUE = QColor("#c62828")


def _t(text: str) -> str:
    return QCoreApplication.translate("Dashboard", text)


def kind_label(kind: str | None) -> str:
    return {"install": _t("Install"), "repair": _t("Repair"),
            "handover": _t("Hand over paid subscriber")}.get(kind or "", kind or "")


def order_state_label(state: str | None) -> str:
    return {"open": _t("Open"), "done": _t("Done by operator"), "verified": _t("Verified"),
            "cancelled": _t("Cancelled"), "": _t("No work order")}.get(state or "", state or "")


class AreaFiguresModel(QAbstractTableModel):
    """One row per area: households, visited, covered, gaps, rates as bars."""

    RATE_COLUMNS = (12, 13)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Figures] = []
        self.schedule: Schedule | None = None

    def set_rows(self, rows: list[Figures], schedule: Schedule | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.schedule = schedule
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else 14

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.ToolTipRole and section in (10, 11):
            return (_t("People the member rosters list as living in the households"),
                    _t("People of the covered households"))[section - 10]
        if orientation != Qt.Horizontal or role != Qt.DisplayRole:
            return None
        return (_t("Area"), _t("Households"), _t("Visited"), _t("Covered"), _t("Not covered"),
                _t("Never visited"), _t("Nobody home"), _t("Not in register"), _t("Duplicates?"), _t("Open gaps"),
                _t("Persons"), _t("Persons covered"), _t("Coverage"), _t("Visits"))[section]

    def code_at(self, row: int) -> str | None:
        return self.rows[row].code if 0 <= row < len(self.rows) else None

    def data(self, index, role=Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f = self.rows[index.row()]
        col = index.column()
        if role == RATE_ROLE and col in self.RATE_COLUMNS:
            return f.coverage_rate if col == 12 else f.visited_rate
        if role == Qt.DisplayRole:
            c = f.counts()  # the one definition of the counts (fieldapp.core.reconcile)
            values = (f.name, c["households"], f.visited, c["covered"], c["not_covered"],
                      c["never_visited"], c["nobody_home"], c["field_found"], f.duplicates,
                      f.open_gaps, c["persons"], c["persons_covered"])
            if col < len(values):
                v = values[col]
                return f"{v:,}" if isinstance(v, int) else v
            rate = f.coverage_rate if col == 12 else f.visited_rate
            return "–" if rate is None else f"{rate:.1%}"
        if role == Qt.TextAlignmentRole and col > 0:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ForegroundRole and col == 13 and self.schedule is not None:
            share = f.visited_rate
            if share is not None and share + 1e-9 < self.schedule.elapsed:
                return OVERDUE  # behind the calendar
        if role == Qt.ToolTipRole and col == 4 and f.not_covered_by_reason:
            return "\n".join(f"{reason_label(k)}: {v}"
                             for k, v in sorted(f.not_covered_by_reason.items()))
        return None


class RecordsModel(QAbstractTableModel):
    """Rows of dicts (gaps or work orders) with chosen columns; overdue rows in red."""

    def __init__(self, columns: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.columns = columns  # (key, header)
        self.rows: list[dict[str, Any]] = []
        self.today = dt.date.today()

    def set_rows(self, rows: list[dict[str, Any]], today: dt.date | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.today = today or dt.date.today()
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.columns[section][1]
        return None

    def overdue(self, row: dict[str, Any]) -> bool:
        return bool(row.get("state")) and is_overdue(row["state"], row.get("due_date"), self.today)

    def data(self, index, role=Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = self.columns[index.column()][0]
        if role == Qt.DisplayRole:
            value = row.get(key)
            if key == "status_reason":
                return reason_label(value or "")
            if key == "kind":
                return kind_label(value)
            if key == "state":
                return order_state_label(value or "")
            if key == "overdue":
                return _t("Overdue") if self.overdue(row) else ""
            if key in ("last_visit_at", "opened_at", "done_at"):
                return (value or "")[:10]
            return "" if value is None else str(value)
        if role == Qt.ForegroundRole and self.overdue(row):
            return OVERDUE
        if role == UUID_ROLE:
            return row.get("household_uuid")
        return None

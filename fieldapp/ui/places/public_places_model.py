"""Table model of public places: rows (dicts from fieldapp.store.public_places) come in through
`set_rows`; answer codes are shown with the checklist's own choice labels. Tested without a view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

if TYPE_CHECKING:
    from fieldapp.survey.model import Form

UUID_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2  # types in the checklist's order, the rest as shown
_STATE_COLORS = {"complete": QColor("#2e7d32"), "draft": QColor("#8a5a00")}
_OPENED_COLORS = {"yes": QColor("#2e7d32"), "no": QColor("#c62828")}


class PublicPlacesModel(QAbstractTableModel):
    COLUMNS = ("type", "name", "area", "cable", "channels", "state")

    def __init__(self, form: Form | None = None, language: str = "zh", parent=None):
        super().__init__(parent)
        self.form, self.language = form, language
        self._rows: list[dict[str, Any]] = []
        self.with_township = False

    def set_rows(self, rows: Sequence[dict[str, Any]], with_township: bool = False) -> None:
        """The places to show; `with_township` puts the township before the village (county)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.with_township = with_township
        self.endResetModel()

    def row_dict(self, row: int) -> dict[str, Any] | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def uuid_at(self, row: int) -> str | None:
        r = self.row_dict(row)
        return r["uuid"] if r else None

    def row_of(self, uuid: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r["uuid"] == uuid), -1)

    # ----- labels ------------------------------------------------------------------------
    def _choice(self, field: str, value: Any) -> str:
        if value in (None, ""):
            return ""
        form = self.form
        if form is None or field not in form.fields:
            return str(value)
        f = form.fields[field]
        sep = ", " if self.language == "en" else "、"
        return sep.join(form.choice_label(f, v, self.language) for v in str(value).split())

    def cell(self, row: dict[str, Any], column: str) -> str:
        a = row.get("answers") or {}
        if column == "type":
            return self._choice("place_type", row.get("place_type") or a.get("place_type"))
        if column == "name":
            return row.get("name") or self.tr("(no name yet)")
        if column == "area":
            town, village = row.get("township_name") or "", row.get("village_name") or ""
            if self.with_township and village:
                return f"{town} {village}"
            return village or town
        if column == "cable":
            return self._choice("cable_opened", a.get("cable_opened"))
        if column == "channels":
            return self._choice("channels", a.get("channels")) if a.get(
                "cable_opened") == "yes" else ""
        if column == "state":
            return {"complete": self.tr("Complete"), "draft": self.tr("Draft")}.get(
                row.get("state") or "", row.get("state") or "")
        return ""

    def _sort_key(self, row: dict[str, Any], column: str) -> str:
        text = self.cell(row, column)
        if column == "type" and self.form is not None and "place_type" in self.form.fields:
            names = [c.name for c in self.form.choices_of(self.form.fields["place_type"])]
            ptype = row.get("place_type")
            rank = names.index(ptype) if ptype in names else len(names)
            return f"{rank:03d} {row.get('name') or ''}"
        return f"{text} {row.get('name') or ''}"

    # ----- Qt model API -----------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole or orientation != Qt.Horizontal:
            return None
        return {
            "type": self.tr("Type"), "name": self.tr("Name"),
            "area": self.tr("Village / community"), "cable": self.tr("Cable TV opened"),
            "channels": self.tr("Channels"), "state": self.tr("Checklist"),
        }[self.COLUMNS[section]]

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            return self.cell(row, column)
        if role == UUID_ROLE:
            return row["uuid"]
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ForegroundRole:
            if column == "state":
                return _STATE_COLORS.get(row.get("state") or "")
            if column == "cable":
                return _OPENED_COLORS.get((row.get("answers") or {}).get("cable_opened"))
            if column == "name" and not row.get("name"):
                return QColor("#757575")
        if role == Qt.ToolTipRole and column == "name":
            a = row.get("answers") or {}
            return "\n".join(str(v) for v in (a.get("address"), a.get("contact_name"),
                                              a.get("contact_phone")) if v) or None
        return None

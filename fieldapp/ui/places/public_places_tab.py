"""The "Public places" tab beside the household table: the party and government offices,
enterprises, hotels, hospitals, schools and residential compounds of the area selected in the tree,
with add, edit (the public-place checklist) and delete (asks first; can be undone)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.divisions import level_of
from fieldapp.store import public_places as P

from fieldapp.ui.widgets.errors import show_error
from fieldapp.ui.places.public_places_model import SORT_ROLE, UUID_ROLE, PublicPlacesModel
from fieldapp.ui.shell.i18n import form_language

if TYPE_CHECKING:
    from fieldapp.ui.places.public_places_dialog import PublicPlaceDialog


class PublicPlacesTab(QWidget):
    placeActivated = Signal(str)
    facilitiesChanged = Signal()  # a service-point or terminal register was imported

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store = None
        self.area_code: str | None = None
        self.area_name = ""
        self.dialog: PublicPlaceDialog | None = None
        self._deleted: dict[str, Any] | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold;")
        self.count_label = QLabel()
        self.add_button = QPushButton(self.tr("Add public place…"))
        self.edit_button = QPushButton(self.tr("Checklist…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.undo_button = QPushButton(self.tr("Undo delete"))
        self.undo_button.setVisible(False)
        self.facilities_button = QPushButton(self.tr("Service points and terminals…"))
        self.facilities_button.setToolTip(self.tr(
            "Service stations, village agency points and public-area emergency-broadcast "
            "terminals: list and import"))
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.count_label, 1)
        for b in (self.undo_button, self.add_button, self.edit_button, self.delete_button,
                  self.facilities_button):
            top.addWidget(b)
        self.model = PublicPlacesModel(language=form_language(), parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(24)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)  # the name takes what is left
        self.empty_label = QLabel()
        self.empty_label.setStyleSheet("color: #555;")
        self.empty_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label)
        self.add_button.clicked.connect(self.add_place)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.undo_button.clicked.connect(self.undo_delete)
        self.facilities_button.clicked.connect(self.show_facilities)
        self.view.activated.connect(lambda idx: self.edit_place(idx.data(UUID_ROLE)))
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        for keys, slot in ((QKeySequence.Delete, self.delete_current),
                           (QKeySequence.Undo, self.undo_delete),
                           (QKeySequence(Qt.Key_Insert), self.add_place)):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        self._update_buttons()

    # ----- data --------------------------------------------------------------------------
    def set_store(self, store) -> None:
        self.store = store
        self._deleted = None
        self.undo_button.setVisible(False)
        from fieldapp.store.form_source import current_form
        from fieldapp.survey.registry import PUBLIC_PLACE_FORM

        try:
            self.model.form = current_form(store, PUBLIC_PLACE_FORM) if store is not None else None
        except Exception:  # noqa: BLE001 - without the checklist, codes are shown as stored
            self.model.form = None
        self.reload()

    def show_area(self, code: str | None) -> None:
        self.area_code = code
        self.reload()

    def reload(self, select: str | None = None) -> None:
        select = select or self.current_uuid()
        rows = []
        if self.store is not None and self.area_code:
            try:
                rows = P.list_places(self.store, self.area_code)
                self.area_name = P.area_name(self.store, self.area_code)
            except Exception as exc:  # noqa: BLE001
                show_error(self, exc, self.tr("Cannot list the public places"))
        self.model.set_rows(rows, with_township=bool(self.area_code)
                            and level_of(self.area_code) == "county")
        self.heading.setText(self.area_name if self.area_code else "")
        opened = sum(1 for r in rows if r["state"] == "complete"  # as the report counts
                     and r["answers"].get("cable_opened") == "yes")
        done = sum(1 for r in rows if r["state"] == "complete")
        self.count_label.setText(
            self.tr("%1 places · cable TV opened in %2 · %3 checklists complete")
            .replace("%1", str(len(rows))).replace("%2", str(opened)).replace("%3", str(done)))
        if not rows and self.can_add():
            self.empty_label.setText(self.tr(
                "No public places recorded here yet. Add the party and government offices, "
                "enterprises and institutions, hotels, hospitals, schools and residential "
                "compounds of this area with “Add public place…”."))
        elif not rows:
            self.empty_label.setText(self.tr("Choose a township or village in the tree to add "
                                             "public places."))
        self.empty_label.setVisible(not rows)
        if select:
            self.select(select)
        self._update_buttons()

    def current_uuid(self) -> str | None:
        idx = self.view.currentIndex()
        return idx.data(UUID_ROLE) if idx.isValid() else None

    def select(self, uuid: str) -> bool:
        row = self.model.row_of(uuid)
        if row < 0:
            return False
        self.view.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        return True

    def can_add(self) -> bool:
        if self.store is None or not self.area_code:
            return False
        return level_of(self.area_code) in ("township", "village")

    def show_facilities(self):
        """The service points and terminals of the area in the tree (the county if none)."""
        if self.store is None:
            return None
        from fieldapp.ui.places.facilities_dialog import FacilitiesDialog

        dlg = FacilitiesDialog(self.store, self.area_code, self._user(), self)
        dlg.imported.connect(self.facilitiesChanged)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def _update_buttons(self) -> None:
        self.facilities_button.setEnabled(self.store is not None)
        self.add_button.setEnabled(self.can_add())
        self.add_button.setToolTip("" if self.can_add() else self.tr(
            "Choose a township or village in the tree first"))
        has_row = self.current_uuid() is not None
        self.edit_button.setEnabled(has_row)
        self.delete_button.setEnabled(has_row)

    # ----- actions -----------------------------------------------------------------------
    def add_place(self) -> PublicPlaceDialog | None:
        if not self.can_add():
            return None
        return self._open_dialog(area_code=self.area_code, area_name=self.area_name)

    def edit_current(self) -> PublicPlaceDialog | None:
        return self.edit_place(self.current_uuid())

    def edit_place(self, uuid: str | None) -> PublicPlaceDialog | None:
        if not uuid or self.store is None:
            return None
        return self._open_dialog(place_uuid=uuid)

    def _open_dialog(self, **where) -> PublicPlaceDialog | None:
        from fieldapp.ui.places.public_places_dialog import PublicPlaceDialog

        dlg = PublicPlaceDialog.open_for(self.store, self, **where)
        if dlg is None:
            return None
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.placeChanged.connect(lambda uuid: self.reload(select=uuid))
        dlg.finished.connect(lambda _r, d=dlg: self._dialog_closed(d))
        self.dialog = dlg
        dlg.open()
        return dlg

    def _dialog_closed(self, dlg: PublicPlaceDialog) -> None:
        if self.dialog is dlg:
            self.dialog = None
        self.reload(select=dlg.place_uuid)

    def shutdown(self) -> None:
        """Before the database closes: the open checklist saves what is being typed and closes."""
        if self.dialog is not None:
            self.dialog.reject()
        self.set_store(None)

    def confirm_delete(self, name: str) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Delete public place"),
            self.tr("Delete “%1” and its checklist?").replace("%1", name),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        return answer == QMessageBox.Yes

    def delete_current(self) -> bool:
        uuid = self.current_uuid()
        row = self.model.row_dict(self.model.row_of(uuid)) if uuid else None
        if row is None or self.store is None:
            return False
        if not self.confirm_delete(row["name"] or self.model.cell(row, "name")):
            return False
        try:
            self._deleted = P.delete_place(self.store, self._user(), uuid)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("The public place was not deleted"))
            return False
        self.undo_button.setVisible(True)
        self.undo_button.setToolTip(self._deleted["name"])
        self.reload()
        return True

    def undo_delete(self) -> str | None:
        if self._deleted is None or self.store is None:
            return None
        try:
            uuid = P.restore_place(self.store, self._user(), self._deleted)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("The delete was not undone"))
            return None
        self._deleted = None
        self.undo_button.setVisible(False)
        self.reload(select=uuid)
        return uuid

    def _user(self) -> str:
        return (self.store.setting("surveyor") or "") if self.store is not None else ""

"""Centre panel: the households of the selected area, with a status filter and a search box
(name, pinyin initials such as "zs" for 张三 or full pinyin, the last digits of a phone or ID
number, a door number).

Keyboard: typing a letter in the list starts a search; Enter in the search box opens the best
match's visit, Down moves into the list; Enter in the list opens the visit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView,
    QVBoxLayout, QWidget,
)

from fieldapp.core.status import STATUSES
from fieldapp.store.households import queries

from fieldapp.ui.households.household_model import HouseholdTableModel
from fieldapp.ui.widgets.labels import status_label


class HouseholdTable(QWidget):
    householdSelected = Signal(str)
    householdActivated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store = None
        self.area_code: str | None = None
        # The households of an area when nothing filters them, if already counted (the tree's
        # figures: the same definition, and no second scan of a county's households).
        self.known_total: Callable[[str], int | None] = lambda _code: None
        self.search = QLineEdit(placeholderText=self.tr(
            "Search: name, pinyin (lqj), phone or ID tail, door no. — Enter opens the visit"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)  # still a search box on a 125% laptop screen
        self.status = QComboBox()
        self.status.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.status.setMinimumContentsLength(6)
        self.status.addItem(self.tr("All statuses"), "")
        for st in STATUSES:
            self.status.addItem(status_label(st), st)
        self.count_label = QLabel()
        top = self.top_bar = QHBoxLayout()  # other features add their buttons here
        top.addWidget(self.search, 3)
        top.addWidget(self.status, 1)
        top.addWidget(self.count_label)
        self.model = HouseholdTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((90, 48, 90, 48, 110, 150, 70, 90)):
            self.view.setColumnWidth(col, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.status.currentIndexChanged.connect(lambda _i: self.reload())
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.view.activated.connect(self._activated)
        self.search.returnPressed.connect(self.open_best_match)
        self.search.installEventFilter(self)
        self.type_to_search(self.view)

    def set_store(self, store) -> None:
        self._debounce.stop()
        self.store = store
        self.area_code = None
        self.model.set_source(None, 0)

    def show_area(self, code: str) -> None:
        self.area_code = code
        # Beyond one village the list shows which village each household belongs to.
        self.view.setColumnHidden(self.model.COLUMNS.index("village_name"),
                                  not code.endswith("000"))
        self.reload()

    # ----- keyboard ----------------------------------------------------------------------
    def type_to_search(self, widget: QWidget) -> None:
        """Letters and digits typed in `widget` start a new search here."""
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.KeyPress:
            return False
        if obj is self.search:
            if event.key() == Qt.Key_Down and self.model.rowCount():
                self._settle()
                self.view.setFocus(Qt.OtherFocusReason)
                row = max(self.view.currentIndex().row(), 0)
                self.view.setCurrentIndex(
                    self.model.index(row, self.model.COLUMNS.index("head_name")))
                self.view.selectRow(row)
                return True
            return False
        text = event.text()
        plain = not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier)
        if plain and len(text) == 1 and text.isalnum():
            self.search.setFocus(Qt.ShortcutFocusReason)
            self.search.setText(text)
            return True
        return False

    def _settle(self) -> None:
        """Apply a search still waiting for its debounce."""
        if self._debounce.isActive():
            self._debounce.stop()
            self.reload()

    def open_best_match(self) -> None:
        """Enter in the search box: the first (best) match's visit."""
        self._settle()
        uuid = self.model.uuid_at(0)
        if uuid:
            self.select(uuid, emit=True)
            self.householdActivated.emit(uuid)

    def clear_search(self) -> None:
        self._debounce.stop()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)

    def reload(self) -> None:
        if not self.store or not self.area_code:
            return
        store, code = self.store, self.area_code
        status = self.status.currentData() or None
        text = self.search.text().strip()
        total = None if status or text else self.known_total(code)
        if total is None:
            total = queries.household_count(store, code, status=status, search=text)

        def loader(offset, limit, order, descending):
            return queries.households(store, code, status=status, search=text, limit=limit,
                                      offset=offset, order=order, descending=descending)

        current = self.current_uuid()
        self.model.set_source(loader, total)
        self.count_label.setText(self.tr("%n household(s)", "", total))
        if current:
            self.select(current, emit=False)

    def current_uuid(self) -> str | None:
        idx = self.view.currentIndex()
        return self.model.uuid_at(idx.row()) if idx.isValid() else None

    def selected_uuids(self) -> list[str]:
        rows = {i.row() for i in self.view.selectionModel().selectedRows()}
        return [u for u in (self.model.uuid_at(r) for r in sorted(rows)) if u]

    def select(self, uuid: str, emit: bool = True) -> bool:
        row = self.model.row_of(uuid)
        if row < 0:
            return False
        if not emit:
            self.view.selectionModel().blockSignals(True)
        self.view.selectRow(row)
        cell = self.model.index(row, self.model.COLUMNS.index("head_name"))  # always shown
        self.view.setCurrentIndex(cell)
        self.view.scrollTo(cell)
        if not emit:
            self.view.selectionModel().blockSignals(False)
        return True

    def _row_changed(self, current, _previous) -> None:
        uuid = self.model.uuid_at(current.row()) if current.isValid() else None
        if uuid:
            self.householdSelected.emit(uuid)

    def _activated(self, index) -> None:
        uuid = self.model.uuid_at(index.row())
        if uuid:
            self.householdActivated.emit(uuid)

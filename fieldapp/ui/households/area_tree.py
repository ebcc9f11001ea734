"""Left panel: county → township → village with household counts and coverage."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from fieldapp.store.households import queries

CODE_ROLE = Qt.UserRole + 1


class Prefetch(threading.Thread):
    """`queries.area_tree` of a database file, started while the app is still starting (imports,
    the window) on a thread of its own with its own read-only connection (SQLite lets the GUI
    thread run while it scans the county's households). Pass it to `AreaTree.load` of the same
    file, once.

    Opening the file is the check File → Open makes before the window opens it (a fieldapp
    database of this version, readable): `opened` tells the window it need not check again."""

    OPEN_WAIT_S = 1.0  # longer than a sound file takes: the window's own check takes over

    def __init__(self, path: str | Path):
        super().__init__(name="area-tree-prefetch", daemon=True)
        self.path = Path(path).resolve()
        self.root = None
        self.ok = False
        self._opened = False
        self._open_tried = threading.Event()
        self.start()

    def run(self) -> None:
        from fieldapp.store import Store

        try:
            try:
                store = Store.open(self.path, readonly=True)
                self._opened = True
            finally:
                self._open_tried.set()
            with store:
                self.root = queries.area_tree(store)
            self.ok = True
        except Exception:  # noqa: BLE001 - e.g. a database to upgrade: load() reads it itself
            self.ok = False

    def opened(self, path: str | Path) -> bool:
        """Whether this read opened `path` as a sound database of this version (an older one,
        not a database, damaged at its start, still opening after a moment: False)."""
        if Path(path).resolve() != self.path:
            return False
        return self._open_tried.wait(self.OPEN_WAIT_S) and self._opened

    def result_for(self, path: str | Path):
        """The tree read, if it is of this file and the read went well; else None."""
        if Path(path).resolve() != self.path:
            return None
        self.join()
        return self.root if self.ok else None


class AreaTree(QWidget):
    areaSelected = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.root = None  # the county's AreaNode (counts by status) as last loaded
        self._households: dict[str, int] = {}  # area code -> households, as last loaded
        self.filter = QLineEdit(placeholderText=self.tr("Find a village…"))
        self.filter.setClearButtonEnabled(True)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Area"), self.tr("Households"), self.tr("Covered")])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        header = self.view.header()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        header.setStretchLastSection(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)
        self.filter.textChanged.connect(self._filter_changed)
        self.view.selectionModel().currentChanged.connect(self._current_changed)

    def load(self, store, prefetched: Prefetch | None = None, select: str | None = None) -> bool:
        """(Re)build from the store, keeping the current selection (or selecting `select`);
        `prefetched`: the same counts read a moment ago at start-up. True when an area is
        selected (its households were announced with areaSelected)."""
        current = select or self.current_code()
        self.model.removeRows(0, self.model.rowCount())
        self._households = {}
        root = prefetched.result_for(store.path) if prefetched is not None else None
        if root is None:
            root = queries.area_tree(store)
        self.root = root
        if root is None:
            return False
        self._add(self.model.invisibleRootItem(), root)
        self.view.expandToDepth(0)
        return self.select(current or root.code) or self.select(root.code)

    def households(self, code: str) -> int | None:
        """The households of an area as the tree counted them (None: not in the tree)."""
        return self._households.get(code)

    def _add(self, parent_item, node) -> None:
        self._households[node.code] = node.households
        name = QStandardItem(node.name)
        name.setData(node.code, CODE_ROLE)
        name.setToolTip(f"{node.code}")
        count = QStandardItem(f"{node.households:,}")
        count.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        rate = node.coverage
        pct = QStandardItem("—" if rate is None else f"{rate * 100:.1f}%")
        pct.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        for item in (name, count, pct):
            item.setEditable(False)
        parent_item.appendRow([name, count, pct])
        for child in node.children:
            self._add(name, child)

    def current_code(self) -> str | None:
        idx = self.view.currentIndex()
        return idx.siblingAtColumn(0).data(CODE_ROLE) if idx.isValid() else None

    def select(self, code: str) -> bool:
        hits = self.model.match(self.model.index(0, 0), CODE_ROLE, code, 1,
                                Qt.MatchExactly | Qt.MatchRecursive)
        if not hits:
            return False
        idx = self.proxy.mapFromSource(hits[0])
        self.view.setCurrentIndex(idx)
        self.view.scrollTo(idx)
        return True

    def _current_changed(self, current, _previous) -> None:
        code = current.siblingAtColumn(0).data(CODE_ROLE) if current.isValid() else None
        if code:
            self.areaSelected.emit(code)

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if text.strip():
            self.view.expandAll()

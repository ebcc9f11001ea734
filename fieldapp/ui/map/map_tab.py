"""Put the map in the main window as a tab beside the household table, and keep the selection
in step both ways: tree area -> map zoom, table row -> map selection, map click -> tree village,
table row and detail panel."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from fieldapp.store.households import queries

from fieldapp.ui.map.map_view import MapView


def attach_map(window) -> MapView:
    view = MapView(parent=window)
    window.add_centre_tab(view, QCoreApplication.translate("MapTab", "Map"))
    view._sync = SelectionSync(window, view)  # keep alive with the view
    return view


class SelectionSync(QObject):
    def __init__(self, window, view: MapView):
        super().__init__(view)
        self.window = window
        self.view = view
        self.busy = False
        window.tree.areaSelected.connect(self._area)
        window.table.householdSelected.connect(self._table_row)
        view.householdsSelected.connect(self._map_selection)
        view.dataChanged.connect(window.refresh)
        view.householdMoved.connect(self._moved)

    def _area(self, code: str) -> None:
        if not self.busy:
            self.view.show_area(code)

    def _table_row(self, uuid: str) -> None:
        if self.busy:
            return
        chosen = self.window.table.selected_uuids() or [uuid]
        self.view.select_households(chosen if uuid in chosen else [uuid])

    def _moved(self, uuid: str) -> None:
        """The detail panel shows the new position at once."""
        if self.window.detail.uuid == uuid:
            self.window.detail.refresh()

    def _map_selection(self, uuids: list) -> None:
        if self.busy or not uuids or self.window.store is None:
            return
        hh = queries.household(self.window.store, uuids[0])
        if not hh:
            return
        self.busy = True
        try:
            tree, table = self.window.tree, self.window.table
            if tree.current_code() != hh["village_code"]:  # list the household's village
                tree.select(hh["village_code"])
            if not table.select(uuids[0]):
                table.search.clear()
                table.status.setCurrentIndex(0)
                table.reload()
                table.select(uuids[0])
        finally:
            self.busy = False

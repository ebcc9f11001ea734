"""Put the map in the main window as a tab beside the household table, and keep the selection
in step both ways: tree area -> map zoom, table row -> map selection, map click -> tree village,
table row and detail panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from fieldapp.store.households import queries

if TYPE_CHECKING:
    from fieldapp.ui.map.map_view import MapView


def attach_map(window) -> None:
    """The Map tab; `window.map_view` is built the first time it is shown or asked for (the map
    module brings numpy, pyproj and shapely, which start-up does not need)."""

    def build() -> MapView:
        from fieldapp.ui.map.map_view import MapView

        view = MapView(parent=window)
        view._sync = SelectionSync(window, view)  # keep alive with the view
        if window.store is not None:
            view.set_store(window.store)
        if code := window.tree.current_code():
            view.show_area(code)  # where the tree is; drawn when its data is loaded
        if uuids := window.table.selected_uuids():
            view.select_households(uuids)
        return view

    window.add_lazy_centre_tab("map_view", QCoreApplication.translate("MapTab", "Map"), build)


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

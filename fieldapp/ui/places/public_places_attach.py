"""The Public places tab in the main window's centre: built the first time it is shown (the tab,
its table and the public-place checklist load then), following the tree and the open database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject

if TYPE_CHECKING:
    from fieldapp.ui.places.public_places_tab import PublicPlacesTab


def attach_public_places(window) -> None:
    """Put the tab in the main window's centre; it follows the tree and the open database.
    `window.public_places` is built the first time the tab is shown or asked for."""
    window.add_lazy_centre_tab(
        "public_places", QCoreApplication.translate("PublicPlacesTab", "Public places"),
        lambda: _build_tab(window))


def _build_tab(window) -> PublicPlacesTab:
    from fieldapp.ui.places.public_places_tab import PublicPlacesTab

    tab = PublicPlacesTab()
    tab.area_code = window.tree.current_code()
    if window.store is not None:
        tab.set_store(window.store)

    def area(code: str) -> None:
        if tab.store is not window.store:
            tab.area_code = code
            tab.set_store(window.store)  # reloads
        else:
            tab.show_area(code)

    def shown(_index: int) -> None:
        if window.centre.currentWidget() is tab and window.store is not None:
            if tab.store is not window.store:
                tab.set_store(window.store)
            if window.tree.current_code() != tab.area_code:
                tab.show_area(window.tree.current_code())
            else:
                tab.reload()

    def redraw_map() -> None:
        if (view := window.built_tab("map_view")) is not None:
            view.refresh()

    tab.facilitiesChanged.connect(redraw_map)
    window.tree.areaSelected.connect(area)
    window.centre.currentChanged.connect(shown)
    tab._close_watch = _CloseWatch(window, tab)
    return tab


class _CloseWatch(QObject):
    """Sees the main window's close before the window closes its database."""

    def __init__(self, window, tab: PublicPlacesTab):
        super().__init__(tab)
        self.tab = tab
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Close:
            self.tab.shutdown()
        return False

"""Undoable map edits. Each redo/undo is its own change-logged, audited write, so an undone move
is visible in the history (and syncs) like any other change."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from fieldapp.geo.positions import set_household_position


class MoveHousehold(QUndoCommand):
    def __init__(self, view, uuid: str, name: str, lon: float, lat: float,
                 outside_m: float | None = None):
        was_located = view.position_of(uuid)[0] is not None
        text = (QCoreApplication.translate("MoveHousehold", "Move %1") if was_located
                else QCoreApplication.translate("MoveHousehold", "Place %1")).replace("%1", name)
        super().__init__(text)
        self.view = view
        self.uuid = uuid
        self.new = (lon, lat, outside_m)
        self.old: tuple[float | None, float | None, float | None] | None = None
        self.failed = False

    def redo(self) -> None:
        self._write(self.new, remember=True)

    def undo(self) -> None:
        if self.old is not None:
            self._write(self.old, remember=False)

    def _write(self, pos, remember: bool) -> None:
        try:
            old = set_household_position(self.view.store, self.uuid, pos[0], pos[1],
                                         user=self.view.user(), outside_m=pos[2])
        except Exception as exc:  # noqa: BLE001 - shown to the user, the command does nothing
            self.failed = True
            self.setObsolete(True)
            self.view.report_error(exc)
            return
        if remember:
            self.old = old
        self.view.position_changed(self.uuid)

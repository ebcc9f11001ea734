"""The record adapter that lets the checklist widget (VisitFormWidget) fill in a public place: the
answers live in the place record itself (fieldapp.store.public_places). A new place is created at
its first answer, in the township or village it was added to, so an abandoned "Add" leaves
nothing behind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from fieldapp.store import public_places as P
from fieldapp.survey.model import Form
from fieldapp.core.messages import ErrorCode
from fieldapp.core.errors import BadValue


class PublicPlaceRecord:
    has_history = False

    def __init__(self, store, form: Form, place_uuid: str | None = None,
                 area_code: str | None = None, area_name: str = ""):
        if place_uuid is None and area_code is None:
            raise BadValue(ErrorCode.PLACE_NEEDS_AREA)
        self.store, self.form = store, form
        self.place_uuid, self.area_code, self.area_name = place_uuid, area_code, area_name

    @property
    def subject_uuid(self) -> str:
        return self.place_uuid or ""

    def place(self) -> dict[str, Any] | None:
        return P.get_place(self.store, self.place_uuid) if self.place_uuid else None

    def title(self) -> str:
        place = self.place()
        if place is None:
            name = QCoreApplication.translate("PublicPlaceRecord", "New public place")
            return f"{name} · {self.area_name}" if self.area_name else name
        name = place["name"] or QCoreApplication.translate("PublicPlaceRecord", "(no name yet)")
        where = " ".join(n for n in (place.get("township_name"), place.get("village_name")) if n)
        return f"{name} · {where}" if where else name

    def point(self) -> str | None:
        """No "use household location" button: a place's position is its own location answer."""
        return None

    def load(self) -> dict[str, Any] | None:
        return self.place()

    def start(self, user: str, answers: Mapping[str, Any]) -> str:
        assert self.area_code is not None
        self.place_uuid = P.create_place(self.store, user, self.area_code, self.form.version,
                                         answers, form_id=self.form.form_id)
        return self.place_uuid

    def save(self, user: str, uuid: str, changes: Mapping[str, Any]) -> None:
        P.save_answers(self.store, user, uuid, changes)

    def complete(self, user: str, uuid: str, changes: Mapping[str, Any]) -> None:
        P.complete_place(self.store, user, uuid, changes)

    def reopen(self, user: str, uuid: str) -> None:
        P.reopen_place(self.store, user, uuid)

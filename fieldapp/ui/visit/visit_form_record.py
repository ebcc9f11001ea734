"""Where the checklist widget's answers live: the record adapter of VisitFormWidget.

The widget shows a form and forwards each change; an adapter says what the answers belong to
(title, position for a geopoint) and calls the store helpers that load, save, complete and reopen
them. `HouseholdVisitRecord` is the household visit (fieldapp.store.visits); a public place has its
own adapter (public_places_record.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from fieldapp.store.households import queries
from fieldapp.store import visits as V
from fieldapp.survey.model import Form


class HouseholdVisitRecord:
    """A visit of one household: carries on with its latest draft, or a given visit."""

    has_history = True

    def __init__(self, store, household_uuid: str, form: Form, visit_uuid: str | None = None):
        self.store, self.household_uuid, self.form = store, household_uuid, form
        self.visit_uuid = visit_uuid
        self.household = queries.household(store, household_uuid) or {}

    @property
    def subject_uuid(self) -> str:
        """What the widget's signals name: the household."""
        return self.household_uuid

    def title(self) -> str:
        hh = self.household
        group = (" " + QCoreApplication.translate("VisitFormWidget", "Group %1").replace(
            "%1", str(hh["group_no"])) if hh.get("group_no") else "")
        return f"{hh.get('head_name', '')} · {hh.get('village_name', '')}{group}"

    def point(self) -> str | None:
        hh = self.household
        if hh.get("lat") is None or hh.get("lon") is None:
            return None
        return f"{hh['lat']:.7f} {hh['lon']:.7f}"

    def load(self) -> dict[str, Any] | None:
        """The record to show: {uuid, state, form_version, answers}, None for a new one."""
        if self.visit_uuid:
            return V.get_visit(self.store, self.visit_uuid)
        return V.latest_draft(self.store, self.household_uuid, self.form.form_id)

    def last_saved(self, names: list[str]) -> dict[str, Any]:
        """Answers for the form's `${last-saved#name}` defaults."""
        return V.recent_answers(self.store, self.household_uuid, self.form.form_id, names)

    def start(self, user: str, answers: Mapping[str, Any]) -> str:
        self.visit_uuid = V.start_visit(self.store, user, self.household_uuid,
                                        self.form.form_id, self.form.version, answers)
        return self.visit_uuid

    def save(self, user: str, uuid: str, changes: Mapping[str, Any]) -> None:
        V.save_answers(self.store, user, uuid, changes)

    def complete(self, user: str, uuid: str, changes: Mapping[str, Any]) -> None:
        V.complete_visit(self.store, user, uuid, changes)

    def reopen(self, user: str, uuid: str) -> None:
        V.reopen_visit(self.store, user, uuid)

"""The visit checklist for one household: sections per group, live relevance and checks,
keyboard first, and every change saved as a draft at once (killing the app loses nothing).

`VisitFormWidget(store, household_uuid, form)` carries on with the household's draft (or a given
visit); a complete visit opens read-only until "Correct" reopens it. Rules live in
fieldapp.survey.runtime and writes in fieldapp.store.visits; this only shows and forwards. Another
kind of record (a public place) comes in as `record=`, an adapter like HouseholdVisitRecord.

Questions are kept by key: the field name, or `members[2]/member_name` for a question of a repeat
instance (runtime.answer_key); `keys` maps a key back to (name, instance index).

The screen is built by FormLayout (visit_form_build.py), moving through it from the keyboard and
adding or removing repeat instances is FormNavigation (visit_form_navigation.py); here: the
state, saving as you go, photos, completing and reopening.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QWidget,
)

from fieldapp.core.progress import Cancelled
from fieldapp.store import visits as V
from fieldapp.survey.errors import AnswerError
from fieldapp.survey.model import Field, Form
from fieldapp.survey.runtime import FormState, last_saved_names

from fieldapp.ui.widgets.errors import describe, show_error
from fieldapp.ui.widgets.job_runner import JobRunner
from fieldapp.ui.shell.i18n import form_language
from fieldapp.ui.visit.visit_form_build import FormLayout
from fieldapp.ui.visit.visit_form_editors import Editor, LineEditor
from fieldapp.ui.visit.visit_form_navigation import FormNavigation
from fieldapp.ui.visit.visit_form_photo import DEFAULT_MAX_PIXELS, IMAGE_FILTER, prepare_photo
from fieldapp.ui.visit.visit_form_record import HouseholdVisitRecord
from fieldapp.ui.visit.visit_form_repeat import RepeatSection
from fieldapp.ui.visit.visit_form_rows import FieldRow


class VisitFormWidget(FormLayout, FormNavigation, QWidget):
    completed = Signal(str)  # household uuid (record.subject_uuid): its status has changed
    saved = Signal(str)  # visit uuid, after each write
    historyRequested = Signal(str)  # household uuid

    def __init__(self, store, household_uuid: str | None, form: Form,
                 visit_uuid: str | None = None, parent=None, language: str | None = None,
                 record=None):
        super().__init__(parent)
        self.store, self.household_uuid, self.form = store, household_uuid, form
        self.language = language or form_language()
        self.user = store.setting("surveyor") or ""
        self.record = record or HouseholdVisitRecord(store, household_uuid, form, visit_uuid)
        self.household = getattr(self.record, "household", {})
        visit = self.record.load()
        self.visit_uuid: str | None = visit["uuid"] if visit else None
        self.visit_state = visit["state"] if visit else "draft"
        self.visit_version = visit["form_version"] if visit else form.version
        if visit:
            self.state = FormState(form, visit["answers"], language=self.language)
        else:
            names = last_saved_names(form)
            recent = getattr(self.record, "last_saved", None)
            self.state = FormState.new(form, language=self.language,
                                       last_saved=recent(names) if recent and names else None)
        self.touched: set[str] = set()
        self.input_errors: dict[str, str] = {}
        self.show_all = False
        self._pending: dict = {}
        self.rows: dict[str, FieldRow] = {}
        self.editors: dict[str, Editor] = {}
        self.live_texts: set[str] = set()  # fields whose label or hint shows ${answers}
        self.sections: dict[str, QGroupBox] = {}
        self.keys: dict[str, tuple[str, int | None]] = {}  # key -> (field or group, instance)
        self.repeats: dict[str, RepeatSection] = {}
        self.order: list[str] = []
        self._build()
        for key, editor in self.editors.items():
            editor.set_value(self.state.value(*self.keys[key]))
        self._update_order()
        self.set_read_only(self.visit_state == "complete")
        self.refresh()
        self._show_saved_state()

    # ----- state -> screen -----------------------------------------------------------------
    def refresh(self) -> None:
        st = self.state
        for key, box in self.sections.items():
            box.setVisible(st.relevant(*self.keys[key]))
        for repeat, section in self.repeats.items():
            section.setVisible(st.relevant(repeat))
            for i, box in enumerate(section.boxes):
                box.setVisible(st.relevant(repeat, i))
        problems = 0
        for key, row in self.rows.items():
            name, index = self.keys[key]
            f = self.form.fields[name]
            relevant = st.relevant(name, index)
            row.setVisible(relevant)
            if not relevant:
                continue
            editor = self.editors[key]
            if f.is_select:
                editor.set_choices([(c.name, self.form.text(c.labels, self.language) or c.name)
                                    for c in st.choices(name, index)])  # type: ignore[attr-defined]
            if f.calculation is not None:
                editor.set_value(st.value(name, index))
            if key in self.live_texts:
                row.set_texts(st.label(name, index) or name, st.hint(name, index))
            row.set_required(st.required(name, index))
            message = self.input_errors.get(key) or st.problem(name, index)
            if message:
                problems += 1
            row.set_error(message if (self.show_all or key in self.touched
                                      or key in self.input_errors) else None)
        done = problems == 0
        self.complete_button.setEnabled(done and not self.read_only)
        self.todo_button.setVisible(not done and not self.read_only)
        self.todo_button.setText(self.tr("%1 question(s) still to answer or correct — show")
                                 .replace("%1", str(problems)))

    def _show_saved_state(self, when: str | None = None, error: str | None = None) -> None:
        if error:
            self.saved_label.setText(self.tr("Not saved: %1").replace("%1", error))
            self.saved_label.setStyleSheet("color: #c0392b; font-weight: bold;")
            return
        self.saved_label.setStyleSheet("color: #2e7d32;")
        if self.visit_state == "complete":
            self.saved_label.setText(self.tr("Complete"))
        elif self.visit_uuid is None:
            self.saved_label.setText(self.tr("New visit (saved at the first answer)"))
        else:
            self.saved_label.setText(self.tr("Draft saved %1").replace("%1", when or ""))

    # ----- screen -> state -> database ---------------------------------------------------
    def _edited(self, key: str, raw, final: bool) -> None:
        if self.read_only or key not in self.keys:
            return
        name, index = self.keys[key]
        try:
            changes = self.state.set(name, raw, index)
        except AnswerError as exc:
            if final:
                self.input_errors[key] = exc.message
                self.touched.add(key)
                self.refresh()
            return
        self.input_errors.pop(key, None)
        if final:
            self.touched.add(key)
        editor = self.editors[key]
        if not isinstance(editor, LineEditor):  # typed text stays as typed
            editor.set_value(self.state.value(name, index))
        if changes or (final and self.visit_uuid is None):  # a default confirmed starts it
            self._persist(changes)
        self._follow_counts()
        self.refresh()

    def _persist(self, changes: dict) -> bool:
        self._pending.update(changes)
        try:
            if self.visit_uuid is None:
                self.visit_uuid = self.record.start(self.user, self.state.answers)
            else:
                self.record.save(self.user, self.visit_uuid, self._pending)
        except Exception as exc:  # noqa: BLE001 - keep the answers, say why, retry next time
            self._show_saved_state(error=describe(exc))
            return False
        self._pending.clear()
        self._show_saved_state(datetime.now().strftime("%H:%M:%S"))
        self.saved.emit(self.visit_uuid)
        return True

    def flush(self) -> bool:
        """Save what is still being typed (and anything a failed write left behind)."""
        for editor in self.editors.values():
            if isinstance(editor, LineEditor):
                editor.commit()
        return not self._pending or self._persist({})

    def _choose_photo(self, f: Field) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a photo"), "", self.tr("Pictures (%1)").replace(
                "%1", IMAGE_FILTER))
        return self.store_photo(f, path) if path else None

    def store_photo(self, f: Field, path: str) -> str | None:
        """Downscale and store a picture file; returns its sha256 (None after an error)."""
        try:
            max_px = int(f.parameters.get("max-pixels", DEFAULT_MAX_PIXELS))
            # a picture from anywhere is decoded off the GUI thread (Cancel returns at once)
            content, thumb = JobRunner(self).run(self.tr("Reading the photo…"),
                                                 lambda _progress: prepare_photo(path, max_px),
                                                 read_only=True)
            return V.put_attachment(self.store, self.user, content, "image/jpeg", thumb)
        except Cancelled:
            return None
        except Exception as exc:  # noqa: BLE001 - a bad picture is a message, not a crash
            show_error(self, exc, self.tr("Cannot use this photo"))
            return None

    # ----- completing --------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        return self.visit_state == "complete"

    def set_read_only(self, read_only: bool) -> None:
        for key, editor in self.editors.items():
            editor.set_read_only(read_only or self.state.read_only(*self.keys[key]))
        for repeat, section in self.repeats.items():
            free = not read_only and self.state.fixed_count(repeat) is None
            section.set_editable(free, free)
        self.reopen_button.setVisible(read_only)
        self.complete_button.setVisible(not read_only)

    def complete(self) -> bool:
        """Finish the visit when every check passes; otherwise show what is missing."""
        if self.read_only:
            return False
        self.flush()
        if self.input_errors or not self.state.is_complete():
            self.show_problems()
            return False
        drop = self.state.drop_irrelevant()
        try:
            if self.visit_uuid is None:
                self.visit_uuid = self.record.start(self.user, self.state.answers)
            self.record.complete(self.user, self.visit_uuid, {**self._pending, **drop})
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("The visit was not completed"))
            return False
        self._pending.clear()
        self.visit_state = "complete"
        self.set_read_only(True)
        self.refresh()
        self._show_saved_state()
        self.completed.emit(self.record.subject_uuid)
        return True

    def reopen(self) -> None:
        if not self.visit_uuid:
            return
        try:
            self.record.reopen(self.user, self.visit_uuid)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("Cannot reopen the visit"))
            return
        self.visit_state = "draft"
        self.set_read_only(False)
        self.refresh()
        self._show_saved_state(datetime.now().strftime("%H:%M:%S"))
        self.completed.emit(self.record.subject_uuid)  # the status fell back: views refresh
        self.focus_next()

"""The visit checklist for one household: sections per group, live relevance and checks,
keyboard first, and every change saved as a draft at once (killing the app loses nothing).

`VisitFormWidget(store, household_uuid, form)` carries on with the household's draft (or a given
visit); a complete visit opens read-only until "Correct" reopens it. Rules live in
fieldapp.survey.runtime and writes in fieldapp.store.visits; this only shows and forwards. Another
kind of record (a public place) comes in as `record=`, an adapter like HouseholdVisitRecord.

Questions are kept by key: the field name, or `members[2]/member_name` for a question of a repeat
instance (runtime.answer_key); `keys` maps a key back to (name, instance index: an int, or a
path such as (1, 0) in a repeat inside a repeat). Repeat sections: visit_form_instances.py.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.attached_files import check_extension, file_filter
from fieldapp.core.progress import Cancelled
from fieldapp.store import visits as V
from fieldapp.survey.errors import AnswerError
from fieldapp.survey.instances import Index, Path, as_path
from fieldapp.survey.model import Field, Form, Group
from fieldapp.survey.runtime import FormState, answer_key, last_saved_names

from fieldapp.ui.widgets.errors import describe, show_error
from fieldapp.ui.widgets.job_runner import JobRunner
from fieldapp.ui.shell.i18n import form_language
from fieldapp.ui.visit.camera_probe import camera_probe
from fieldapp.ui.visit.visit_form_editors import Editor, LineEditor
from fieldapp.ui.visit.visit_form_photo import DEFAULT_MAX_PIXELS, prepare_photo
from fieldapp.ui.visit.visit_form_record import HouseholdVisitRecord
from fieldapp.ui.visit.visit_form_inputs import FormInputs
from fieldapp.ui.visit.visit_form_instances import RepeatInstances, index_of
from fieldapp.ui.visit.visit_form_repeat import RepeatSection
from fieldapp.ui.visit.visit_form_rows import EditorFactory, FieldRow


class VisitFormWidget(RepeatInstances, FormInputs, QWidget):
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
        self._init_inputs()
        self.input_errors: dict[str, str] = {}
        self.show_all = False
        self._pending: dict = {}
        self.rows: dict[str, FieldRow] = {}
        self.editors: dict[str, Editor] = {}
        self.live_texts: set[str] = set()  # fields whose label or hint shows ${answers}
        self.sections: dict[str, QGroupBox] = {}
        self.keys: dict[str, tuple[str, Index]] = {}  # key -> (field or group, instance)
        self.repeats: dict[str, RepeatSection] = {}  # by section key: members, members[2]/jobs
        self.repeat_at: dict[str, tuple[str, Path]] = {}  # section key -> (repeat, outer path)
        self.order: list[str] = []
        self._build()
        for key, editor in self.editors.items():
            editor.set_value(self.state.value(*self.keys[key]))
        self._update_order()
        self.set_read_only(self.visit_state == "complete")
        self.refresh()
        self._show_saved_state()

    # ----- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel(self.record.title())
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        subtitle = QLabel(f"{self.form.title}  v{self.form.version}")
        subtitle.setStyleSheet("color: #555;")
        self.saved_label = QLabel()
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.saved_label)
        self.version_note = QLabel(
            self.tr("Filled in with form version %1; the current version is %2.")
            .replace("%1", self.visit_version).replace("%2", self.form.version))
        self.version_note.setStyleSheet("color: #8a5a00;")
        self.version_note.setVisible(self.visit_version != self.form.version)

        content = QWidget()
        self.content_layout = QVBoxLayout(content)
        self.content_layout.setContentsMargins(6, 6, 6, 6)
        self.factory = EditorFactory(self.form, self.language, self._choose_photo,
                                     lambda sha: V.thumbnail(self.store, sha),
                                     self.record.point(), self._store_signature,
                                     choose_file=self._choose_file, file_info=self._file_info,
                                     draw_on_map=self._draw_on_map, read_gps=self._read_gps,
                                     take_photo=self._take_photo, cameras=camera_probe())
        self._add_items(self.form.children, self.content_layout)
        self._add_extra_answers()
        self.content_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(content)
        self.scroll.setFocusPolicy(Qt.NoFocus)

        self.todo_button = QPushButton()
        self.todo_button.setFlat(True)
        self.todo_button.setStyleSheet("color: #c0392b; text-align: left;")
        self.todo_button.clicked.connect(self.show_problems)
        self.history_button = QPushButton(self.tr("History…"))
        self.history_button.clicked.connect(
            lambda: self.historyRequested.emit(self.household_uuid))
        self.history_button.setVisible(self.record.has_history)
        self.reopen_button = QPushButton(self.tr("Correct this visit"))
        self.reopen_button.clicked.connect(self.reopen)
        self.complete_button = QPushButton(self.tr("Complete (Ctrl+Enter)"))
        self.complete_button.setDefault(True)
        self.complete_button.clicked.connect(self.complete)
        bar = QHBoxLayout()
        bar.addWidget(self.todo_button)
        bar.addStretch(1)
        for b in (self.history_button, self.reopen_button, self.complete_button):
            b.setFocusPolicy(Qt.TabFocus)
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(subtitle)
        layout.addWidget(self.version_note)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(bar)
        for keys, slot in (("Ctrl+Return", self.complete), ("Ctrl+Enter", self.complete),
                           ("Ctrl+Shift+A", self.add_instance),
                           ("Ctrl+Shift+D", self.remove_instance)):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)

    def _add_items(self, items, layout: QVBoxLayout, index: Index = None) -> None:
        for item in items:
            if isinstance(item, Group) and item.is_repeat:
                self._add_repeat(item, layout, index)
            elif isinstance(item, Group):
                box = QGroupBox(self.form.text(item.labels, self.language) or item.name)
                box.setStyleSheet("QGroupBox { font-weight: bold; }"
                                  "QGroupBox QLabel, QGroupBox QAbstractButton "
                                  "{ font-weight: normal; }")
                inner = QVBoxLayout(box)
                key = answer_key(self.form, item.name, index)
                self.sections[key] = box
                self.keys[key] = (item.name, index)
                self._add_items(item.children, inner, index)
                layout.addWidget(box)
            else:
                self._add_field(item, layout, index)

    def _add_field(self, f: Field, layout: QVBoxLayout, index: Index = None) -> None:
        editor = self.factory.create(f)
        if editor is None:
            return
        key = answer_key(self.form, f.name, index)
        text = self.form.text(f.labels, self.language) or f.name
        row = FieldRow(text, self.form.text(f.hints, self.language), editor)
        self.rows[key] = row
        self.editors[key] = editor
        self.keys[key] = (f.name, index)
        if "${" in text or "${" in self.form.text(f.hints, self.language):
            self.live_texts.add(key)
        editor.edited.connect(lambda value, final, k=key: self._edited(k, value, final))
        editor.advance.connect(lambda k=key: self._advance(k))
        layout.addWidget(row)

    def _update_order(self) -> None:
        """The questions in the order they are asked: a repeat's instances one after another,
        then `+repeat`, its Add button."""
        self.order = []

        def walk(items, index: Index) -> None:
            for item in items:
                if isinstance(item, Group) and item.is_repeat:
                    parent = as_path(index)
                    for i in range(self.state.count(item.name, parent)):
                        walk(item.children, index_of(parent + (i,)))
                    self.order.append("+" + answer_key(self.form, item.name, index))
                elif isinstance(item, Group):
                    walk(item.children, index)
                elif item.is_input:
                    key = answer_key(self.form, item.name, index)
                    if key in self.editors:
                        self.order.append(key)
        walk(self.form.children, None)

    def _add_extra_answers(self) -> None:
        """Answers to questions the current form no longer has (older form version)."""
        extra = {k: v for k, v in self.state.answers.items()
                 if k not in self.form.fields and k not in self.form.repeats and v is not None}
        if not extra:
            return
        box = QGroupBox(self.tr("Other answers (older form version)"))
        inner = QVBoxLayout(box)
        for name, value in sorted(extra.items()):
            label = QLabel(f"{name}: {value}")
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            inner.addWidget(label)
        self.content_layout.addWidget(box)

    # ----- state -> screen -----------------------------------------------------------------
    def refresh(self) -> None:
        st = self.state
        for key, box in self.sections.items():
            box.setVisible(st.relevant(*self.keys[key]))
        self._show_sections()
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
            row.set_note(st.note(name, index))
        problems += len(self._unshown_problems())
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
                self.input_errors[key] = exc.text(form_language())  # the window's language
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
        self._drop_unsaved_attachments()
        self._show_saved_state(datetime.now().strftime("%H:%M:%S"))
        self.saved.emit(self.visit_uuid)
        return True

    def flush(self) -> bool:
        """Save what is still being typed (and anything a failed write left behind)."""
        for editor in self.editors.values():
            editor.commit()  # text being typed, a signature being drawn
        return not self._pending or self._persist({})

    def _choose_photo(self, f: Field) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a photo"), "", self.tr("Pictures (%1)").replace(
                "%1", file_filter("image", f.accept)))
        return self.store_photo(f, path) if path else None

    def store_photo(self, f: Field, path: str) -> str | None:
        """Downscale and store a picture file; returns its sha256 (None after an error)."""
        try:
            check_extension(path, "image", f.accept)  # the form's body::accept, if any
            max_px = int(f.parameters.get("max-pixels", DEFAULT_MAX_PIXELS))
            # a picture from anywhere is decoded off the GUI thread (Cancel returns at once)
            content, thumb = JobRunner(self).run(self.tr("Reading the photo…"),
                                                 lambda _progress: prepare_photo(path, max_px),
                                                 read_only=True)
            return self.put_attachment(content, "image/jpeg", thumb)
        except Cancelled:
            return None
        except Exception as exc:  # noqa: BLE001 - a bad picture is a message, not a crash
            show_error(self, exc, self.tr("Cannot use this photo"))
            return None

    # ----- navigation --------------------------------------------------------------------
    def _askable(self, key: str) -> bool:
        name, index = self.keys[key]
        return self.state.relevant(name, index) and not self.state.read_only(name, index)

    def _advance(self, key: str) -> None:
        """Enter in a question: keep what was typed first (it may add instances), then move."""
        editor = self.editors.get(key)
        if editor is not None:
            editor.commit()
        self.focus_next(key)

    def focus_next(self, after: str | None = None) -> None:
        """Move to the next question still without an answer, else to Complete. A repeat's
        Add button is a stop when leaving its last instance (Enter adds one more, Tab goes on);
        the first instance is added with Ctrl+Shift+A or Tab to Add."""
        start = self.order.index(after) + 1 if after in self.order else 0
        repeat = self._section_of(*self.keys[after]) if after in self.keys else ""
        for key in self.order[start:]:
            if key not in self.keys:  # "+repeat"
                add = self.repeats[key[1:]].add_button
                if add.isEnabled() and key[1:] == repeat:
                    add.setFocus(Qt.TabFocusReason)
                    self.scroll.ensureWidgetVisible(add, 0, 40)
                    return
            elif self._askable(key) and self.state.value(*self.keys[key]) in (None, ""):
                self.focus_field(key)
                return
        target = self.complete_button if self.complete_button.isEnabled() else self.todo_button
        target.setFocus(Qt.TabFocusReason)

    def focus_field(self, key: str) -> None:
        self.editors[key].setFocus(Qt.TabFocusReason)
        self.scroll.ensureWidgetVisible(self.rows[key], 0, 40)

    def show_problems(self) -> None:
        self.show_all = True
        self.refresh()
        for key in (k for k in self.order if k in self.keys):
            name, index = self.keys[key]
            if self.state.relevant(name, index) and (key in self.input_errors
                                                     or self.state.problem(name, index)):
                self.focus_field(key)
                return
        unshown = self._unshown_problems()
        if unshown:  # a calculation reading a file that is missing: no question to point at
            QMessageBox.warning(self, self.tr("The visit cannot be completed yet"),
                                "\n".join(sorted(set(unshown))))

    def _unshown_problems(self) -> list[str]:
        """What blocks completion without a question on screen to show it: only a calculation
        that reads an attachment not beside the form yet."""
        if not self.form.missing_files:
            return []
        return [msg for key, msg in self.state.problems().items() if key not in self.rows]

    # ----- completing --------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        return self.visit_state == "complete"

    def set_read_only(self, read_only: bool) -> None:
        for key, editor in self.editors.items():
            editor.set_read_only(read_only or self.state.read_only(*self.keys[key]))
        for skey, section in self.repeats.items():
            free = not read_only and not self._fixed(skey)
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
        self._drop_unsaved_attachments()
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

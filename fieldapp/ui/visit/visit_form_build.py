"""Building the visit form's screen (VisitFormWidget._build and the rest of its layout): title and
state, one box per group, repeat sections, a row per question, the Complete bar and shortcuts,
and the order questions are asked in."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from fieldapp.store import visits as V
from fieldapp.survey.model import Field, Group
from fieldapp.survey.runtime import answer_key

from fieldapp.ui.visit.visit_form_repeat import RepeatSection
from fieldapp.ui.visit.visit_form_rows import EditorFactory, FieldRow


def _t(text: str) -> str:
    return QCoreApplication.translate("VisitFormWidget", text)  # the widget's own context


class FormLayout:
    """The layout half of VisitFormWidget (fieldapp.ui.visit.visit_form)."""

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
            _t("Filled in with form version %1; the current version is %2.")
            .replace("%1", self.visit_version).replace("%2", self.form.version))
        self.version_note.setStyleSheet("color: #8a5a00;")
        self.version_note.setVisible(self.visit_version != self.form.version)

        content = QWidget()
        self.content_layout = QVBoxLayout(content)
        self.content_layout.setContentsMargins(6, 6, 6, 6)
        self.factory = EditorFactory(self.form, self.language, self._choose_photo,
                                     lambda sha: V.thumbnail(self.store, sha),
                                     self.record.point())
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
        self.history_button = QPushButton(_t("History…"))
        self.history_button.clicked.connect(
            lambda: self.historyRequested.emit(self.household_uuid))
        self.history_button.setVisible(self.record.has_history)
        self.reopen_button = QPushButton(_t("Correct this visit"))
        self.reopen_button.clicked.connect(self.reopen)
        self.complete_button = QPushButton(_t("Complete (Ctrl+Enter)"))
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

    def _add_items(self, items, layout: QVBoxLayout, index: int | None = None) -> None:
        for item in items:
            if isinstance(item, Group) and item.is_repeat:
                section = RepeatSection(self.form.text(item.labels, self.language) or item.name,
                                        self.form.text(item.hints, self.language))
                section.addRequested.connect(lambda r=item.name: self.add_instance(r))
                section.removeRequested.connect(lambda i, r=item.name: self.remove_instance(r, i))
                self.repeats[item.name] = section
                layout.addWidget(section)
                self._fill_repeat(item)
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

    def _fill_repeat(self, group: Group) -> None:
        """(Re)build the boxes of a repeat's instances from the answers."""
        section = self.repeats[group.name]
        for key in [k for k, (name, _) in self.keys.items() if self._repeat_of(name) == group.name]:
            if key in self.editors:  # a dying editor must not write into the next instance
                self.editors[key].blockSignals(True)
            for table in (self.rows, self.editors, self.sections, self.keys):
                table.pop(key, None)
            self.live_texts.discard(key)
            self.touched.discard(key)
            self.input_errors.pop(key, None)
        section.clear()
        for i in range(self.state.count(group.name)):
            inner = section.add_instance(i)
            self._add_items(group.children, inner, i)
            for key, (name, index) in self.keys.items():
                if index == i and key in self.editors and self._repeat_of(name) == group.name:
                    self.editors[key].set_value(self.state.value(name, i))

    def _repeat_of(self, name: str) -> str:
        item = self.form.fields.get(name) or self.form.groups.get(name)
        return item.repeat if item is not None else ""

    def _add_field(self, f: Field, layout: QVBoxLayout, index: int | None = None) -> None:
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

        def walk(items, index: int | None) -> None:
            for item in items:
                if isinstance(item, Group) and item.is_repeat:
                    for i in range(self.state.count(item.name)):
                        walk(item.children, i)
                    self.order.append("+" + item.name)
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
        box = QGroupBox(_t("Other answers (older form version)"))
        inner = QVBoxLayout(box)
        for name, value in sorted(extra.items()):
            label = QLabel(f"{name}: {value}")
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            inner.addWidget(label)
        self.content_layout.addWidget(box)

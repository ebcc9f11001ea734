"""Moving through the visit form from the keyboard (Enter to the next open question, a repeat's Add
button as a stop, to the first problem) and adding or removing repeat instances (Ctrl+Shift+A,
Ctrl+Shift+D), part of VisitFormWidget."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

from fieldapp.ui.visit.visit_form_editors import LineEditor


def _t(text: str) -> str:
    return QCoreApplication.translate("VisitFormWidget", text)  # the widget's own context


class FormNavigation:
    """The keyboard and repeat-instance half of VisitFormWidget (fieldapp.ui.visit.visit_form)."""

    def _follow_counts(self) -> None:
        """Rebuild a repeat whose number of instances changed (a repeat_count answer)."""
        for repeat, section in self.repeats.items():
            if len(section.boxes) != self.state.count(repeat):
                self._fill_repeat(self.form.groups[repeat])
                self._update_order()
                self.set_read_only(self.read_only)

    def _focused_instance(self) -> tuple[str, int | None] | None:
        """The repeat (and instance) holding the focus, else the first visible repeat."""
        focus = self.focusWidget()
        for repeat, section in self.repeats.items():
            if focus is not None and section.isAncestorOf(focus):
                return repeat, section.index_of(focus)
        visible = [r for r, s in self.repeats.items() if self.state.relevant(r)]
        return (visible[0], None) if visible else None

    def add_instance(self, repeat: str | None = None) -> None:
        """Add an instance to `repeat` (by default the one holding the focus) and go to its
        first question."""
        if repeat is None:
            where = self._focused_instance()
            repeat = where[0] if where else None
        if repeat is None or self.read_only or self.state.fixed_count(repeat) is not None:
            return
        self._persist(self.state.add_instance(repeat))
        self._fill_repeat(self.form.groups[repeat])
        self._update_order()
        self.set_read_only(False)
        self.refresh()
        index = self.state.count(repeat) - 1
        first = next((k for k in self.order if k in self.keys and self.keys[k][1] == index
                      and self._repeat_of(self.keys[k][0]) == repeat and self._askable(k)), None)
        if first is not None:
            self.focus_field(first)

    def remove_instance(self, repeat: str | None = None, index: int | None = None) -> None:
        """Remove an instance (by default the one holding the focus)."""
        if repeat is None:
            where = self._focused_instance()
            repeat, index = where if where else (None, None)
        if repeat is None or index is None or self.read_only \
                or self.state.fixed_count(repeat) is not None or not self._confirm_remove(
                    repeat, index):
            return
        self._persist(self.state.remove_instance(repeat, index))
        self._fill_repeat(self.form.groups[repeat])
        self._update_order()
        self.set_read_only(False)
        self.refresh()
        section = self.repeats[repeat]
        target = section.boxes[min(index, len(section.boxes) - 1)] if section.boxes else None
        (target or section.add_button).setFocus(Qt.TabFocusReason)

    def _confirm_remove(self, repeat: str, index: int) -> bool:
        """Ask before removing an instance that holds answers (Enter confirms)."""
        answers = [v for v in (self.state.answers.get(repeat) or [{}])[index].values()
                   if v not in (None, "")]
        if not answers:
            return True
        title = self.repeats[repeat].title_text
        text = _t("Remove %1 %2 (%3)?").replace("%1", title).replace(
            "%2", str(index + 1)).replace("%3", str(answers[0]))
        return QMessageBox.question(self, _t("Remove"), text,
                                    QMessageBox.Yes | QMessageBox.No,
                                    QMessageBox.Yes) == QMessageBox.Yes

    def _askable(self, key: str) -> bool:
        name, index = self.keys[key]
        return self.state.relevant(name, index) and not self.state.read_only(name, index)

    def _advance(self, key: str) -> None:
        """Enter in a question: keep what was typed first (it may add instances), then move."""
        editor = self.editors.get(key)
        if isinstance(editor, LineEditor):
            editor.commit()
        self.focus_next(key)

    def focus_next(self, after: str | None = None) -> None:
        """Move to the next question still without an answer, else to Complete. A repeat's
        Add button is a stop when leaving its last instance (Enter adds one more, Tab goes on);
        the first instance is added with Ctrl+Shift+A or Tab to Add."""
        start = self.order.index(after) + 1 if after in self.order else 0
        repeat = self._repeat_of(self.keys[after][0]) if after in self.keys else ""
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

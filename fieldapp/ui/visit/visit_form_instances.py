"""Repeat groups of the visit form, repeats inside repeats included: one RepeatSection per repeat
and instance of its enclosing repeats, named by its section key (`members`, or
`members[2]/jobs` for the jobs of the second member), its boxes rebuilt from the answers when
instances are added, removed or counted by repeat_count. Mixed into VisitFormWidget."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QVBoxLayout

from fieldapp.survey.instances import Index, Path, as_path, instance
from fieldapp.survey.model import Group
from fieldapp.survey.runtime import answer_key
from fieldapp.ui.visit.visit_form_repeat import RepeatSection


def _t(text: str) -> str:  # the texts of VisitFormWidget, which this is part of
    return QCoreApplication.translate("VisitFormWidget", text)


def index_of(path: Path) -> Index:
    """How keys hold an instance: None outside repeats, an int in one repeat, else the path."""
    return None if not path else path[0] if len(path) == 1 else path


class RepeatInstances:
    """Needs form, state, keys, editors, rows, sections, live_texts, touched, input_errors,
    repeats, repeat_at and the widget's own _add_items, _update_order, refresh, _persist."""

    def _add_repeat(self, item: Group, layout: QVBoxLayout, index: Index) -> None:
        skey = answer_key(self.form, item.name, index)
        section = RepeatSection(self.form.text(item.labels, self.language) or item.name,
                                self.form.text(item.hints, self.language))
        section.addRequested.connect(lambda s=skey: self.add_instance(s))
        section.removeRequested.connect(lambda i, s=skey: self.remove_instance(s, i))
        self.repeats[skey] = section
        self.repeat_at[skey] = (item.name, as_path(index))
        layout.addWidget(section)
        self._fill_repeat(skey)

    def _inside(self, name: str, index: Index, repeat: str, parent: Path) -> bool:
        """Field/group `name` at `index` is in an instance of `repeat` under `parent`."""
        return repeat in self.form.repeat_chain(name) and as_path(index)[:len(parent)] == parent

    def _fill_repeat(self, skey: str) -> None:
        """(Re)build the boxes of one repeat section from the answers."""
        name, parent = self.repeat_at[skey]
        for key in [k for k, (n, i) in self.keys.items() if self._inside(n, i, name, parent)]:
            if key in self.editors:  # a dying editor must not write into the next instance
                self.editors[key].blockSignals(True)
            for table in (self.rows, self.editors, self.sections, self.keys):
                table.pop(key, None)
            self.live_texts.discard(key)
            self.touched.discard(key)
            self.input_errors.pop(key, None)
        for inner in [s for s, (n, p) in self.repeat_at.items()
                      if s != skey and self._inside(n, index_of(p), name, parent)]:
            self.repeats.pop(inner)  # its widgets go with the boxes cleared below
            self.repeat_at.pop(inner)
        section = self.repeats[skey]
        section.clear()
        group = self.form.groups[name]
        for i in range(self.state.count(name, parent)):
            self._add_items(group.children, section.add_instance(i), index_of(parent + (i,)))
        for key, (n, index) in self.keys.items():
            if key in self.editors and self._inside(n, index, name, parent):
                self.editors[key].set_value(self.state.value(n, index))

    def _section_of(self, name: str, index: Index) -> str:
        """The section key of the innermost repeat holding a question ("" outside repeats)."""
        chain = self.form.repeat_chain(name)
        if not chain:
            return ""
        return answer_key(self.form, chain[-1], index_of(as_path(index)[:len(chain) - 1]))

    def _follow_counts(self) -> None:
        """Rebuild the sections whose number of instances changed (a repeat_count answer)."""
        rebuilt = False
        for skey in list(self.repeats):
            if skey not in self.repeats:  # went with an outer section rebuilt just now
                continue
            name, parent = self.repeat_at[skey]
            if len(self.repeats[skey].boxes) != self.state.count(name, parent):
                self._fill_repeat(skey)
                rebuilt = True
        if rebuilt:
            self._update_order()
            self.set_read_only(self.read_only)

    def _focused_instance(self) -> tuple[str, int | None] | None:
        """The innermost section (and its instance) holding the focus, else the first visible
        section."""
        focus = self.focusWidget()
        holding = [s for s, section in self.repeats.items()
                   if focus is not None and section.isAncestorOf(focus)]
        if holding:
            skey = max(holding, key=lambda s: len(self.repeat_at[s][1]))
            return skey, self.repeats[skey].index_of(focus)
        visible = [s for s, (n, p) in self.repeat_at.items() if self.state.relevant(n, p)]
        return (visible[0], None) if visible else None

    def _fixed(self, skey: str) -> bool:
        name, parent = self.repeat_at[skey]
        return self.state.fixed_count(name, parent) is not None

    def add_instance(self, skey: str | None = None) -> None:
        """Add an instance to a section (by default the one holding the focus) and go to its
        first question."""
        if skey is None:
            where = self._focused_instance()
            skey = where[0] if where else None
        if skey is None or skey not in self.repeats or self.read_only or self._fixed(skey):
            return
        name, parent = self.repeat_at[skey]
        self._persist(self.state.add_instance(name, parent))
        self._fill_repeat(skey)
        self._update_order()
        self.set_read_only(False)
        self.refresh()
        path = parent + (self.state.count(name, parent) - 1,)
        first = next((k for k in self.order if k in self.keys
                      and self._inside(self.keys[k][0], self.keys[k][1], name, path)
                      and self._askable(k)), None)
        if first is not None:
            self.focus_field(first)

    def remove_instance(self, skey: str | None = None, index: int | None = None) -> None:
        """Remove an instance (by default the one holding the focus)."""
        if skey is None:
            where = self._focused_instance()
            skey, index = where if where else (None, None)
        if skey is None or index is None or skey not in self.repeats or self.read_only \
                or self._fixed(skey) or not self._confirm_remove(skey, index):
            return
        name, parent = self.repeat_at[skey]
        self._persist(self.state.remove_instance(name, parent + (index,)))
        self._fill_repeat(skey)
        self._update_order()
        self.set_read_only(False)
        self.refresh()
        section = self.repeats[skey]
        target = section.boxes[min(index, len(section.boxes) - 1)] if section.boxes else None
        (target or section.add_button).setFocus(Qt.TabFocusReason)

    def _confirm_remove(self, skey: str, index: int) -> bool:
        """Ask before removing an instance that holds answers (Enter confirms)."""
        name, parent = self.repeat_at[skey]
        inst = instance(self.state.answers, self.form, name, parent + (index,)) or {}
        answers = [v for v in inst.values() if v not in (None, "") and not isinstance(v, list)]
        if not answers and not any(isinstance(v, list) and v for v in inst.values()):
            return True
        title = self.repeats[skey].title_text
        shown = str(answers[0]) if answers else "…"
        text = _t("Remove %1 %2 (%3)?").replace("%1", title).replace(
            "%2", str(index + 1)).replace("%3", shown)
        return QMessageBox.question(self, _t("Remove"), text,
                                    QMessageBox.Yes | QMessageBox.No,
                                    QMessageBox.Yes) == QMessageBox.Yes

    def _show_sections(self) -> None:
        """Each section shown when its repeat applies there, each box when its instance does."""
        for skey, section in self.repeats.items():
            name, parent = self.repeat_at[skey]
            section.setVisible(self.state.relevant(name, parent))
            for i, box in enumerate(section.boxes):
                box.setVisible(self.state.relevant(name, parent + (i,)))

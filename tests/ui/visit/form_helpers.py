"""Helpers of the visit form tests: open the form on a household (`open_form`), find a button by
its text, and drive a dialog the form opens with exec(): `when_shown(Cls, action)` runs
action(dialog) once a visible Cls appears (the form's button is clicked after this is set up)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def when_shown(cls, action, tries: int = 200) -> list:
    """The dialogs handled are appended to the returned list (empty: it never appeared)."""
    seen: list = []

    def poll(left: int) -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, cls) and w.isVisible():
                seen.append(w)
                action(w)
                return
        if left:
            QTimer.singleShot(25, lambda: poll(left - 1))

    QTimer.singleShot(0, lambda: poll(tries))
    return seen


def button(widget, text: str):
    from PySide6.QtWidgets import QPushButton

    found = [b for b in widget.findChildren(QPushButton) if b.text() == text]
    assert found, f"no button {text!r}"
    return found[0]


def open_form(qtbot, store, household, form, visit_uuid=None):
    """The visit form of a household, shown (Chinese form labels)."""
    from fieldapp.ui.visit.visit_form import VisitFormWidget

    w = VisitFormWidget(store, household, form, visit_uuid=visit_uuid, language="zh")
    qtbot.addWidget(w)
    w.show()
    return w

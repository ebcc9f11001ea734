"""File → Open without the window waiting on the file: the database is checked (and an older one
upgraded) by a read-only job on a worker thread behind a progress dialog with Cancel, shown only
if the check takes longer than a moment, so opening a sound database — the first one at start-up
too — looks as before. Cancel returns at once; the check ends on its own thread, unseen."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QWidget

from fieldapp.core.progress import Cancelled
from fieldapp.jobs import open_database as opening
from fieldapp.ui.widgets.job_runner import JobRunner

SHOW_AFTER_MS = 300  # a sound database is checked well within this: no dialog flashes up


def checked_off_gui(parent: QWidget, path: str | os.PathLike, text: str) -> bool:
    """Check the database at `path` off the GUI thread. False when the user cancelled; what the
    check raised (not a database, damaged, newer, locked…) is raised here, on the GUI thread."""
    try:
        JobRunner(parent).run(f"{text}\n{os.fspath(path)}",
                              lambda _progress: opening.check_database(path),
                              read_only=True, show_after_ms=SHOW_AFTER_MS)
    except Cancelled:
        return False
    return True

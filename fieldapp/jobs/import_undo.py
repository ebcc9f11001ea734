"""Undoing a register or paper-visit import as one job, shared by `fieldapp imports --undo` and
File → Import history… (and the import wizard's last page): a dry run says what the undo would do;
the undo itself backs up first (jobs.policies) and runs in one change-logged transaction
(fieldapp.store.register_imports.import_log). Progress: callback(done, total) -> False cancels,
nothing changed."""

from __future__ import annotations

from fieldapp.core.progress import Progress
from fieldapp.store import Store
from fieldapp.store.register_imports import import_log
from fieldapp.store.register_imports.import_log import UndoPlan

from .policies import OnBackupFailure, backup_before_change


def undo_import(store: Store, import_id: int, *, user: str | None = None, dry_run: bool = False,
                progress: Progress | None = None,
                on_backup_failure: OnBackupFailure = None) -> UndoPlan:
    """Undo import `import_id` (records it added are deleted, fields it changed get their old
    values back; anything changed since stays and is listed in `kept`); with dry_run only what
    it would do."""
    if dry_run:
        return import_log.plan_undo(store, import_id)
    backup_before_change(store.path, "undo_import", on_failure=on_backup_failure)
    return import_log.undo_import(store, import_id, user, progress=progress)

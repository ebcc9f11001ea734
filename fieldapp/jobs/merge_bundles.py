"""Merging sync bundles as one job, shared by `fieldapp bundle merge` and Sync → Merge bundles…:
unlock this database's keys, back up before a merge (jobs.policies), then merge each file in its
own transaction (fieldapp.sync.merge). Progress: callback(done, total) -> False cancels the bundle
being merged (earlier ones stay merged)."""

from __future__ import annotations

import os
from collections.abc import Iterable

from fieldapp.core.progress import Progress, keep_going
from fieldapp.store import Store
from fieldapp.sync import identity
from fieldapp.sync.keys import KeyPair
from fieldapp.sync.merge import MergeResult, merge_files, preview_files

from .policies import OnBackupFailure, backup_before_change


def _unlock(store: Store, passphrase: str, progress: Progress) -> KeyPair:
    progress(0, 0)  # unlocking takes a moment: the progress shows "busy"
    return identity.unlock(store, passphrase)


def preview_bundles(store: Store, files: Iterable[str | os.PathLike], passphrase: str, *,
                    code: str | None = None, progress: Progress | None = None) -> MergeResult:
    """What merging these files would do, per village; nothing is written."""
    progress = progress or keep_going
    keys = _unlock(store, passphrase, progress)
    return preview_files(store, files, keys, code=code, progress=progress)


def merge_bundles(store: Store, files: Iterable[str | os.PathLike], passphrase: str, *,
                  code: str | None = None, dry_run: bool = False, user: str | None = None,
                  progress: Progress | None = None,
                  on_backup_failure: OnBackupFailure = None) -> MergeResult:
    """Merge the bundle files into the database (a dry run only reports); a rejected file is
    reported in the result and skipped."""
    progress = progress or keep_going
    keys = _unlock(store, passphrase, progress)
    if not dry_run:
        backup_before_change(store.path, "merge", on_failure=on_backup_failure)
    return merge_files(store, files, keys, user=user, code=code, dry_run=dry_run,
                       progress=progress)

"""Fuzz fixtures. The bundle fuzzing reuses the sync tests' field set-up
(tests/sync/sync_helpers.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "sync"))

from sync_helpers import county_template  # noqa: F401

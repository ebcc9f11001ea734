"""Long jobs shared by the command line and the app: each takes its inputs, a Progress and a
cancel token and returns a result object (see docs/architecture.md).

The one Progress protocol and the one Cancelled exception live in fieldapp.core.progress (so that
every layer below can take a Progress) and are re-exported here for the callers above.
"""

from fieldapp.core.progress import Cancelled, Progress, keep_going

__all__ = ["Cancelled", "Progress", "keep_going"]

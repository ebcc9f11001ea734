"""Pause Python's cyclic garbage collector while a big job builds many objects.

A 100,000-row register import allocates millions of tuples, dicts and strings that live until the
job ends; every few thousand of them the collector walks all live objects again, which costs
about a fifth of the import. Those objects hold no reference cycles (reference counting frees
them), so the job runs with the collector paused and turns it back on when it ends, however it
ends. Nested or concurrent pauses (two jobs on two threads) restore it only when the last ends. A bundle merge pauses it too (a bundle's changes and the
rows planned from them: about a quarter of a merge's CPU).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic collector off for the `with` block (as it was before, once no pause is left)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()

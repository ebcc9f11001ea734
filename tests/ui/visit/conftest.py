"""Fixtures of the visit form tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def household(demo_store):
    """A household of the demo county nobody has visited yet."""
    return demo_store.conn.execute(
        "SELECT uuid FROM households WHERE status = 'not_visited' ORDER BY uuid LIMIT 1"
    ).fetchone()[0]

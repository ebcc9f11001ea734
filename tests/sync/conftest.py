"""Sync fixtures (see sync_helpers.py)."""

from sync_helpers import county_template, field_setup  # noqa: F401

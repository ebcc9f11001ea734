"""Errors of the roll-up. Messages never carry the connection string (it may hold a password)."""

from __future__ import annotations

from fieldapp.core.errors import FieldappError


class RollupError(FieldappError):
    code = "rollup"


class Cancelled(RollupError):
    code = "cancelled"

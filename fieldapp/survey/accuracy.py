"""The GPS accuracy a form asks of a geopoint (capture-accuracy / warning-accuracy) against an
answer that was typed, pasted or placed on the map: such a point has no measured accuracy
(none, or 0 as ODK Collect stores a placed point). A note for the surveyor, never blocking."""

from __future__ import annotations

from typing import Any

from fieldapp.core.messages import ErrorCode, Said
from fieldapp.core.errors import BadValue
from fieldapp.core.validation import parse_geopoint

from .model import Field


def accuracy_note(f: Field, value: Any) -> Said | None:
    """Unknown accuracy where the form asks for one, or a measured one worse than its warning
    accuracy; None otherwise (also for an answer that is no position: that is a problem)."""
    limit = f.capture_accuracy if f.capture_accuracy is not None else f.warning_accuracy
    if f.type != "geopoint" or limit is None or value in (None, ""):
        return None
    try:
        acc = parse_geopoint(str(value))[3]
    except BadValue:
        return None
    if not acc:
        return Said(ErrorCode.FORM_NOTE_ACCURACY_UNKNOWN, limit=f"{limit:g}")
    if f.warning_accuracy is not None and acc > f.warning_accuracy:
        return Said(ErrorCode.FORM_NOTE_ACCURACY_POOR, accuracy=f"{acc:g}",
                    limit=f"{f.warning_accuracy:g}")
    return None

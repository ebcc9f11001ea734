"""The error catalogue, chapter cli: the command line's own messages (fieldapp.cli).  Entries become members of ErrorCode."""

from __future__ import annotations

from .message_template import Template as T


class CliMessages:
    pass

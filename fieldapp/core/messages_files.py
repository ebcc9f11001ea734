"""The error catalogue, chapter files: files read: geo files, tables, forms, answers, photos (fieldapp.geo, tabular, survey).  Entries become members of ErrorCode."""

from __future__ import annotations

from .message_template import Template as T


class FileMessages:
    pass

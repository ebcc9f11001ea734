"""What a person sees as one conflict. The merge records a conflict per stored field, but some
fields only mean something together: a household's position is latitude and longitude (moved on
the map: one edit of one thing), and a visit's answers are one verdict on the household. A topic
groups the fields of one record that are one conflict for the county to resolve."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

LOCATION = "location"  # households.lat + lon (+ outside_confirmed_m)
ANSWERS = "answers"  # every answers.<key> of one visit
VERDICT = "verdict"  # two visits of one household (different devices) that disagree

_TOPICS = {("households", "lat"): LOCATION, ("households", "lon"): LOCATION,
           ("households", "outside_confirmed_m"): LOCATION}
TOPIC_LABELS_ZH = {LOCATION: "位置（纬度、经度）", ANSWERS: "走访答案", VERDICT: "走访结论"}


def topic(tbl: str, field: str) -> str:
    """The conflict a field's conflict belongs to (the field itself when it stands alone)."""
    if tbl == "visits" and field.startswith("answers."):
        return ANSWERS
    return _TOPICS.get((tbl, field), field)


def count_topics(rows: Iterable[Mapping[str, Any]]) -> int:
    """How many conflicts (record and topic) the per-field conflict rows make."""
    return len({(r["tbl"], r["record_uuid"], topic(r["tbl"], r["field"])) for r in rows})

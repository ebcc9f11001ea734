"""The household member roster (不落一人) of the household checklist: the repeat `members` of
forms/huhutong_household.xlsx, one dict per person.

A person counts for the programme when the roster lists them as living in the household
(`lives_here` not "no"). People covered / not covered are the persons of households whose status
is covered / not covered, from each household's latest complete visit.

Every surface counts persons the same way (`info`, `reconcile`, the dashboard, the map, the
sheets, the reports): the derived column households.persons, kept next to the status wherever
the status is derived (store.households.status, the bulk load in store.sync_log.changes, the
merge in store.sync_log.merge_writes; checked by store.check), summed by
fieldapp.core.reconcile.Figures.tally.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ROSTER = "members"
LIVES_HERE = "lives_here"
NOT_HERE = "no"


def persons(answers: Mapping[str, Any] | None) -> int:
    """How many people of the household the roster counts (0 when there is no roster)."""
    if not isinstance(answers, Mapping):
        return 0
    members = answers.get(ROSTER)
    if not isinstance(members, list):
        return 0
    return sum(1 for m in members if isinstance(m, dict) and m.get(LIVES_HERE) != NOT_HERE)

"""The household member roster (不落一人) of the household checklist: the repeat `members` of
forms/huhutong_household.xlsx, one dict per person.

A person counts for the programme when the roster lists them as living in the household
(`lives_here` not "no"). People covered / not covered are the persons of households whose status
is covered / not covered, from each household's latest complete visit. The SQL that counts them
for reports (fieldapp.store.reports.answer_counts.person_counts) applies this same rule.

Not yet counted by `info` / `reconcile` / the dashboard (DESIGN: "plus persons"): those read
households.status through reconciliation_counts.status_counts and core.reconcile.Figures, and
querying the latest visit of every household there would slow every refresh. The clean way is a
derived column households.persons set next to status wherever status is derived
(store/households/status.py _latest, store/sync_log/changes.py bulk notes, sync_log/merge_writes.py,
store/check.py), a migration filling it, then sum(persons) in status_counts and Figures.tally.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ROSTER = "members"
LIVES_HERE = "lives_here"
NOT_HERE = "no"


def persons(answers: Mapping[str, Any] | None) -> int:
    """How many people of the household the roster counts (0 when there is no roster)."""
    members = (answers or {}).get(ROSTER)
    if not isinstance(members, list):
        return 0
    return sum(1 for m in members if isinstance(m, dict) and m.get(LIVES_HERE) != NOT_HERE)

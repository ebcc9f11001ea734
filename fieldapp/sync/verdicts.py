"""Verdict conflicts: two laptops visit the same household without knowing of each other's visit
and disagree (covered / not covered, or not covered for another reason). Each visit is its own
record, so no field conflicts; instead the county merge records ONE conflict for the household
(field "verdict", ours = the visit the county had, theirs = the bundle's), both visits stay, and
the household keeps the later visit's status until the county picks one (`conflicts --resolve`),
after which the chosen visit decides (store.households.status.apply_verdicts).

A laptop knew of the county's visit when the bundle says it had merged it (manifest "seen":
{device: counter}, what the laptop had merged when it exported) and its own visit was made after
it (a later HLC). A bundle without "seen" (older version) knew of nothing.
"""

from __future__ import annotations

import json
from typing import Any

from fieldapp.core.conflict_topics import VERDICT
from fieldapp.core.status import derive_status
from fieldapp.store import conflicts as sync_conflicts

from .plan import Plan


def _when(v: dict[str, Any]) -> tuple[str, str]:
    return (v.get("ended_at") or v.get("started_at") or "", v["hlc"])


def _incoming(plan: Plan, device: str) -> dict[str, dict[str, Any]]:
    """The bundle's latest complete visit of each household it visits."""
    out: dict[str, dict[str, Any]] = {}
    for v in plan.inserts.get("visits", []):
        if v["state"] != "complete" or v["deleted"] or v["device_id"] != device:
            continue
        h = v["household_uuid"]
        if h not in out or _when(v) > _when(out[h]):
            out[h] = v
    return out


def _side(visit: str, version: str, answers: Any, surveyor: str | None, at: str | None,
          rule) -> dict[str, Any]:
    st = derive_status(answers or None, rule)
    return {"visit": visit, "status": st.status, "reason": st.reason, "surveyor": surveyor or "",
            "at": at, "device": version.rpartition(":")[0]}


def seen_of(manifest: dict[str, Any]) -> dict[str, int] | None:
    """The bundle's "seen" counters, None when it has none (a bundle is untrusted input: any
    entry that is not a device and a whole number is left out)."""
    raw = manifest.get("seen")
    if not isinstance(raw, dict):
        return None
    return {str(k): v for k, v in raw.items() if isinstance(v, int) and not isinstance(v, bool)}


def _knew(seen: dict[str, int] | None, local: dict[str, Any], hlc: str) -> bool:
    device, _, counter = (local["version"] or "").rpartition(":")
    if seen is None or not counter.isdigit():
        return False
    return seen.get(device, 0) >= int(counter) and hlc > local["hlc"]


def verdict_conflicts(store, plan: Plan, device: str, seen: dict[str, int] | None,
                      rule) -> list[dict[str, Any]]:
    """The verdict conflicts a bundle of `device` brings (added to the plan's new conflicts by
    the caller, so they are written and counted with the others)."""
    incoming = _incoming(plan, device)
    if not incoming:
        return []
    villages = {r["uuid"]: r["village_code"] for r in plan.inserts.get("households", [])}
    # a household this plan inserts has no visit here yet: only the others are looked up
    asked = [h for h in incoming if h not in villages]
    local = sync_conflicts.latest_visits(store, asked) if asked else {}
    out = []
    for h, v in incoming.items():
        mine = local.get(h)
        if mine is None or mine["version"].rpartition(":")[0] == device or _knew(
                seen, mine, v["hlc"]):
            continue
        answers = plan.answers.get(v["uuid"]) or json.loads(v["answers"] or "{}")
        ours = _side(mine["uuid"], mine["version"], json.loads(mine["answers"] or "{}"),
                     mine["surveyor"], mine["at"], rule)
        theirs = _side(v["uuid"], f"{device}:{v['counter']}", answers, v.get("surveyor"),
                       v.get("ended_at") or v.get("started_at"), rule)
        if (ours["status"], ours["reason"]) == (theirs["status"], theirs["reason"]):
            continue
        out.append({"tbl": "households", "record_uuid": h, "field": VERDICT,
                    "loser_version": f"{device}:{v['counter']}", "theirs": theirs,
                    "theirs_device": device, "base_version": None, "base": None,
                    "ours": ours, "ours_version": mine["version"],
                    "ours_device": ours["device"],
                    "village_code": villages.get(h) or sync_conflicts.village_of(store, h)})
    return out

"""Synthetic household visits whose answers follow the household checklist
(forms/huhutong_household.xlsx), spread over the statuses the programme reports."""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import lru_cache

from .draw import Weighted, choice, randint
from .names import head_name

FORM_ID = "huhutong_household"
FORM_VERSION = "2026120601"

# outcome: weight
OUTCOMES = {
    "covered": 78.0,
    "not_covered": 7.0,
    "not_visited": 8.0,
    "nobody_home": 2.5,
    "vacant": 3.0,
    "refused": 0.8,
    "moved": 0.7,
}
_MODES = {"cable": 34, "iptv": 41, "dbs": 15, "dtmb": 10}
_OPERATOR = {"cable": "cable_co", "dbs": "none", "dtmb": "none"}
_REASONS = {"no_tv": 25, "signal": 30, "awaiting_install": 25, "cannot_afford": 10,
            "refuses": 5, "other": 5}
SURVEYORS = ("李建华", "王海燕", "张志强", "刘秀英", "陈晓东", "杨文明")


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _picker(weights: dict[str, float]) -> Weighted:
    """What _pick(rng, weights) draws, with the table prepared once."""
    return Weighted(list(weights), list(weights.values()))


_OUTCOME = _picker(OUTCOMES)
_MODE = _picker(_MODES)
_REASON = _picker(_REASONS)
_TV_SETS_COVERED = Weighted((1, 2, 3), (60, 32, 8))
_SATISFACTION = Weighted(("satisfied", "basic", "unsatisfied"), (80, 16, 4))
_RESULT = {"covered": "met", "not_covered": "met", "nobody_home": "nobody_home",
           "vacant": "vacant", "refused": "refused", "moved": "moved_out"}


@lru_cache(maxsize=8)
def _days(year: int) -> tuple[str, ...]:
    first = date(year, 3, 1)
    return tuple((first + timedelta(days=d)).isoformat() for d in range(261))


def synthetic_visit(rng: random.Random, household_uuid: str, year: int,
                    roster: random.Random | None = None) -> dict | None:
    """A visit to the household drawn from `rng`; the member roster of a met household from
    `roster` (the demo county: one generator a village), else from the household's own seed."""
    outcome = _OUTCOME(rng)
    if outcome == "not_visited":
        return None
    # Between 1 March 08:00 and 18:00 on one of 261 days; ends 3 to 15 minutes later, the same
    # day (as text: what datetime.isoformat(timespec="seconds") gives, built without datetimes).
    day = _days(year)[randint(rng, 0, 260)]
    begin = 480 + randint(rng, 0, 600)
    finish = begin + randint(rng, 3, 15)
    answers: dict = {"visit_result": _RESULT[outcome]}
    if outcome in ("covered", "not_covered"):
        answers.update(_met_answers(rng, covered=outcome == "covered"))
        answers["members"] = members(random.Random(household_uuid) if roster is None
                                     else roster, year)
    return {
        "household_uuid": household_uuid, "form_id": FORM_ID, "form_version": FORM_VERSION,
        "answers": answers, "state": "complete", "surveyor": choice(rng, SURVEYORS),
        "device": "demo", "started_at": f"{day}T{begin // 60:02d}:{begin % 60:02d}:00",
        "ended_at": f"{day}T{finish // 60:02d}:{finish % 60:02d}:00",
    }


_SIZE = Weighted((1, 2, 3, 4, 5, 6), (12, 30, 24, 19, 10, 5))
_CHILD_RELATIONS = Weighted(("child", "grandchild", "parent", "child_in_law", "sibling", "other"),
                            (60, 14, 12, 8, 4, 2))


def members(rng: random.Random, year: int) -> list[dict]:
    """The member roster of a met household, drawn from a generator of its own (not the visit's),
    so the answers and statuses of every other demo visit stay what they were before the
    roster."""
    n = _SIZE(rng)
    head_year = randint(rng, 1945, 1995)
    out = [{"member_name": head_name(rng), "relation": "head", "sex": "m" if rng.random() < 0.8
            else "f", "birth_year": head_year, "lives_here": "yes"}]
    surname = out[0]["member_name"][0]
    for i in range(1, n):
        relation = "spouse" if i == 1 and rng.random() < 0.85 else _CHILD_RELATIONS(rng)
        born = head_year + (randint(rng, -4, 4) if relation in ("spouse", "sibling") else
                            randint(rng, 20, 35) if relation == "child" else
                            randint(rng, 40, 60) if relation == "grandchild" else
                            -randint(rng, 20, 30) if relation == "parent" else
                            randint(rng, 18, 35))
        name = head_name(rng)
        out.append({"member_name": name if relation in ("spouse", "child_in_law", "other")
                    else surname + name[1:], "relation": relation,
                    "sex": "m" if rng.random() < 0.5 else "f",
                    "birth_year": max(1920, min(year, born)),
                    "lives_here": "yes" if rng.random() < 0.85 else "no"})
    return out


def _met_answers(rng: random.Random, covered: bool) -> dict:
    a: dict = {}
    if covered:
        mode = _MODE(rng)
        a["reception_mode"] = mode
        a["works_now"] = "yes"
        a["channels"] = "cctv provincial county" if rng.random() < 0.93 else "cctv provincial"
        a["tv_sets"] = _TV_SETS_COVERED(rng)
        a["operator"] = _OPERATOR.get(mode) or choice(rng, ("telecom", "unicom", "mobile"))
    else:
        reason = _REASON(rng)
        a["reception_mode"] = "none" if reason in ("no_tv", "awaiting_install", "cannot_afford",
                                                   "refuses") else choice(rng, ("dbs", "cable"))
        a["works_now"] = "no"
        a["tv_sets"] = 0 if reason == "no_tv" else 1
        a["not_covered_reason"] = reason
        a["followup_needed"] = "yes" if reason != "refuses" else "no"
    a["broadband"] = "yes" if rng.random() < 0.62 else "no"
    paid = rng.random() < 0.12
    a["paid_cable_subscriber"] = "yes" if paid else "no"
    if paid:
        a["handed_over"] = "yes" if rng.random() < 0.7 else "no"
    charged = rng.random() < 0.006
    a["illegal_charge"] = "yes" if charged else "no"
    if charged:
        a["charge_amount"] = choice(rng, (50, 100, 120, 200))
        a["charged_by"] = choice(rng, ("安装人员", "村代办点", "不明人员"))
    a["eb_terminal"] = "yes" if rng.random() < 0.8 else "no"
    if a["eb_terminal"] == "yes":
        a["eb_working"] = "yes" if rng.random() < 0.92 else "no"
    a["satisfaction"] = _SATISFACTION(rng)
    a["head_confirmed"] = "OK"
    return a

"""Counts for the coverage report that come from the answers of each household's latest complete
visit: paid cable subscribers and their hand-over, illegal-charge findings. The reconciliation
(fieldapp.store.reports.reconciliation_counts), gaps and spot checks have their own modules."""

from __future__ import annotations

import json
from typing import Any

from fieldapp.store.reports.reconciliation_counts import _filter

_LATEST = (
    "JOIN visits v ON v.uuid = (SELECT uuid FROM visits WHERE household_uuid = h.uuid"
    " AND state = 'complete' AND deleted = 0"
    " ORDER BY coalesce(ended_at, started_at) DESC, hlc DESC LIMIT 1)"
)


def _where(code: str) -> tuple[str, tuple]:
    where, args = _filter(code)
    return "h.deleted = 0 AND h.merged_into IS NULL AND h." + where, args


def answer_counts(store, code: str) -> dict[str, dict[str, int]]:
    """Per village: paid cable subscribers, of them handed over / not yet, illegal charges."""
    where, args = _where(code)
    cur = store.conn.execute(
        "SELECT h.village_code,"
        " sum(json_extract(v.answers, '$.paid_cable_subscriber') = 'yes'),"
        " sum(json_extract(v.answers, '$.paid_cable_subscriber') = 'yes'"
        "     AND json_extract(v.answers, '$.handed_over') = 'yes'),"
        " sum(json_extract(v.answers, '$.paid_cable_subscriber') = 'yes'"
        "     AND json_extract(v.answers, '$.handed_over') = 'no'),"
        " sum(json_extract(v.answers, '$.illegal_charge') = 'yes')"
        f" FROM households h {_LATEST} WHERE {where} GROUP BY h.village_code", args)
    return {v: {"paid": p or 0, "handed_over": ho or 0, "not_handed_over": nh or 0,
                "illegal_charges": ic or 0} for v, p, ho, nh, ic in cur}


def illegal_charges(store, code: str) -> list[dict[str, Any]]:
    """Households whose latest visit found an illegal charge, with what the visit recorded."""
    where, args = _where(code)
    cur = store.conn.execute(
        "SELECT h.uuid, h.village_code, a.name, h.group_no, h.head_name, h.id_masked, h.phone,"
        " v.answers, v.surveyor, coalesce(v.ended_at, v.started_at)"
        f" FROM households h {_LATEST} JOIN areas a ON a.code = h.village_code"
        f" WHERE {where} AND json_extract(v.answers, '$.illegal_charge') = 'yes'"
        " ORDER BY h.village_code, CAST(h.group_no AS INTEGER), h.head_name", args)
    out = []
    for uuid, village, vname, group, head, idm, phone, answers, surveyor, at in cur:
        a = json.loads(answers or "{}")
        out.append({"uuid": uuid, "village_code": village, "village_name": vname, "group_no": group,
                        "head_name": head, "id_masked": idm, "phone": phone,
                        "amount": a.get("charge_amount"), "charged_by": a.get("charged_by") or "",
                        "surveyor": surveyor or "", "visited_at": (at or "")[:10]})
    return out


def work_order_counts(store, code: str) -> list[tuple[str, str, str, int]]:
    """(village_code, kind, state, orders) of every work order of the area."""
    where, args = _where(code)
    return store.conn.execute(
        "SELECT h.village_code, o.kind, o.state, count(*) FROM work_orders o"
        f" JOIN households h ON h.uuid = o.household_uuid WHERE o.deleted = 0 AND {where}"
        " GROUP BY 1, 2, 3", args).fetchall()


# Indicators of the report (issue 17 item 7) from the latest complete visit of each household
# met: (key, SQL expression counted per village).
_ANS = "json_extract(v.answers, '$.{}')"
INDICATORS = {
    "met": f"{_ANS.format('visit_result')} = 'met'",
    **{f"mode_{m}": f"{_ANS.format('reception_mode')} = '{m}'"
       for m in ("cable", "iptv", "dbs", "dtmb", "none")},
    "county_channel": f"(' ' || {_ANS.format('channels')} || ' ' LIKE '% county %'"
                      f" OR {_ANS.format('channels')} LIKE '%\"county\"%')",
    "broadband": f"{_ANS.format('broadband')} = 'yes'",
    "eb_terminal": f"{_ANS.format('eb_terminal')} = 'yes'",
    "eb_working": f"{_ANS.format('eb_terminal')} = 'yes' AND {_ANS.format('eb_working')} = 'yes'",
    **{f"satisfaction_{s}": f"{_ANS.format('satisfaction')} = '{s}'"
       for s in ("satisfied", "basic", "unsatisfied")},
}


def indicator_counts(store, code: str) -> dict[str, dict[str, float]]:
    """Per village: households met, by reception mode, receiving the county channel, with
    broadband, with an emergency-broadcast terminal (and working), by satisfaction, and the
    illegal charges' total amount (yuan)."""
    where, args = _where(code)
    sums = ", ".join(f"sum(coalesce({sql}, 0))" for sql in INDICATORS.values())
    amount = (f"sum(CASE WHEN {_ANS.format('illegal_charge')} = 'yes'"
              f" THEN coalesce({_ANS.format('charge_amount')}, 0) ELSE 0 END)")
    keys = (*INDICATORS, "charge_amount")
    return {v: dict(zip(keys, (n or 0 for n in counts))) for v, *counts in store.conn.execute(
        f"SELECT h.village_code, {sums}, {amount} FROM households h {_LATEST}"
        f" WHERE {where} GROUP BY h.village_code", args)}


def _operator_sums() -> str:
    """SQL sums per operator: INDICATORS, covered (to the standard), paid cable subscribers and
    their hand-over, illegal charges and their amount (the keys of OPERATOR_KEYS)."""
    a = _ANS.format
    extra = (
        "h.status = 'covered'",
        f"{a('paid_cable_subscriber')} = 'yes'",
        f"{a('paid_cable_subscriber')} = 'yes' AND {a('handed_over')} = 'yes'",
        f"{a('paid_cable_subscriber')} = 'yes' AND {a('handed_over')} = 'no'",
        f"{a('illegal_charge')} = 'yes'",
    )
    sums = [f"sum(coalesce({sql}, 0))" for sql in (*INDICATORS.values(), *extra)]
    sums.append(f"sum(CASE WHEN {a('illegal_charge')} = 'yes'"
                f" THEN coalesce({a('charge_amount')}, 0) ELSE 0 END)")
    return ", ".join(sums)


OPERATOR_KEYS = (*INDICATORS, "covered", "paid", "handed_over", "not_handed_over",
                 "illegal_charges", "charge_amount")


def operator_indicators(store, code: str) -> list[tuple[str, dict[str, float]]]:
    """(operator answer, {OPERATOR_KEYS: count}) over the area's households met whose latest
    visit found a reception mode (those an operator serves), most households first; `met` is
    their number."""
    where, args = _where(code)
    rows = store.conn.execute(
        f"SELECT coalesce({_ANS.format('operator')}, ''), {_operator_sums()}"
        f" FROM households h {_LATEST} WHERE {where}"
        f" AND {_ANS.format('visit_result')} = 'met'"
        f" AND coalesce({_ANS.format('reception_mode')}, 'none') NOT IN ('none', '')"
        " GROUP BY 1", args).fetchall()
    out = [(op, dict(zip(OPERATOR_KEYS, (n or 0 for n in counts)))) for op, *counts in rows]
    return sorted(out, key=lambda r: (-r[1]["met"], r[0]))


def operator_mix(store, code: str) -> dict[str, dict[str, int]]:
    """Per village: households met with a reception mode, by the operator serving them."""
    where, args = _where(code)
    out: dict[str, dict[str, int]] = {}
    for village, op, n in store.conn.execute(
            f"SELECT h.village_code, coalesce({_ANS.format('operator')}, ''), count(*)"
            f" FROM households h {_LATEST} WHERE {where}"
            f" AND {_ANS.format('visit_result')} = 'met'"
            f" AND coalesce({_ANS.format('reception_mode')}, 'none') NOT IN ('none', '')"
            " GROUP BY 1, 2", args):
        out.setdefault(village, {})[op] = n
    return out


def place_counts(store, code: str) -> list[tuple[str, str, dict[str, int]]]:
    """(township code, place type, counts) of the area's public places (not deleted): places,
    checked (checklist complete), cable TV opened, county channel received, TV outlets.

    Only complete checklists count as opened, receiving or having outlets: a draft's answers are
    not yet a finding, so the opening rate (opened / places) never counts an unfinished check.
    Unchecked places stay in the denominator: a place nobody checked is not shown to be opened."""
    a = "json_extract(p.answers, '$.{}')".format
    if code.endswith("000000"):
        where, args = "p.township_code >= ? AND p.township_code < ?", (code[:6], code[:6] + "a")
    else:
        where, args = "p.township_code = ?", (code[:9] + "000",)
    keys = ("places", "checked", "cable_opened", "county_channel", "tv_points")
    rows = store.conn.execute(
        "SELECT p.township_code, p.place_type, count(*), sum(p.state = 'complete'),"
        f" sum(p.state = 'complete' AND coalesce({a('cable_opened')} = 'yes', 0)),"
        f" sum(p.state = 'complete'"
        f" AND coalesce(' ' || {a('channels')} || ' ' LIKE '% county %', 0)),"
        f" sum(CASE WHEN p.state = 'complete' AND typeof({a('tv_points')}) IN ('integer', 'real')"
        f" THEN {a('tv_points')} ELSE 0 END)"
        f" FROM public_places p WHERE p.deleted = 0 AND {where}"
        " GROUP BY 1, 2 ORDER BY 1, 2", args).fetchall()
    return [(town, kind or "", dict(zip(keys, (int(n or 0) for n in counts))))
            for town, kind, *counts in rows]


def operator_counts(store, code: str) -> list[tuple[str, int, int]]:
    """(operator answer, households, of them covered) over the area's households met with TV."""
    where, args = _where(code)
    return store.conn.execute(
        f"SELECT coalesce({_ANS.format('operator')}, ''), count(*), sum(h.status = 'covered')"
        f" FROM households h {_LATEST} WHERE {where}"
        f" AND {_ANS.format('reception_mode')} NOT IN ('none', '') GROUP BY 1 ORDER BY 2 DESC",
        args).fetchall()

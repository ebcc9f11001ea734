"""The report's indicators broken down the other ways (issue 17 item 7): per operator (the same
indicators as per township: coverage to the standard, reception modes, county channel, broadband,
emergency-broadcast terminals, satisfaction, paid subscribers handed over, illegal charges with
amounts), the operator mix of each township, and the public places by type."""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldapp.core.status import OPERATOR_LABELS_ZH
from fieldapp.store.reports import answer_counts as Q

from .labels import PLACE_TYPES_ZH

UNKNOWN_OPERATOR = "未填"


def operator_label(op: str) -> str:
    if op == "none":  # direct satellite or terrestrial: no operator between
        return "无（卫星/地面）"
    return OPERATOR_LABELS_ZH.get(op, op or UNKNOWN_OPERATOR)


@dataclass
class Breakdowns:
    operators: list = field(default_factory=list)  # AreaRow per operator (name: its label)
    operator_names: list[str] = field(default_factory=list)  # the mix's columns, most first
    operator_mix: list[tuple[str, dict[str, int]]] = field(default_factory=list)  # unit, by name
    place_types: list[tuple[str, dict[str, int]]] = field(default_factory=list)  # label, counts
    places_by_unit: list[tuple[str, dict[str, int]]] = field(default_factory=list)  # unit, by type


def breakdowns(store, code: str, units: list, row_type) -> Breakdowns:
    """Gather the breakdowns of an area; `units` are the report's AreaRows (townships of a
    county, villages of a township), `row_type` the AreaRow class the operator rows are made of."""
    out = Breakdowns()
    for op, counts in Q.operator_indicators(store, code):
        row = row_type(code=op, name=operator_label(op))
        for k, v in counts.items():
            setattr(row, k, v)
        row.rate = None if not row.met else row.covered / row.met
        out.operators.append(row)
    out.operator_names = [r.name for r in out.operators]
    per_unit: dict[str, dict[str, int]] = {u.code: {} for u in units}
    for village, ops in Q.operator_mix(store, code).items():
        for key in (village, village[:9] + "000"):
            if key in per_unit:
                for op, n in ops.items():
                    name = operator_label(op)
                    per_unit[key][name] = per_unit[key].get(name, 0) + n
                break
    out.operator_mix = [(u.name, per_unit[u.code]) for u in units]
    types: dict[str, dict[str, int]] = {}
    by_town: dict[str, dict[str, int]] = {}
    for town, kind, counts in Q.place_counts(store, code):
        label = PLACE_TYPES_ZH.get(kind, kind or "其他")
        total = types.setdefault(label, dict.fromkeys(counts, 0))
        for k, v in counts.items():
            total[k] += v
        row = by_town.setdefault(town, {})
        row[label] = row.get(label, 0) + counts["places"]
    order = [t for t in dict.fromkeys(PLACE_TYPES_ZH.values()) if t in types]
    out.place_types = [(t, types[t]) for t in order + sorted(set(types) - set(order))]
    out.places_by_unit = [(u.name, by_town[u.code]) for u in units if u.code in by_town]
    return out

"""Reconciliation (对账) of the register against the field: for a village, a township and the
county — households in the register, visited, covered, not covered by reason, never visited,
found in the field but not in the register, probable duplicates, coverage rate, and progress
against the target date. Pure arithmetic over counts the store hands in.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from .divisions import Area
from .errors import BadValue
from .messages import ErrorCode
from .status import COVERED, MOVED, NOT_COVERED, NOT_VISITED, REFUSED, STATUSES, VACANT


@dataclass
class Schedule:
    """Programme calendar: work runs from `start` to `target` (default 1 Jan – 31 Dec)."""

    start: dt.date
    target: dt.date
    today: dt.date

    @classmethod
    def for_year(cls, year: int, today: dt.date | None = None,
                 target: dt.date | None = None) -> Schedule:
        return cls(dt.date(year, 1, 1), target or dt.date(year, 12, 31), today or dt.date.today())

    @property
    def elapsed(self) -> float:
        """Share of the programme time already gone (0..1)."""
        span = (self.target - self.start).days
        if span <= 0:
            return 1.0
        return min(1.0, max(0.0, (self.today - self.start).days / span))

    @property
    def days_left(self) -> int:
        return max(0, (self.target - self.today).days)


# The one set of household counts every surface shows (info, reconcile, dashboard, map legend,
# village sheet, report). Each live household is in exactly one of the status keys below.
STATUS_COUNT_KEYS = ("covered", "not_covered", "never_visited", "nobody_home", "vacant", "refused",
                     "moved")
# Persons (不落一人): the people the member rosters list as living in the households
# (fieldapp.core.roster), all of them and those in covered households.
PERSON_COUNT_KEYS = ("persons", "persons_covered")
COUNT_KEYS = ("households", *STATUS_COUNT_KEYS, "field_found", *PERSON_COUNT_KEYS)
COUNT_LABELS_ZH = {"households": "总户数", "covered": "已覆盖", "not_covered": "未覆盖",
                   "never_visited": "未走访", "nobody_home": "家中无人", "vacant": "空置房",
                   "refused": "拒绝核查", "moved": "已迁出/合户", "field_found": "新发现户",
                   "persons": "登记人口", "persons_covered": "已覆盖户人口"}


@dataclass
class Figures:
    code: str
    name: str
    level: str
    register: int = 0  # households that came from the register
    field_found: int = 0  # households found in the field, not in the register
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    not_covered_by_reason: dict[str, int] = field(default_factory=dict)
    visited: int = 0  # households with at least one complete visit
    duplicates: int = 0  # households that look like a duplicate of another one
    nobody_home: int = 0  # visited, but nobody was home at the latest visit (status not_visited)
    persons: int = 0  # people on the member rosters of the households (core.roster)
    persons_covered: int = 0  # of them, in covered households
    persons_not_covered: int = 0  # of them, in not-covered households
    children: list[Figures] = field(default_factory=list)

    # ----- derived -----
    @property
    def households(self) -> int:
        return self.register + self.field_found

    @property
    def never_visited(self) -> int:
        """Households nobody has visited yet (nobody-home visits are counted as nobody_home)."""
        return self.by_status[NOT_VISITED] - self.nobody_home

    def tally(self, from_register: bool, status: str, reason: str | None, n: int = 1,
              persons: int = 0) -> None:
        """Count `n` households of one source, status and reason, with `persons` people on
        their rosters (the one place a household's status becomes a count)."""
        self.persons += persons
        if status == COVERED:
            self.persons_covered += persons
        elif status == NOT_COVERED:
            self.persons_not_covered += persons
        if from_register:
            self.register += n
        else:
            self.field_found += n
        self.by_status[status] = self.by_status.get(status, 0) + n
        if status == NOT_COVERED:
            key = reason or "other"
            self.not_covered_by_reason[key] = self.not_covered_by_reason.get(key, 0) + n
        if status == NOT_VISITED and reason:  # visited, nobody home (the only such reason)
            self.nobody_home += n
        if status != NOT_VISITED or reason:
            self.visited += n

    def counts(self) -> dict[str, int]:
        """THE definition of the household counts (keys COUNT_KEYS) for every surface."""
        s = self.by_status
        return {"households": self.households, "covered": s[COVERED],
                "not_covered": s[NOT_COVERED], "never_visited": self.never_visited,
                "nobody_home": self.nobody_home, "vacant": s[VACANT], "refused": s[REFUSED],
                "moved": s[MOVED], "field_found": self.field_found, "persons": self.persons,
                "persons_covered": self.persons_covered}

    @property
    def covered(self) -> int:
        return self.by_status[COVERED]

    @property
    def not_covered(self) -> int:
        return self.by_status[NOT_COVERED]

    @property
    def counted(self) -> int:
        """Households the rate counts: vacant houses and moved-out households do not."""
        return self.households - self.by_status[VACANT] - self.by_status[MOVED]

    @property
    def coverage_rate(self) -> float | None:
        return None if self.counted <= 0 else self.covered / self.counted

    @property
    def visited_rate(self) -> float | None:
        return None if self.households <= 0 else self.visited / self.households

    @property
    def open_gaps(self) -> int:
        """Households still to be brought to covered: not covered, refused or not yet visited."""
        return self.counted - self.covered

    def progress(self, schedule: Schedule) -> dict[str, object]:
        """Visits against the calendar: on track when the visited share keeps up with time."""
        share = self.visited_rate
        left = schedule.days_left
        return {
            "elapsed": round(schedule.elapsed, 4),
            "visited_share": None if share is None else round(share, 4),
            "on_track": share is None or share + 1e-9 >= schedule.elapsed,
            "days_left": left,
            "visits_per_day_needed": math.ceil(self.never_visited / left) if left else None,
            "target_date": schedule.target.isoformat(),
        }

    def add(self, other: Figures) -> None:
        self.register += other.register
        self.field_found += other.field_found
        self.visited += other.visited
        self.duplicates += other.duplicates
        self.nobody_home += other.nobody_home
        self.persons += other.persons
        self.persons_covered += other.persons_covered
        self.persons_not_covered += other.persons_not_covered
        for k, v in other.by_status.items():
            self.by_status[k] = self.by_status.get(k, 0) + v
        for k, v in other.not_covered_by_reason.items():
            self.not_covered_by_reason[k] = self.not_covered_by_reason.get(k, 0) + v

    def to_json(self, schedule: Schedule | None = None, children: bool = True) -> dict:
        rate = self.coverage_rate
        out: dict[str, object] = {
            "code": self.code, "name": self.name, "level": self.level,
            "households": self.households, "register": self.register,
            "field_found": self.field_found, "visited": self.visited,
            "never_visited": self.never_visited, "nobody_home": self.nobody_home,
            "covered": self.covered,
            "not_covered": self.not_covered,
            "not_covered_by_reason": dict(sorted(self.not_covered_by_reason.items())),
            "vacant": self.by_status[VACANT], "refused": self.by_status[REFUSED],
            "moved": self.by_status[MOVED], "duplicates": self.duplicates,
            "coverage_rate": None if rate is None else round(rate, 4),
            "persons": self.persons, "persons_covered": self.persons_covered,
            "persons_not_covered": self.persons_not_covered,
        }
        if schedule is not None:
            out["progress"] = self.progress(schedule)
        if children and self.children:
            out["children"] = [c.to_json(schedule, children) for c in self.children]
        return out


def reconcile(
    areas: Iterable[Area],
    status_rows: Iterable[tuple],
    duplicate_rows: Iterable[tuple[str, int]] = (),
    root: str | None = None,
) -> Figures:
    """Roll village counts up to townships and the county.

    `status_rows`: (village_code, from_register, status, status_reason, households[, persons]);
    `duplicate_rows`: (village_code, households flagged as probable duplicates).
    Returns the figures of `root` (default: the highest area given) with its children filled.
    """
    nodes: dict[str, Figures] = {}
    parents: dict[str, str | None] = {}
    for a in areas:
        nodes[a.code] = Figures(a.code, a.name, a.level)
        parents[a.code] = a.parent_code
    if not nodes:
        raise BadValue(ErrorCode.NO_AREAS)
    for village, from_register, status, reason, n, *persons in status_rows:
        f = nodes.get(village)
        if f is None:
            continue
        f.tally(from_register, status, reason, n, persons[0] or 0 if persons else 0)
    for village, n in duplicate_rows:
        if village in nodes:
            nodes[village].duplicates += n
    # Roll up from villages to townships to the county (codes sort parents before children).
    for code in sorted(nodes, key=lambda c: (c[9:] == "000", c[6:] == "000000")):
        parent = parents.get(code)
        if parent in nodes and code != parent:
            nodes[parent].add(nodes[code])
            nodes[parent].children.append(nodes[code])
    for f in nodes.values():
        f.children.sort(key=lambda c: c.code)
    top = root or min(nodes, key=lambda c: (c[9:] != "000", c[6:] != "000000", c))
    return nodes[top]


# ----- gap follow-up (查缺补漏) -------------------------------------------------------------
WORK_ORDER_KINDS = ("install", "repair", "handover")
WORK_ORDER_KIND_LABELS_ZH = {"install": "安装", "repair": "维修", "handover": "有线付费用户移交"}
WORK_ORDER_STATES = ("open", "done", "verified", "cancelled")
WORK_ORDER_STATE_LABELS_ZH = {"open": "待处理", "done": "运营商已完成", "verified": "已回访确认",
                              "cancelled": "已取消"}
ACTIVE_STATES = ("open", "done")
# The gap lists of `fieldapp gaps` (store.households.gaps.gap_lists), in the order they print.
GAP_LIST_LABELS_ZH = {"not_covered": "未覆盖户", "never_visited": "未走访", "nobody_home": "家中无人",
                      "revisit": "多次无人待回访",
                      "not_handed_over": "付费用户未移交", "illegal_charge": "违规收费",
                      "spot_check_not_confirmed": "抽查不符"}
UNKNOWN_OPERATOR = "待定"  # a work order opened by the app for a household with no operator


def work_order_kind(reason: str | None, paid_subscriber_not_handed_over: bool = False) -> str:
    """The usual work order for a not-covered household: a paid cable subscriber not yet handed
    over needs a handover, a TV that does not work (a signal fault) a repair, anything else an
    installation."""
    if paid_subscriber_not_handed_over:
        return "handover"
    return "repair" if reason in ("not_working", "signal") else "install"


def is_overdue(state: str, due_date: str | None, today: dt.date) -> bool:
    return state == "open" and bool(due_date) and str(due_date)[:10] < today.isoformat()


# ----- spot checks (常态化监管) --------------------------------------------------------------
SPOT_OUTCOMES = ("pending", "confirmed", "not_confirmed", "unreachable")
SPOT_OUTCOME_LABELS_ZH = {"pending": "待核查", "confirmed": "核实已覆盖", "not_confirmed": "与登记不符",
                          "unreachable": "未能核查"}


def sample_size(population: int, *, percent: float | None = None, count: int | None = None) -> int:
    """How many of `population` to draw: a percentage (rounded up, at least 1 when any) or a
    fixed count per village, never more than there are."""
    if population <= 0:
        return 0
    if count is not None:
        return min(population, max(0, int(count)))
    if percent is None or percent <= 0:
        return 0
    return min(population, max(1, math.ceil(population * percent / 100 - 1e-9)))


def draw_sample(population: dict[str, list[str]], seed: int, *, percent: float | None = None,
                count: int | None = None) -> dict[str, list[str]]:
    """A reproducible random sample per village: the same population and seed always give the
    same households (each village's draw depends only on the seed and the village code)."""
    import random

    out: dict[str, list[str]] = {}
    for village in sorted(population):
        members = sorted(population[village])
        k = sample_size(len(members), percent=percent, count=count)
        if k:
            out[village] = sorted(random.Random(f"{seed}:{village}").sample(members, k))
    return out

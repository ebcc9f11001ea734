"""`fieldapp rollup report`: the coverage report across the counties of a city or province,
computed in SQL on the roll-up server and written with the county report's PDF/Excel writers.

The counts use the county's own definitions: the server groups households by (village, register or
field-found, status, reason) and `core.reconcile` rolls them up exactly as it does for one county."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections import Counter
from typing import Any

from fieldapp.core.divisions import Area
from fieldapp.core.messages import ErrorCode
from fieldapp.core.reconcile import (
    WORK_ORDER_KIND_LABELS_ZH,
    WORK_ORDER_STATE_LABELS_ZH,
    Figures,
    Schedule,
    reconcile,
)
from fieldapp.core.status import NOT_COVERED, REASONS
from fieldapp.reports.labels import reason_label
from fieldapp.reports.report_data import AreaRow, ReportData, _row

from .errors import RollupError
from .schema import require

# Names of the cities and provinces above the counties this product ships data for; others are
# named by their code unless the caller gives a name.
KNOWN_NAMES = {"140000000000": "山西省", "140800000000": "运城市",
               "330000000000": "浙江省", "330400000000": "嘉兴市"}

_LIVE = "NOT h.deleted AND h.merged_into IS NULL"
def _scope(code: str | None) -> tuple[str, str]:
    """(level, LIKE pattern on county_code) of the report's area."""
    if code is None:
        return "province", "%"
    if code[2:] == "0" * 10:
        return "province", code[:2] + "%"
    return "city", code[:4] + "%"


def _areas(cur, pattern: str) -> dict[str, list[Area]]:
    cur.execute("SELECT county_code, code, name, level, parent_code FROM fieldapp.divisions"
                " WHERE county_code LIKE %s AND NOT deleted ORDER BY code", (pattern,))
    out: dict[str, list[Area]] = {}
    for county, code, name, level, parent in cur.fetchall():
        out.setdefault(county, []).append(Area(code=code, name=name, level=level,
                                               parent_code=parent))
    return out


def _status_rows(cur, pattern: str) -> dict[str, list[tuple]]:
    cur.execute("SELECT county_code, village_code, (source = 'register')::int, status,"
                f" status_reason, count(*), coalesce(sum(persons), 0)::int"
                f" FROM fieldapp.households h WHERE {_LIVE}"
                " AND county_code LIKE %s GROUP BY 1, 2, 3, 4, 5", (pattern,))
    out: dict[str, list[tuple]] = {}
    for county, *row in cur.fetchall():
        out.setdefault(county, []).append(tuple(row))
    return out


def _answer_counts(cur, pattern: str) -> dict[str, dict[str, int]]:
    """Per township: paid cable subscribers, handed over or not, illegal charges (latest visit)."""
    cur.execute(
        "SELECT h.township_code,"
        " count(*) FILTER (WHERE v.paid = 'yes'),"
        " count(*) FILTER (WHERE v.paid = 'yes' AND v.handed_over = 'yes'),"
        " count(*) FILTER (WHERE v.paid = 'yes' AND v.handed_over = 'no'),"
        " count(*) FILTER (WHERE v.illegal = 'yes')"
        " FROM fieldapp.households h JOIN fieldapp.household_latest v"
        "   ON v.county_code = h.county_code AND v.household_uuid = h.uuid"
        f" WHERE {_LIVE} AND h.county_code LIKE %s AND v.county_code LIKE %s GROUP BY 1",
        (pattern, pattern))
    return {t: {"paid": p, "handed_over": ho, "not_handed_over": nh, "illegal_charges": ic}
            for t, p, ho, nh, ic in cur.fetchall()}


def _orders(cur, pattern: str) -> list[tuple[str, str, str, int]]:
    cur.execute("SELECT h.township_code, o.kind, o.state, count(*) FROM fieldapp.work_orders o"
                " JOIN fieldapp.households h ON h.county_code = o.county_code"
                "   AND h.uuid = o.household_uuid"
                f" WHERE NOT o.deleted AND {_LIVE} AND o.county_code LIKE %s GROUP BY 1, 2, 3",
                (pattern,))
    return cur.fetchall()


def _illegal(cur, pattern: str) -> list[dict[str, Any]]:
    cur.execute(
        "WITH found AS MATERIALIZED (SELECT * FROM fieldapp.household_latest"
        "  WHERE illegal = 'yes' AND county_code LIKE %s)"
        " SELECT h.village_code, d.name, h.group_no, h.head_name, h.id_masked,"
        " v.amount, v.charged_by, v.surveyor, v.visited_at"
        " FROM found v JOIN fieldapp.households h"
        "   ON h.county_code = v.county_code AND h.uuid = v.household_uuid"
        " LEFT JOIN fieldapp.divisions d ON d.county_code = h.county_code AND d.code = h.village_code"
        f" WHERE {_LIVE} AND h.county_code LIKE %s"
        " ORDER BY h.village_code, h.head_name", (pattern, pattern))
    keys = ("village_code", "village_name", "group_no", "head_name", "id_masked", "amount",
            "charged_by", "surveyor", "visited_at")
    return [dict(zip(keys, r), phone="") for r in cur.fetchall()]


def _refresh_statistics(conn) -> None:
    """ANALYZE the big tables when much changed since their last statistics (a fresh load):
    without them the planner may pick nested loops over millions of rows. Skipped quietly when
    the report's user may not analyze them."""
    with conn.cursor() as cur:
        cur.execute("SELECT relname FROM pg_stat_user_tables WHERE schemaname = 'fieldapp'"
                    " AND relname IN ('households', 'household_latest', 'divisions')"
                    " AND n_mod_since_analyze > greatest(1000, n_live_tup / 5)")
        stale = [r[0] for r in cur.fetchall()]
    conn.commit()
    for table in stale:
        import psycopg

        with contextlib.suppress(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute(f"ANALYZE fieldapp.{table}")


def build_rollup(conn, code: str | None = None, *, name: str | None = None,
                 today: dt.date | None = None) -> ReportData:
    """The report data of a city (code 4 digits + zeros), a province, or every county pushed."""
    require(conn)
    level, pattern = _scope(code)
    _refresh_statistics(conn)
    top_code = code or "000000000000"
    with conn.cursor() as cur:
        areas = _areas(cur, pattern)
        if not areas:
            raise RollupError(ErrorCode.ROLLUP_NO_COUNTIES,
                              prefix=top_code[:4 if level == "city" else 2])
        rows = _status_rows(cur, pattern)
        answers = _answer_counts(cur, pattern)
        orders = _orders(cur, pattern)
        illegal = _illegal(cur, pattern)
    conn.rollback()
    default = "全部上报区县" if code is None else f"区划 {top_code}"
    top = Figures(top_code, name or KNOWN_NAMES.get(top_code) or default, level)
    for county in sorted(areas):
        f = reconcile(areas[county], rows.get(county, ()), (), root=county)
        top.add(f)
        top.children.append(f)
    total = _row(top)
    units = [_row(c) for c in top.children]
    towns = [_row(t, c.name) for c in top.children for t in c.children]
    by_code = {r.code: r for r in [*units, *towns]}
    for town, counts in answers.items():
        for c in (town, town[:6] + "000000"):
            if c in by_code:
                _add(by_code[c], counts)
        _add(total, counts)
    states: Counter = Counter()
    kinds: Counter = Counter()
    for town, kind, state, n in orders:
        states[state] += n
        kinds[kind] += n
        if state in ("open", "done"):
            for c in (town, town[:6] + "000000"):
                if c in by_code:
                    _add(by_code[c], {"orders_active": n})
            _add(total, {"orders_active": n})
    today = today or dt.date.today()
    reasons = [(reason_label(NOT_COVERED, r), total.reasons.get(r, 0)) for r in REASONS]
    reasons += [(reason_label(NOT_COVERED, r), n) for r, n in total.reasons.items()
                if r not in REASONS]
    return ReportData(
        code=top_code, name=top.name, level=level, county_name="",
        generated_at=dt.datetime.now().strftime("%Y-%m-%d %H:%M"), total=total,
        progress=top.progress(Schedule.for_year(today.year, today)), units=units,
        villages=towns, reasons=reasons,
        orders_by_state=[(WORK_ORDER_STATE_LABELS_ZH[s], states[s])
                         for s in WORK_ORDER_STATE_LABELS_ZH],
        orders_by_kind=[(WORK_ORDER_KIND_LABELS_ZH[k], kinds[k]) for k in WORK_ORDER_KIND_LABELS_ZH],
        overdue_orders=[], gaps=[], spot_checks=[], spot_results=[], illegal=illegal,
        source=f"市、省汇总数据库（{len(units)} 个区县上报的数据）")


def _add(row: AreaRow, counts: dict[str, int]) -> None:
    for k, v in counts.items():
        setattr(row, k, getattr(row, k) + (v or 0))


def make_rollup_report(conn, out: str | os.PathLike, code: str | None = None, *,
                       name: str | None = None) -> ReportData:
    """Build the roll-up report and write it as PDF or Excel by the file's suffix."""
    from fieldapp.reports.report_pdf import write_pdf
    from fieldapp.reports.report_xlsx import write_xlsx

    suffix = os.path.splitext(str(out))[1].lower()
    if suffix not in (".pdf", ".xlsx"):
        raise RollupError(ErrorCode.ROLLUP_REPORT_TYPE, path=str(out))
    data = build_rollup(conn, code, name=name)
    (write_pdf if suffix == ".pdf" else write_xlsx)(data, out)
    return data

"""`fieldapp import-visits DB FILE`: visits written on paper and typed into a workbook, one row
per visit — a household key (household_id as `export households` writes it, or village code +
head of household + masked ID), the visit date, the surveyor, and one column per checklist field
named as in the form. Every row is validated by the same form engine as the app
(fieldapp.survey: types, choices, relevance, required, constraints, calculations); rejected
rows carry their row number. Importing the same sheet again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid as uuidlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldapp.core.divisions import CodeError, normalize_code
from fieldapp.core.messages import ErrorCode, Said, Words, listing
from fieldapp.core.progress import Cancelled, Progress
from fieldapp.core.register_columns import header_key
from fieldapp.core.register_rows import Problem, cell_text
from fieldapp.store.visits_import import (
    existing_visits,
    households_by_name,
    households_by_uuid,
    write_visits,
)
from fieldapp.survey.coerce import ATTACHMENT_TYPES
from fieldapp.survey.errors import AnswerError
from fieldapp.store.form_source import current_form
from fieldapp.survey.registry import HOUSEHOLD_FORM
from fieldapp.survey.runtime import FormState, split_key

from fieldapp.jobs.policies import OnBackupFailure, backup_before_change
from fieldapp.tabular.read import TabularError, read_table

_NS = uuidlib.UUID("6f1c3a4e-2b8d-5e7f-9a0b-1c2d3e4f5a6b")

# key columns: accepted headers (as written by `export households`, English or Chinese)
KEYS = {
    "household_id": ("household_id", "户编号"),
    "village_code": ("village_code", "村区划代码", "村代码"),
    "head_name": ("head_name", "户主姓名", "户主"),
    "id_masked": ("id_masked", "身份证号（脱敏）", "身份证号(脱敏)", "身份证号"),
    "visit_date": ("visit_date", "走访日期", "核查日期", "日期"),
    "surveyor": ("surveyor", "核查人", "走访人", "调查员"),
}
# columns of the household export that may stay in the sheet and are ignored
IGNORED = ("village_name", "村", "group_no", "村民小组", "组", "status", "状态", "status_reason",
           "未覆盖原因", "last_visit_date", "最近走访日期", "序号")


@dataclass
class VisitsResult:
    file: str
    header_row: int
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "rejected": [p.as_dict() for p in self.rejected],
                "warnings": [p.as_dict() for p in self.warnings],
                "file": self.file, "header_row": self.header_row}


def _columns(header: list[Any], form) -> tuple[dict[str, int], dict[str, int], list[str]]:
    keys: dict[str, int] = {}
    fields: dict[str, int] = {}
    unknown: list[str] = []
    lookup = {header_key(a): k for k, names in KEYS.items() for a in names}
    ignored = {header_key(a) for a in IGNORED}
    for i, cell in enumerate(header):
        text = cell_text(cell)
        if not text:
            continue
        if text in form.fields:
            fields[text] = i
        elif header_key(text) in lookup:
            keys.setdefault(lookup[header_key(text)], i)
        elif header_key(text) not in ignored:
            unknown.append(text)
    return keys, fields, unknown


def _header_row(rows: list[list[Any]], form) -> int:
    best, score = -1, 0
    for i, row in enumerate(rows[:20]):
        keys, fields, _ = _columns(row, form)
        if len(fields) + len(keys) > score and ("visit_date" in keys or fields):
            best, score = i, len(fields) + len(keys)
    return best


def _visit_date(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = cell_text(value).replace("/", "-").replace(".", "-").replace("年", "-") \
        .replace("月", "-").replace("日", "")
    parts = text.split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2][:2])).isoformat()
    except (ValueError, IndexError):
        return None


def import_visits(store, path: str | os.PathLike, *, user: str | None = None,
                  progress: Progress | None = None, today: dt.date | None = None,
                  form=None, back_up_first: bool = False,
                  on_backup_failure: OnBackupFailure = None) -> VisitsResult:
    """`back_up_first`: back the database up first (jobs.policies)."""
    if back_up_first:
        backup_before_change(store.path, "import", on_failure=on_backup_failure)
    form = form or current_form(store, HOUSEHOLD_FORM)
    table = read_table(path)
    where = f"{path} [{table.sheet}]"
    h, keys, fields = _header(table, form, where)
    today = today or dt.date.today()
    result = VisitsResult(str(path), h + 1)

    def get(row: list[Any], col: int | None) -> Any:
        return row[col] if col is not None and col < len(row) else ""

    data = [(i + 1, r) for i, r in enumerate(table.rows[h + 1:], start=h + 1) if any(
        c not in ("", None) for c in r)]
    ids = [cell_text(get(r, keys.get("household_id"))) for _, r in data]
    known = households_by_uuid(store, [i for i in ids if i])
    villages = []
    for _, r in data:
        try:
            villages.append(normalize_code(cell_text(get(r, keys.get("village_code")))))
        except CodeError:
            pass
    by_name = households_by_name(store, villages) if villages else {}
    planned: list[tuple[int, str, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for n, (rowno, row) in enumerate(data, 1):
        if progress and n % 500 == 0 and progress(n, len(data)) is False:
            raise Cancelled(ErrorCode.CANCELLED_IMPORT)

        def reject(reason: Said, rowno: int = rowno) -> None:
            result.rejected.append(Problem(rowno, reason))

        household = _household(row, keys, known, by_name, get)
        if isinstance(household, Said):
            reject(household)
            continue
        day, surveyor, problem = _date_and_surveyor(row, keys, get, today)
        if problem:
            reject(problem)
            continue
        answers, bad = _answers(form, fields, row, get, day)
        if bad:
            reject(bad)
            continue
        visit = str(uuidlib.uuid5(_NS, f"{household}|{day}|{surveyor}|{form.form_id}"))
        if visit in seen:
            reject(Said(ErrorCode.VISIT_ROW_SAME, row=seen[visit]))
            continue
        seen[visit] = rowno
        planned.append((rowno, visit, {"household_uuid": household, "form_id": form.form_id,
                                       "form_version": form.version, "answers": answers,
                                       "state": "complete", "surveyor": surveyor,
                                       "device": "paper", "started_at": day, "ended_at": day}))
    inserts, updates = _diff(store, planned, result)
    result.rejected.sort(key=lambda p: p.row)
    write_visits(store, inserts, updates, user=user, progress=progress, file=Path(path).name,
                 counts=(result.added, result.updated, result.unchanged, len(result.rejected)))
    return result


def _header(table, form, where: str) -> tuple[int, dict[str, int], dict[str, int]]:
    """The header row, the key columns and the form-field columns; an error names what is
    missing."""
    h = _header_row(table.rows, form)
    if h < 0:
        raise TabularError(ErrorCode.VISITS_NO_HEADER, column=ErrorCode.WORD_VISIT_DATE, code="no_header",
                           where=where)
    keys, fields, unknown = _columns(table.rows[h], form)
    if unknown:
        raise TabularError(ErrorCode.VISITS_UNKNOWN_COLUMNS, row=h + 1, form=form.form_id,
                           columns=listing(unknown), code="unknown_column", where=where)
    if "household_id" not in keys and not {"village_code", "head_name"} <= keys.keys():
        raise TabularError(ErrorCode.VISITS_NO_KEY, code="no_column", where=where)
    for need in ("visit_date", "surveyor"):
        if need not in keys:
            raise TabularError(ErrorCode.VISITS_MISSING_COLUMN, column=KEYS[need][1], code="no_column",
                               where=where)
    return h, keys, fields


def _date_and_surveyor(row, keys, get, today: dt.date) -> tuple[str | None, str, Said | None]:
    """(visit day, surveyor, None) or (..., the reason the row is rejected)."""
    day = _visit_date(get(row, keys["visit_date"]))
    if day is None:
        return None, "", Said(ErrorCode.VISIT_ROW_BAD_DATE,
                              value=cell_text(get(row, keys['visit_date'])))
    if day > today.isoformat():
        return None, "", Said(ErrorCode.VISIT_ROW_FUTURE_DATE, day=day)
    surveyor = cell_text(get(row, keys["surveyor"]))
    if not surveyor:
        return day, "", Said(ErrorCode.VISIT_ROW_NO_SURVEYOR)
    return day, surveyor, None


def _answers(form, fields, row, get, day: str) -> tuple[dict[str, Any], Said | None]:
    """The row's answers as the form keeps them (relevant ones only), or the first problem."""
    state = FormState(form, {}, today=dt.date.fromisoformat(day))
    for name, col in fields.items():
        raw = get(row, col)
        if raw in ("", None):
            continue
        if not form.fields[name].is_input or form.fields[name].type in ATTACHMENT_TYPES:
            return {}, Said(ErrorCode.VISIT_ROW_NOT_IMPORTABLE, name=name)
        if form.fields[name].repeat:  # one row per visit has no room for several members
            return {}, Said(ErrorCode.VISIT_ROW_REPEAT, name=name, repeat=form.fields[name].repeat)
        try:
            state.set(name, raw.isoformat() if isinstance(raw, dt.datetime) else raw)
        except AnswerError as exc:
            problem = Said(exc.entry, **exc.params) if exc.entry is not None else str(exc)
            return {}, Said(ErrorCode.VISIT_ROW_ANSWER, name=name, problem=problem)
    problems = state.problems()
    if problems:
        return {}, _first_problem(form, state, problems)
    return {k: v for k, v in state.answers.items()
            if v is not None and k not in state.irrelevant_answers()}, None


def _first_problem(form, state, problems: dict[str, str]) -> Said:
    """The first answer that blocks the visit, in both languages (a rejected row only)."""
    name, msg = next(iter(problems.items()))
    state.language = "en"
    msg_en = state.problems().get(name, msg)
    more = Said(ErrorCode.VISIT_ROW_MORE, count=len(problems) - 1) if len(problems) > 1 else ""
    labels = form.fields[split_key(name)[0]].labels
    label = form.text(labels, "zh")
    if not label:
        return Said(ErrorCode.VISIT_ROW_UNLABELLED, name=name, problem=Words(msg, msg_en),
                    more=more)
    return Said(ErrorCode.VISIT_ROW_LABELLED, name=name, label=Words(label, form.text(labels, "en")),
                problem=Words(msg, msg_en), more=more)


def _household(row, keys, known, by_name, get) -> str | Said:
    """The household uuid, or why the row names none."""
    hid = cell_text(get(row, keys.get("household_id")))
    if hid:
        return hid if hid in known else Said(ErrorCode.VISIT_ROW_NO_HOUSEHOLD_ID, value=hid)
    try:
        village = normalize_code(cell_text(get(row, keys.get("village_code"))))
    except CodeError:
        return Said(ErrorCode.ROW_BAD_VILLAGE_CODE,
                    value=cell_text(get(row, keys.get('village_code'))))
    name = "".join(cell_text(get(row, keys.get("head_name"))).split())
    masked = cell_text(get(row, keys.get("id_masked"))).replace(" ", "").upper()
    found = by_name.get((village, name), [])
    if masked:
        found = [f for f in found if (f[1] or "").upper() == masked]
    if not found:
        return Said(ErrorCode.VISIT_ROW_NO_HEAD, village=village, name=name,
                    masked=Said(ErrorCode.VISIT_ROW_MASKED, masked=masked) if masked else "")
    if len(found) > 1:
        return Said(ErrorCode.VISIT_ROW_NAMESAKES, village=village, count=len(found), name=name)
    return found[0][0]


def _diff(store, planned, result: VisitsResult):
    have = existing_visits(store, [v for _, v, _ in planned])
    inserts, updates = [], []
    for rowno, visit, record in planned:
        old = have.get(visit)
        if old is None:
            inserts.append({"uuid": visit, **record})
            result.added += 1
            continue
        if old["deleted"]:
            result.rejected.append(Problem(rowno, Said(ErrorCode.VISIT_ROW_DELETED)))
            continue
        patch = {k: v for k, v in record["answers"].items() if old["answers"].get(k) != v}
        patch.update({k: None for k in old["answers"] if k not in record["answers"]})
        values: dict[str, Any] = {"answers": patch} if patch else {}
        if old["state"] != "complete":
            values["state"] = "complete"
        if values:
            updates.append((visit, values))
            result.updated += 1
        else:
            result.unchanged += 1
    return inserts, updates

"""Raw answers out (`fieldapp export answers`), as ODK Central exports submissions: one row per
visit with its form id and version, its household and village, one column per question of the
checklist (the field `name`, or with `labels` its Chinese label and the choices' labels), a 0/1
column per choice of a select-multiple question, and for each repeat group (a list of rows in the
answers, such as a member roster) a count on the visit's row and its rows on a sheet of their own
(a CSV of their own beside the main one) joined by PARENT_KEY = the visit's KEY. A repeat inside
a repeat (each member's jobs) gets its own sheet too, its PARENT_KEY the outer row's KEY
(`visit/members[1]`), its KEY `visit/members[1]/jobs[2]`."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldapp.core.status import STATUS_LABELS_ZH
from fieldapp.core.form_versions import version_key
from fieldapp.store.form_source import FormMissing, current_form, form_version
from fieldapp.store.forms import visit_form_versions
from fieldapp.store.visits_export import answer_keys, nested_repeat_keys, visit_forms, visit_rows
from fieldapp.survey.errors import FormError
from fieldapp.survey.model import MULTI_TYPES, Field, Form

from .write import check_output, write_table

# (name, Chinese label) of the columns before the questions, in VISIT_COLUMNS order
META = (("KEY", "走访编号"), ("form_id", "表单"), ("form_version", "表单版本"),
        ("household_id", "household_id"), ("township", "乡镇"), ("village_code", "村区划代码"),
        ("village", "村"), ("group_no", "村民小组"), ("head_name", "户主姓名"),
        ("household_size", "家庭人口（花名册）"), ("household_source", "户来源"),
        ("household_status", "户状态"), ("surveyor", "走访人"), ("started_at", "开始时间"),
        ("ended_at", "结束时间"), ("state", "走访状态"))
SOURCE_LABELS_ZH = {"register": "花名册", "field": "新发现户"}
STATE_LABELS_ZH = {"complete": "已完成", "draft": "草稿"}
_NO_VALUE = ("note",)  # question types that hold no answer


@dataclass
class Column:
    key: str  # the answer key
    header: str
    field: Field | None = None
    form: Form | None = None
    choice: str | None = None  # a 0/1 column of one choice of a select-multiple question


@dataclass
class Layout:
    columns: list[Column] = field(default_factory=list)
    repeats: dict[str, list[str]] = field(default_factory=dict)  # group -> keys of its rows
    nested: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # inner -> outer, keys
    repeat_headers: dict[str, str] = field(default_factory=dict)


def _forms(store, form_ids: Sequence[str]) -> list[Form]:
    """Each form the visits use, newest version first, then its older versions the visits were
    made with (kept in the database or shipped): their questions make one set of columns."""
    versions: dict[str, list[str]] = {}
    for form_id, version in visit_form_versions(store):
        versions.setdefault(form_id, []).append(version)
    out = []
    for form_id in form_ids:
        try:
            out.append(current_form(store, form_id))
        except (FormError, FormMissing):
            pass  # a form this installation does not know: its answers still export by name
        for version in sorted(versions.get(form_id, []), key=version_key, reverse=True):
            if any(f.form_id == form_id and f.version == version for f in out):
                continue
            try:
                out.append(form_version(store, form_id, version))
            except (FormError, FormMissing):
                continue
    return out


def layout(store, code: str | None, labels: bool) -> Layout:
    """The question columns: the newest checklist's questions in its order, then those only older
    versions the visits were made with have, then any other answer the visits hold, then a count
    per repeat group."""
    keys, repeats = answer_keys(store, code)
    nested = nested_repeat_keys(store, code)
    for outer in repeats:  # an inner repeat is a sheet of its own, not a column of its outer one
        repeats[outer] = [k for k in repeats[outer] if k not in nested]
    out = Layout(repeats=repeats, nested=nested)
    seen: set[str] = set()
    for form in _forms(store, visit_forms(store, code)):
        for f in form.fields.values():
            if f.type in _NO_VALUE or f.name in seen or f.name in repeats:
                continue
            seen.add(f.name)
            title = form.text(f.labels) or f.name if labels else f.name
            out.columns.append(Column(f.name, title, f, form))
            if f.type == "select_multiple":
                out.columns.extend(
                    Column(f.name, f"{title}/{form.text(c.labels) if labels else c.name}",
                           f, form, c.name) for c in form.choices_of(f))
            if labels:
                out.repeat_headers[f.name] = title
    out.columns.extend(Column(k, k) for k in keys if k not in seen and k not in repeats)
    for group in repeats:
        out.columns.append(Column(group, f"{group}（条数）" if labels else f"{group}_count"))
    return out


def _value(col: Column, value: Any, labels: bool, repeats: dict) -> Any:
    if col.key in repeats:
        return len(value) if isinstance(value, list) else 0
    if col.choice is not None:
        chosen = value if isinstance(value, list) else str(value or "").split()
        return "" if value in (None, "") else int(col.choice in [str(v) for v in chosen])
    if value is None:
        return ""
    if isinstance(value, list):
        items = [str(v) for v in value]
    elif col.field is not None and col.field.type in MULTI_TYPES:
        items = str(value).split()
    else:
        items = None
    if items is not None:
        if labels and col.field is not None and col.form is not None:
            return "、".join(col.form.choice_label(col.field, v) for v in items)
        return " ".join(items)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if labels and col.field is not None and col.form is not None and col.field.is_select:
        return col.form.choice_label(col.field, str(value))
    return value


def _meta(row: tuple, labels: bool) -> list[Any]:
    values = list(row[:-1])
    if labels:
        values[10] = SOURCE_LABELS_ZH.get(values[10], values[10])
        values[11] = STATUS_LABELS_ZH.get(values[11], values[11])
        values[15] = STATE_LABELS_ZH.get(values[15], values[15])
    return ["" if v is None else v for v in values]


def export_answers(store, path: str | os.PathLike, code: str | None = None, *,
                   labels: bool = False) -> tuple[int, dict[str, int]]:
    """Write the answers of the visits of an area (default the county). Returns the number of
    visits and of rows per repeat group."""
    out = check_output(path)
    lay = layout(store, code, labels)
    groups = {**lay.repeats, **{inner: keys for inner, (_, keys) in lay.nested.items()}}
    repeat_rows: dict[str, list[list[Any]]] = {g: [] for g in groups}

    def add_rows(group: str, parent: str, items: Any) -> None:
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                key = f"{parent}/{group}[{i + 1}]"
                repeat_rows[group].append([parent, key,
                                           *(_cell(item.get(k)) for k in groups[group])])
                for inner, (outer, _) in lay.nested.items():
                    if outer == group:
                        add_rows(inner, key, item.get(inner))

    def rows() -> Iterator[list[Any]]:
        for row in visit_rows(store, code):
            answers = json.loads(row[-1]) if row[-1] else {}
            for group in lay.repeats:
                add_rows(group, row[0], answers.get(group))
            yield _meta(row, labels) + [_value(c, answers.get(c.key), labels, lay.repeats)
                                        for c in lay.columns]

    headers = [m[1] if labels else m[0] for m in META] + [c.header for c in lay.columns]
    sheets = [(lay.repeat_headers.get(g, g), ["PARENT_KEY", "KEY", *groups[g]],
               repeat_rows[g]) for g in groups]
    n = write_table(out, headers, rows(), sheet="走访" if labels else "visits", sheets=sheets)
    if out.suffix.lower() == ".csv":  # a CSV holds one table: each repeat group gets its own
        for group, (_, head, body) in zip(groups, sheets):
            write_table(_repeat_csv(out, group), head, body)
    return n, {g: len(r) for g, r in repeat_rows.items()}


def _repeat_csv(path: Path, group: str) -> Path:
    return path.with_name(f"{path.stem}-{group}{path.suffix}")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value

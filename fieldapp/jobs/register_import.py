"""The register import as one job, shared by `fieldapp import-register` and the import wizard:
read the file, find the header, validate rows, plan against the database, then (unless a dry
run) apply the plan in one transaction. Progress: callback(done, total) -> False cancels.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldapp.core.gc_pause import gc_paused
from fieldapp.core.messages import ErrorCode
from fieldapp.core.progress import Cancelled, Progress
from fieldapp.core.register_columns import FIELD_LABELS_ZH, Layout, detect_layout, layout_at
from fieldapp.core.register_rows import ParsedRegister, Problem, cell_text, column_letter, parse_rows
from fieldapp.core.register_villages import VillageResolver
from fieldapp.store.register_imports.plan_apply import RegisterPlan, apply_register, areas, plan_register

from fieldapp.jobs.policies import OnBackupFailure, backup_before_change
from fieldapp.tabular.read import Table, TabularError, read_table
from fieldapp.tabular.write import write_table


@dataclass
class Checked:
    """What a dry run planned; an import with the same file and settings applies it as it is
    when the database has not been written since (what the user approved is what happens)."""

    key: tuple
    state: tuple[int, int]
    parsed: ParsedRegister
    plan: RegisterPlan


@dataclass
class RegisterResult:
    file: str
    sheet: str
    header_row: int  # 1-based, as Excel shows it
    columns: dict[str, int]
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    blank: int = 0
    members: int = 0
    dry_run: bool = False
    import_id: int | None = None  # its line in the import log (undo: fieldapp imports --undo)
    checked: Checked | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added, "updated": self.updated, "unchanged": self.unchanged,
            "rejected": [p.as_dict() for p in self.rejected],
            "warnings": [p.as_dict() for p in self.warnings],
            "skipped_blank": self.blank, "skipped_members": self.members,
            "dry_run": self.dry_run, "import_id": self.import_id, "file": self.file, "sheet": self.sheet,
            "header_row": self.header_row,
            "columns": {f: column_letter(c) for f, c in self.columns.items()},
        }


def find_layout(table: Table, header_row: int | None = None) -> Layout:
    """Detected (or the given 1-based) header row; an error naming the file if none fits."""
    if header_row is not None:
        layout = layout_at(table.rows, header_row - 1)
    else:
        found = detect_layout(table.rows)
        if found is None:
            raise TabularError(ErrorCode.REGISTER_NO_HEADER, column=ErrorCode.WORD_HEAD_NAME, code="no_header",
                               where=f"{table.path} [{table.sheet}]")
        layout = found
    return layout


def check_layout(table: Table, layout: Layout) -> None:
    missing = layout.missing()
    if missing:
        names = "、".join(FIELD_LABELS_ZH[f] for f in missing)
        raise TabularError(ErrorCode.REGISTER_MISSING_COLUMNS, row=layout.header_row + 1,
                           names=names, code="no_column", where=f"{table.path} [{table.sheet}]")


def prepare(store, table: Table, layout: Layout, village: str | None = None,
            progress: Progress | None = None) -> tuple[ParsedRegister, RegisterPlan]:
    check_layout(table, layout)
    resolver = VillageResolver(areas(store))
    if village and village not in resolver.villages and village not in resolver.towns:
        raise TabularError(ErrorCode.REGISTER_NO_AREA, area=village, code="village")
    try:
        parsed = parse_rows(table.rows, layout, resolver, village, progress)
    except KeyboardInterrupt:
        raise Cancelled(ErrorCode.CANCELLED_IMPORT) from None
    return parsed, plan_register(store, parsed, progress)


@gc_paused()  # its many objects hold no reference cycles (core.gc_pause)
def import_register(store, path: str | os.PathLike, *, village: str | None = None,
                    dry_run: bool = False, sheet: str | None = None,
                    header_row: int | None = None, columns: Mapping[str, int] | None = None,
                    user: str | None = None, progress: Progress | None = None,
                    table: Table | None = None, reuse: RegisterResult | None = None,
                    back_up_first: bool = False, on_backup_failure: OnBackupFailure = None
                    ) -> RegisterResult:
    """`reuse`: the result of a dry run of the same file and settings; its plan is applied as
    it is unless the database has been written since (then the file is planned again).
    `back_up_first`: an import (not a dry run) backs the database up first (jobs.policies)."""
    if back_up_first and not dry_run:
        backup_before_change(store.path, "import", on_failure=on_backup_failure)
    table = table or read_table(path, sheet)
    layout = find_layout(table, header_row)
    if columns is not None:
        layout = layout.with_columns(columns)
    key = (str(path), table.sheet, village, layout.header_row, tuple(sorted(layout.columns.items())))
    checked = reuse.checked if reuse is not None else None
    if checked is not None and checked.key == key and checked.state == store.data_state():
        parsed, plan, planned_at = checked.parsed, checked.plan, checked.state
    else:
        planned_at = store.data_state()  # before planning: a write during it plans again
        parsed, plan = prepare(store, table, layout, village, progress)
    if not dry_run:
        import_id, plan = apply_register(
            store, plan, user=user, progress=progress, planned_at=planned_at,
            replan=lambda: plan_register(store, parsed),
            log={"kind": "register", "file": Path(path).name, "sha256": _sha(path)})
    result = RegisterResult(
        file=str(path), sheet=table.sheet, header_row=layout.header_row + 1,
        columns=dict(layout.columns), added=len(plan.adds), updated=len(plan.updates),
        unchanged=plan.unchanged, rejected=plan.rejected, warnings=plan.warnings,
        blank=parsed.blank, members=parsed.members, dry_run=dry_run)
    if dry_run:
        result.checked = Checked(key, store.data_state(), parsed, plan)
    else:
        result.import_id = import_id
    return result


def _sha(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_rejects(path: str | os.PathLike, table: Table, result: RegisterResult) -> int:
    """The rejected rows as they were in the file, with 行号 and 原因 in front (and warnings on
    a second sheet); returns the number of rejected rows written."""
    header = table.rows[result.header_row - 1] if result.header_row else []
    headers = ["行号", "原因"] + [cell_text(h) or f"列{column_letter(i)}" for i, h in enumerate(header)]

    def rows(problems: list[Problem]):
        for p in problems:
            raw = table.rows[p.row - 1] if 0 < p.row <= len(table.rows) else []
            yield [p.row, p.reason] + [cell_text(c) for c in raw]

    return write_table(path, headers, rows(result.rejected), sheet="未导入的行",
                       sheets=[("提示", ["行号", "提示"],
                                ([p.row, p.reason] for p in result.warnings))])

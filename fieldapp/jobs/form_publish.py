"""County: publish a revised checklist (`fieldapp form publish DB FILE`). The workbook is checked
by the loader `form check` uses, must replace one of the checklists the program uses (same
form_id) with a newer version, and is kept in the database with the files it reads (choice
files, pulldata()/instance()/search() CSVs); the next reference bundles carry it to the laptops."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from fieldapp.core.errors import FieldappError
from fieldapp.core.form_versions import newer
from fieldapp.core.messages import ErrorCode, Said, listing
from fieldapp.core.status import coverage_fields
from fieldapp.core.zipguard import check_size
from fieldapp.store import forms as kept
from fieldapp.store.coverage_rule import rule_of
from fieldapp.store.form_source import FormInUse, FormMissing, current_form, in_use
from fieldapp.survey.loader import load_form
from fieldapp.sync.archive import member_limit
from fieldapp.sync.forms import MAX_FORM_FILES
from fieldapp.survey.registry import HOUSEHOLD_FORM, PUBLIC_PLACE_FORM

APP_FORMS = (HOUSEHOLD_FORM, PUBLIC_PLACE_FORM)


class PublishError(FieldappError):
    code = "form_publish"


@dataclass
class PublishResult:
    form_id: str
    version: str
    title: str
    previous: str
    file_name: str
    files: list[str] = field(default_factory=list)
    warnings: list[Said] = field(default_factory=list)  # the form's notes, from the catalogue

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "warnings": [str(w) for w in self.warnings],
                "warnings_en": [w.text("en") for w in self.warnings]}


def attachment_names(form) -> list[str]:
    """The files beside the workbook it reads: the choice files of its select_*_from_file
    questions, the CSVs of pulldata(), instance() (csv-external) and search() appearances."""
    return sorted(form.attachments)


def coverage_gaps(form, needs: dict[str, tuple[str, ...]]) -> list[str]:
    """What the checklist lacks of `needs` (answer name -> choice values): "visit_result" for a
    question missing or inside a repeat, "visit_result: met, vacant" for missing choices."""
    gaps: list[str] = []
    for name, values in needs.items():
        f = form.fields.get(name)
        if f is None or f.repeat:
            gaps.append(name)
            continue
        # the status compares the answer to choice values: a question without them lacks them
        offered = {c.name for c in form.choices_of(f)} if f.is_select else set()
        lacking = [v for v in values if v not in offered]
        if lacking:
            gaps.append(f"{name}: {', '.join(lacking)}")
    return gaps


def publish_form(store, path: str | os.PathLike, *, user: str = "") -> PublishResult:
    p = Path(path)
    if store.role != "county":
        raise PublishError(ErrorCode.FORM_PUBLISH_NOT_COUNTY, where=str(store.path))
    form = load_form(p)  # FormError naming sheet, row and column, as `form check`
    missing = sorted({n for files in form.missing_files.values() for n in files})
    if missing:  # a laptop could never complete a visit with it
        raise PublishError(ErrorCode.FORM_PUBLISH_MISSING_FILES, where=str(p), file=p.name,
                           files=", ".join(missing))
    if form.form_id not in APP_FORMS:
        raise PublishError(ErrorCode.FORM_PUBLISH_UNKNOWN_ID, where=str(p), file=p.name,
                           form_id=form.form_id, known=listing(APP_FORMS))
    if form.form_id == HOUSEHOLD_FORM:
        rule = rule_of(store)
        gaps = coverage_gaps(form, coverage_fields(rule))
        if gaps:
            raise PublishError(ErrorCode.FORM_PUBLISH_DROPS_COVERAGE, where=str(p), file=p.name,
                               rule=rule.version, missing="; ".join(gaps))
    try:
        previous = current_form(store, form.form_id).version
    except FormMissing:
        previous = ""
    if previous and not newer(form.version, previous):
        raise PublishError(ErrorCode.FORM_PUBLISH_NOT_NEWER, where=str(p), file=p.name,
                           form_id=form.form_id, version=form.version, current=previous)
    names = attachment_names(form)
    # what a laptop accepts in a reference bundle (docs/limits.md), checked before keeping it
    check_size(p.stat().st_size, member_limit("forms/x.xlsx"), str(p))
    if len(names) > MAX_FORM_FILES:
        raise PublishError(ErrorCode.FORM_PUBLISH_TOO_MANY_FILES, where=str(p), file=p.name,
                           count=len(names), limit=MAX_FORM_FILES)
    files = {n: (p.parent / n).read_bytes() for n in names}  # bounded: the loader read them
    with store.transaction():
        kept.add_form(store, form_id=form.form_id, version=form.version, file_name=p.name,
                      content=p.read_bytes(), title=form.title, origin="published",
                      published_by=user or store.setting("surveyor") or None, files=files)
    return PublishResult(form.form_id, form.version, form.title, previous, p.name, names,
                         list(form.warnings))


def list_forms(store) -> dict[str, Any]:
    """`form list`: every kept version, the version in use for each checklist, and which
    laptops made visits with which version."""
    using: list[FormInUse] = in_use(store, APP_FORMS)
    return {"forms": kept.form_list(store),
            "in_use": [asdict(u) for u in using],
            "usage": kept.usage(store)}

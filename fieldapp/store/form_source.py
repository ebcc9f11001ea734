"""Which checklist the app uses: the newest version of a form the database keeps (published at
the county, or received in a reference bundle) when it is newer than the one shipped with the
program, else the shipped one; and the exact version a visit was started with, so a draft
finishes on its own version.

A kept workbook is loaded by the same loader as `form check`, from a private temporary folder
holding it and its choice files (removed at once); loaded forms are cached by content."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from fieldapp.core.errors import FieldappError
from fieldapp.core.form_versions import newer, version_key
from fieldapp.core.messages import ErrorCode
from fieldapp.core.private_temp import private_workdir
from fieldapp.survey.errors import FormError
from fieldapp.survey.loader import load_form
from fieldapp.survey.model import Form
from fieldapp.survey.registry import bundled_form

from . import forms as kept

_loaded: dict[str, Form] = {}


class FormMissing(FieldappError):
    code = "form_not_found"


@dataclass(frozen=True)
class FormInUse:
    """What Settings/About and `form list` show: the version the app uses and where it is from."""

    form_id: str
    version: str
    title: str
    source: str  # "database" or "shipped"


def _plain_name(name: str) -> str:
    """A file name of its own (no folder, not hidden, not "." or ".."); "" otherwise."""
    base = Path(str(name)).name
    return base if base and not base.startswith(".") and "\\" not in base else ""


def load_bytes(file_name: str, content: bytes, files: Mapping[str, bytes] | None = None) -> Form:
    """Load a workbook held in memory (and its choice files); FormError as `form check`."""
    h = hashlib.sha256(content)
    for name in sorted(files or {}):
        h.update(b"\0" + name.encode("utf-8") + b"\0" + hashlib.sha256(files[name]).digest())
    key = h.hexdigest()
    if key in _loaded:
        return _loaded[key]
    safe = _plain_name(file_name)
    if not safe.lower().endswith((".xlsx", ".xls")):
        safe = "form.xlsx"
    with private_workdir("form-") as folder:
        for name, data in (files or {}).items():
            if _plain_name(name):  # a name that is no plain file name is missing for the form
                (folder / _plain_name(name)).write_bytes(data)
        (folder / safe).write_bytes(content)
        form = load_form(folder / safe)
    _loaded[key] = form
    return form


def _shipped(form_id: str) -> Form | None:
    try:
        return bundled_form(form_id)
    except FormError:
        return None


def _newest_kept(store, form_id: str) -> dict | None:
    rows = [r for r in kept.form_list(store) if r["form_id"] == form_id]
    return max(rows, key=lambda r: version_key(r["version"])) if rows else None


def _load_kept(store, form_id: str, version: str) -> Form | None:
    row = kept.form_content(store, form_id, version)
    if row is None:
        return None
    return load_bytes(row["file_name"], row["content"], row["files"])


def current_form(store, form_id: str) -> Form:
    """The version new visits use (see the module text); the shipped form without a store."""
    shipped = _shipped(form_id)
    best = _newest_kept(store, form_id) if store is not None else None
    if best is not None and (shipped is None or newer(best["version"], shipped.version)):
        form = _load_kept(store, form_id, best["version"])
        if form is not None:
            return form
    if shipped is None:
        raise FormMissing(ErrorCode.FORM_VERSION_MISSING, form_id=form_id, version="-")
    return shipped


def form_version(store, form_id: str, version: str) -> Form:
    """That exact version (a draft's, an old visit's): kept in the database or shipped."""
    shipped = _shipped(form_id)
    if shipped is not None and shipped.version == version:
        return shipped
    form = _load_kept(store, form_id, version) if store is not None else None
    if form is None:
        raise FormMissing(ErrorCode.FORM_VERSION_MISSING, form_id=form_id, version=version)
    return form


def form_for(store, form_id: str, version: str | None) -> Form:
    """A record's own version when it is still available, else the current one."""
    if version:
        try:
            return form_version(store, form_id, version)
        except (FormMissing, FormError):
            pass
    return current_form(store, form_id)


def visit_form(store, household_uuid: str, form_id: str, visit_uuid: str | None = None) -> Form:
    """The form a household's visit opens with: the given visit's version, else the version its
    unfinished draft started with, else the current one (a new visit)."""
    from . import visits

    record = (visits.get_visit(store, visit_uuid) if visit_uuid
              else visits.latest_draft(store, household_uuid, form_id))
    return form_for(store, form_id, record["form_version"] if record else None)


def place_form(store, place_uuid: str | None) -> Form:
    """The form a public place opens with: its own version, else the current one."""
    from fieldapp.survey.registry import PUBLIC_PLACE_FORM

    from .public_places import get_place

    place = get_place(store, place_uuid) if place_uuid else None
    return form_for(store, PUBLIC_PLACE_FORM, (place or {}).get("form_version"))


def in_use(store, form_ids: tuple[str, ...]) -> list[FormInUse]:
    """The version of each checklist the app uses now, and whether it came from the database."""
    out = []
    for form_id in form_ids:
        try:
            form = current_form(store, form_id)
        except (FormMissing, FormError):
            continue
        shipped = _shipped(form_id)
        source = "shipped" if shipped is not None and shipped.version == form.version \
            else "database"
        out.append(FormInUse(form_id, form.version, form.title, source))
    return out

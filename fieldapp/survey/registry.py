"""The checklists the app ships (forms/*.xlsx) and finding the form a visit was made with."""

from __future__ import annotations

from pathlib import Path

from fieldapp.core.paths import forms_dir

from .loader import load_form
from .model import Form

HOUSEHOLD_FORM = "huhutong_household"
PUBLIC_PLACE_FORM = "public_place"

_cache: dict[Path, tuple[float, Form]] = {}


def load_cached(path: Path) -> Form:
    """Load a workbook once per modification time."""
    mtime = path.stat().st_mtime
    hit = _cache.get(path)
    if hit and hit[0] == mtime:
        return hit[1]
    form = load_form(path)
    _cache[path] = (mtime, form)
    return form


def form_files(directory: Path | None = None) -> list[Path]:
    d = directory or forms_dir()
    return sorted(p for p in d.glob("*.xlsx") if not p.name.startswith(("~$", ".")))


def bundled_form(form_id: str, directory: Path | None = None) -> Form:
    """The current version of a shipped checklist, by form_id (or file stem)."""
    d = directory or forms_dir()
    direct = d / f"{form_id}.xlsx"
    if direct.exists():
        form = load_cached(direct)
        if form.form_id == form_id:
            return form
    for path in form_files(d):
        form = load_cached(path)
        if form.form_id == form_id:
            return form
    from fieldapp.core.messages import ErrorCode, Said

    from .errors import FormError, Problem

    raise FormError([Problem.of(Said(ErrorCode.FORM_NOT_FOUND, form_id=form_id), file=str(d))])

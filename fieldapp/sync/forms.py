"""Form versions a database knows, the comparison that rejects bundles made with a newer
checklist than the county has, and checklists travelling in reference bundles (county: the
newest kept version of each form with its choice files; laptop: checked against the signed
list of checksums, loaded like `form check`, then kept). Versions are XLSForm `version`
settings (e.g. "2026112501"), ordered by core.form_versions."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from fieldapp.core.form_versions import newer
from fieldapp.core.messages import ErrorCode, Said, Words
from fieldapp.core.paths import forms_dir
from fieldapp.core.zipguard import InputTooLarge, check_zip
from fieldapp.store import forms as kept
from fieldapp.store.form_source import load_bytes
from fieldapp.survey.errors import FormError

from .errors import BundleRejected

MAX_FORMS = 20  # checklists in one reference bundle
MAX_FORM_FILES = 50  # choice files of one checklist


def read_form_settings(content: bytes) -> tuple[str, str] | None:
    """(form_id, version) from an XLSForm workbook's settings sheet; None when it has none."""
    import io

    from openpyxl import load_workbook

    try:
        zf = check_zip(content, where="settings")  # a hostile workbook is not a form either
        if zf is not None:  # (sizes; a declared dimension costs nothing: two rows are read)
            zf.close()
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — any unreadable workbook is simply not a form
        return None
    try:
        if "settings" not in wb.sheetnames:
            return None
        rows = list(wb["settings"].iter_rows(max_row=2, values_only=True))
    finally:
        wb.close()
    if len(rows) < 2:
        return None
    head = {str(h).strip(): i for i, h in enumerate(rows[0]) if h is not None}
    if "form_id" not in head or "version" not in head:
        return None
    form_id, version = rows[1][head["form_id"]], rows[1][head["version"]]
    if form_id is None or version is None:
        return None
    if isinstance(version, float) and version.is_integer():
        version = int(version)
    return str(form_id).strip(), str(version).strip()


@lru_cache(maxsize=1)
def _shipped(folder: str, stamp: tuple) -> tuple[dict[str, Any], ...]:
    out = []
    for path in sorted(Path(folder).glob("*.xlsx")):
        content = path.read_bytes()
        meta = read_form_settings(content)
        if meta:
            out.append({"form_id": meta[0], "version": meta[1], "file_name": path.name,
                        "sha256": hashlib.sha256(content).hexdigest(), "content": content})
    return tuple(out)


def shipped_forms() -> list[dict[str, Any]]:
    """The workbooks in forms/ with their id and version (read once while unchanged)."""
    d = forms_dir()
    if not d.is_dir():
        return []
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                  for p in sorted(d.glob("*.xlsx")))
    return list(_shipped(str(d), stamp))


def too_new(bundle_versions: dict[str, str], known: set[tuple[str, str]]) -> list[Said]:
    """Problems: forms in the bundle newer than (or unknown to) this database."""
    best: dict[str, str] = {}
    for form_id, version in known:
        if form_id not in best or newer(version, best[form_id]):
            best[form_id] = version
    problems = []
    for form_id, version in sorted(bundle_versions.items()):
        if form_id not in best:
            problems.append(Said(ErrorCode.SYNC_FORM_UNKNOWN, form_id=form_id, version=version))
        elif newer(version, best[form_id]):
            problems.append(Said(ErrorCode.SYNC_FORM_NEWER, form_id=form_id, version=version,
                                 known=best[form_id]))
    return problems


def versions_in(changes) -> dict[str, str]:
    """Highest form version per form id used by visit/place changes."""
    out: dict[str, str] = {}
    pairs = set()
    for c in changes:
        if c.tbl not in ("visits", "public_places") or c.op == "delete":
            continue
        data = c.values()
        pairs.add((data.get("form_id"), data.get("form_version")))
    for fid, ver in pairs:  # a few distinct versions among many visits
        if fid and ver and (str(fid) not in out or newer(str(ver), out[str(fid)])):
            out[str(fid)] = str(ver)
    return out


# ----- checklists in reference bundles ------------------------------------------------------
def _member(sha: str, name: str) -> str:
    return f"forms/{sha}{Path(name).suffix.lower()}"


def current_forms(store, members: dict[str, bytes]) -> list[dict[str, Any]]:
    """County: the newest kept version of each form, added to `members` by checksum; returns the
    entries of reference.json's "forms" (the checksums recorded when each was kept)."""
    best: dict[str, dict[str, Any]] = {}
    for row in kept.form_list(store):
        if row["form_id"] not in best or newer(row["version"], best[row["form_id"]]["version"]):
            best[row["form_id"]] = row
    out = []
    for form_id in sorted(best):
        c = kept.form_content(store, form_id, best[form_id]["version"])
        if c is None:
            continue
        member = _member(c["sha256"], c["file_name"])
        members[member] = c["content"]
        files = []
        for name, data in c["files"].items():
            fm = _member(c["file_sha256"][name], name)
            members[fm] = data
            files.append({"name": name, "sha256": c["file_sha256"][name], "member": fm})
        out.append({"form_id": form_id, "version": c["version"], "file_name": c["file_name"],
                    "sha256": c["sha256"], "title": c["title"] or "", "member": member,
                    "files": files})
    return out


def _read_checked(payload, entry: dict[str, Any], form: tuple[str, str]) -> bytes:
    member = str(entry.get("member") or "")
    if member not in payload.infos:
        raise BundleRejected(ErrorCode.BUNDLE_FORM_MISMATCH, where=payload.where,
                             form_id=form[0], version=form[1], member=member or "-")
    data = payload.read(member)
    if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
        raise BundleRejected(ErrorCode.BUNDLE_FORM_MISMATCH, where=payload.where,
                             form_id=form[0], version=form[1], member=member)
    return data


def _received_form(payload, f: dict[str, Any]) -> tuple[bytes, dict[str, bytes]]:
    form = (str(f.get("form_id")), str(f.get("version")))
    files_in = f.get("files") or []
    if not isinstance(files_in, list) or len(files_in) > MAX_FORM_FILES:
        raise BundleRejected(ErrorCode.BUNDLE_FORM_UNUSABLE, where=payload.where, form_id=form[0],
                             version=form[1],
                             reason=Said(ErrorCode.SYNC_FORM_TOO_MANY_FILES, limit=MAX_FORM_FILES))
    content = _read_checked(payload, f, form)
    if str(f.get("file_name", "")).lower().endswith((".xlsx", ".xls")):
        try:  # bounded before loading (cell by cell: the declared dimension is not read)
            zf = check_zip(content, where=str(f.get("member")))
            if zf is not None:
                zf.close()
        except InputTooLarge as exc:
            raise BundleRejected(exc.entry, where=f"{payload.where}: {f.get('member')}",
                                 **exc.params) from None
    files = {Path(str(x.get("name"))).name: _read_checked(payload, x, form)
             for x in files_in if isinstance(x, dict)}
    try:
        loaded = load_bytes(str(f.get("file_name")), content, files)
    except FormError as exc:
        raise BundleRejected(ErrorCode.BUNDLE_FORM_UNUSABLE, where=payload.where, form_id=form[0],
                             version=form[1], reason=Words(exc.text("zh"), exc.text("en"))) from None
    if (loaded.form_id, loaded.version) != form:
        raise BundleRejected(ErrorCode.BUNDLE_FORM_UNUSABLE, where=payload.where, form_id=form[0],
                             version=form[1], reason=Said(ErrorCode.SYNC_FORM_OTHER_FORM,
                                                          form_id=loaded.form_id,
                                                          version=loaded.version))
    return content, files


def receive_forms(store, payload, entries: Any) -> list[tuple[str, str]]:
    """Laptop, inside the merge transaction: check and keep the checklists of a reference bundle
    (each must match its signed checksum and load); returns the (form id, version) newly kept.
    Entries of an older county (no "member") are skipped: their forms are the shipped ones."""
    if not isinstance(entries, list):
        return []
    if len(entries) > MAX_FORMS:
        raise BundleRejected(ErrorCode.BUNDLE_FORM_UNUSABLE, where=payload.where, form_id="-",
                             version="-", reason=Said(ErrorCode.SYNC_TOO_MANY_FORMS,
                                                      limit=MAX_FORMS))
    new = []
    for f in entries:
        if not isinstance(f, dict) or not f.get("member"):
            continue
        content, files = _received_form(payload, f)
        if kept.add_form(store, form_id=str(f["form_id"]), version=str(f["version"]),
                         file_name=Path(str(f.get("file_name"))).name, content=content,
                         title=str(f.get("title") or ""), origin="received", files=files):
            new.append((str(f["form_id"]), str(f["version"])))
    return new

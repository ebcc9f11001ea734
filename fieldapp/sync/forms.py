"""Form versions a database knows, and the comparison that rejects bundles made with a newer
checklist than the county has. Versions are XLSForm `version` settings (e.g. "2026112501"):
compared as numbers when both are digits, else as text."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from fieldapp.core.paths import forms_dir
from fieldapp.core.zipguard import check_zip


def version_key(v: str) -> tuple[int, int, str]:
    s = str(v).strip()
    return (1, int(s), "") if s.isdigit() else (0, 0, s)


def newer(v: str, than: str) -> bool:
    return version_key(v) > version_key(than)


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


def too_new(bundle_versions: dict[str, str], known: set[tuple[str, str]]) -> list[str]:
    """Problems: forms in the bundle newer than (or unknown to) this database."""
    best: dict[str, str] = {}
    for form_id, version in known:
        if form_id not in best or newer(version, best[form_id]):
            best[form_id] = version
    problems = []
    for form_id, version in sorted(bundle_versions.items()):
        if form_id not in best:
            problems.append(f"表单 {form_id}（版本 {version}）本库没有")
        elif newer(version, best[form_id]):
            problems.append(f"表单 {form_id} 版本 {version} 比本库已知的 {best[form_id]} 新")
    return problems


def versions_in(changes) -> dict[str, str]:
    """Highest form version per form id used by visit/place changes."""
    out: dict[str, str] = {}
    for c in changes:
        if c.tbl not in ("visits", "public_places") or c.op == "delete":
            continue
        data = c.values()
        fid, ver = data.get("form_id"), data.get("form_version")
        if fid and ver and (fid not in out or newer(str(ver), out[fid])):
            out[str(fid)] = str(ver)
    return out

"""Merge bundle files into a database: at the county, laptops' export bundles; at a laptop, the
county's reference bundles. Each bundle is checked completely before anything is written, then
planned and applied in ONE transaction together with its archive copy (by sha256), so a crash at
any moment leaves the database as before that bundle and re-running completes the merge.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from fieldapp.core.clock import DEFAULT_SKEW_S, hlc_bound, now_ms
from fieldapp.core.conflict_topics import count_topics
from fieldapp.core.coverage_rule import CoverageRule
from fieldapp.core.gc_pause import gc_paused
from fieldapp.core.messages import ErrorCode, Words
from fieldapp.core.progress import Cancelled, Progress
from fieldapp.store import StoreError
from fieldapp.store import conflicts as sync_conflicts
from fieldapp.store import forms as kept_forms
from fieldapp.store import visits
from fieldapp.store.coverage_rule import rule_of
from fieldapp.store.households.status import put_rule
from fieldapp.store.sync_log import keys as sync_keys
from fieldapp.store.sync_log.merge_reads import StoreState
from fieldapp.store.sync_log.merge_writes import merge_cache, savepoint, write_plan

from . import authority, forms, trust
from .errors import BundleRejected, SyncError, UnknownDevice
from .keys import KeyPair
from .plan import Plan, VillageCounts, plan_merge
from .id_numbers import kept_id_hashes
from .reader import Contents, local_copy, read_contents
from .verdicts import seen_of, verdict_conflicts


@dataclass
class BundleReport:
    file: str
    kind: str
    bundle_uuid: str
    device_id: str
    device_name: str
    township: str
    sha256: str
    status: str  # "merged", "already_merged", "preview"
    applied: int = 0
    unchanged: int = 0
    conflicts: int = 0
    duplicates: int = 0
    refused: list[dict[str, Any]] = field(default_factory=list)  # changes refused (authority)
    villages: dict[str, VillageCounts] = field(default_factory=dict)

    def totals(self) -> VillageCounts:
        t = VillageCounts()
        for v in self.villages.values():
            t.new, t.updated = t.new + v.new, t.updated + v.updated
            t.unchanged, t.conflicts = t.unchanged + v.unchanged, t.conflicts + v.conflicts
        return t


@dataclass
class MergeResult:
    reports: list[BundleReport] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)
    errors: list[BundleRejected] = field(default_factory=list)

    def reject(self, file, exc: BundleRejected) -> None:
        entry = {"file": str(file), "reason": exc.message, "reason_en": exc.text("en"),
                 "code": exc.code}
        if isinstance(exc, UnknownDevice):
            entry.update(device_id=exc.device_id, fingerprint=exc.fingerprint)
        self.rejected.append(entry)
        self.errors.append(exc)

    def as_json(self) -> dict[str, Any]:
        t = VillageCounts()
        for r in self.reports:
            rt = r.totals()
            t.new, t.updated = t.new + rt.new, t.updated + rt.updated
            t.unchanged, t.conflicts = t.unchanged + rt.unchanged, t.conflicts + rt.conflicts
        return {
            "bundles": len(self.reports),
            "applied": sum(r.applied for r in self.reports),
            "unchanged": sum(r.unchanged for r in self.reports),
            "conflicts": sum(r.conflicts for r in self.reports),
            "rejected": self.rejected,
            "records": asdict(t),
            "duplicates": sum(r.duplicates for r in self.reports),
            "refused_changes": [dict(c, file=r.file) for r in self.reports for c in r.refused],
            "files": [dict(asdict(r), villages={k: asdict(v) for k, v in r.villages.items()})
                      for r in self.reports],
        }


def merge_files(store, files: Iterable[str | os.PathLike], keys: KeyPair | None, *,
                user: str | None = None,
                code: str | None = None, dry_run: bool = False,
                progress: Progress | None = None) -> MergeResult:
    """Merge each file in its own transaction; a rejected file is reported and skipped. A
    cancel rolls back the bundle being merged (earlier ones stay merged)."""
    files = list(files)
    result = MergeResult()
    with merge_cache(store):
        if dry_run:
            return preview_files(store, files, keys, code=code,
                                 progress=progress)
        _merge_each(store, files, result, keys, user, code, progress)
    return result


def _merge_each(store, files, result, keys, user, code, progress) -> None:
    for i, f in enumerate(files):
        def step(done: int, total: int, i=i) -> bool:
            if progress is None:
                return True
            return progress(i * 1000 + (1000 * done // total if total else 0), len(files) * 1000)
        try:
            with gc_paused():  # one bundle's objects live until it is merged
                report = merge_file(store, f, keys, user=user, code=code, progress=step)
            result.reports.append(report)
        except Cancelled:
            raise
        except BundleRejected as exc:
            result.reject(f, exc)
    if progress:
        progress(len(files) * 1000, len(files) * 1000)


def merge_file(store, path: str | os.PathLike, keys: KeyPair | None, *,
               user: str | None = None,
               code: str | None = None, dry_run: bool = False,
               progress: Progress | None = None) -> BundleReport:
    """Check, plan and apply one bundle in one transaction (dry_run: then roll back)."""
    if dry_run:
        result = preview_files(store, [path], keys, code=code, progress=progress)
        if result.rejected:
            raise result.errors[0]
        return result.reports[0]
    user = user or store.setting("surveyor") or ""
    with local_copy(path) as (opened, work):
        report, contents, township = _check(store, opened, work, keys, code, "merged")
        if contents is None:
            return report
        content = opened.local.read_bytes()  # type: ignore[union-attr]
        h = opened.header
        try:
            with store.transaction() as conn:
                retired = _apply(store, conn, contents, township, report, progress)
                sync_conflicts.archive_bundle(
                    store, sha256=opened.sha256, bundle_uuid=h["bundle_uuid"], kind=h["kind"],
                    device_id=h["device_id"], township=h["township"],
                    file_name=Path(path).name, content=content, user=user,
                    result={"applied": report.applied, "unchanged": report.unchanged,
                            "conflicts": report.conflicts, "duplicates": report.duplicates})
        except sqlite3.IntegrityError as exc:
            raise BundleRejected(ErrorCode.BUNDLE_INCONSISTENT, reason=exc,
                                 where=str(path)) from None
        except StoreError as exc:
            if "constraint" not in exc.message.lower():
                raise
            raise BundleRejected(ErrorCode.BUNDLE_INCONSISTENT, reason=exc.message,
                                 where=str(path)) from None
        if retired:  # never a missing file behind an answer here
            visits.keep_named_attachments(store, user, retired)
        return report


def preview_files(store, files: Iterable[str | os.PathLike], keys: KeyPair | None, *,
                  code: str | None = None,
                  progress: Progress | None = None) -> MergeResult:
    """What merging these files in this order would do, per village: computed by applying them
    inside one transaction that is then rolled back, so later bundles see earlier ones."""
    files = list(files)
    result = MergeResult()
    try:
        with store.transaction() as conn:
            for i, f in enumerate(files):
                if progress and progress(i, len(files)) is False:
                    raise Cancelled(ErrorCode.CANCELLED_MERGE)
                try:
                    with gc_paused(), local_copy(f) as (opened, work), savepoint(store):
                        report, contents, township = _check(store, opened, work, keys, code,
                                                            "preview")
                        if contents is not None:
                            _apply(store, conn, contents, township, report, None)
                        result.reports.append(report)
                except BundleRejected as exc:
                    result.reject(f, exc)
                except sqlite3.IntegrityError as exc:
                    result.reject(f, BundleRejected(ErrorCode.BUNDLE_INCONSISTENT, where=str(f),
                                                    reason=str(exc)))
            raise _Rollback
    except _Rollback:
        pass
    return result


class _Rollback(Exception):
    pass


def _check(store, opened, work, keys, code, status):
    """Everything before writing: county, trust, archive, decryption, contents."""
    trust.check_county(store, opened)
    if store.role == "county":
        township = trust.laptop_for_export(store, opened)
    else:
        trust.county_for_reference(store, opened)
        township = None
    h = opened.header
    report = BundleReport(str(opened.path), h["kind"], h["bundle_uuid"], h["device_id"],
                          h.get("device_name") or h["device_id"], h["township"],
                          opened.sha256, status)
    if sync_conflicts.archived(store, opened.sha256):
        report.status = "already_merged"
        return report, None, township
    contents = read_contents(opened, work, keys, code)
    # ID numbers sealed on laptops become keyed hashes at the county; no salted hash is kept
    contents.changes = kept_id_hashes(store, contents.changes, keys)
    _check_contents(store, contents, township)
    return report, contents, township


def _apply(store, conn, contents: Contents, township, report: BundleReport,
           progress) -> list[str]:
    """Plan and write one bundle; returns the attachments it leaves retired."""
    plan = _plan(store, contents, township, report, progress)
    if store.role == "county":  # two laptops' visits of one household that disagree
        plan.conflicts_new.extend(verdict_conflicts(
            store, plan, contents.opened.header["device_id"], seen_of(contents.manifest),
            rule_of(store)))
    write_plan(store, plan)
    dups = 0
    if store.role == "county":
        dups = sync_conflicts.flag_duplicates(
            store, [r["uuid"] for r in plan.inserts.get("households", [])] +
            [r["uuid"] for r in plan.updates.get("households", [])])
    else:
        apply_reference_extras(store, conn, contents)
    _fill(report, plan, dups)
    return [r["sha256"] for r in plan.updates.get("attachments", ()) if r.get("deleted")]


def _plan(store, contents: Contents, township: str | None, report: BundleReport,
          progress) -> Plan:
    state, changes = StoreState(store.conn), contents.changes
    refused: list = []
    if township:  # at the county: what this laptop may change, judged per change
        device = contents.opened.header["device_id"]
        seen = state.seen_counters().get(device, 0)
        changes, refused = authority.split(changes, state, township=township, device=device,
                                           seen=seen)
        report.refused = [r.as_json() for r in refused]
    plan = plan_merge(changes, state, self_device=store.device_id,
                      attachment=contents.attachment, township=township,
                      where=str(contents.opened.path), progress=progress)
    for r in refused:  # decided: not sent again
        plan.seen[r.device] = max(plan.seen.get(r.device, 0), r.counter)
    return plan


def _fill(report: BundleReport, plan: Plan, dups: int) -> None:
    report.applied = plan.applied
    report.unchanged = plan.skipped
    report.conflicts = count_topics(plan.conflicts_new)  # a moved position is one conflict
    report.duplicates = dups
    report.villages = plan.villages


def _check_clock(store, contents: Contents, where: str) -> None:
    """Refuse a bundle whose changes are stamped too far in the future (a laptop whose clock says
    2100): taking them would drag every later change of this database into that future."""
    skew = float(store.setting("max_clock_skew_seconds") or DEFAULT_SKEW_S)
    bound = hlc_bound(now_ms(), skew)
    ahead = [c for c in contents.changes if c.hlc > bound]
    if ahead:
        c = max(ahead, key=lambda c: c.hlc)
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(int(c.hlc[:15]) / 1000))
        raise BundleRejected(ErrorCode.BUNDLE_FUTURE_STAMPS, where=where, device=c.device_id,
                             count=len(ahead), latest=when, hours=f"{skew / 3600:g}")


def _check_contents(store, contents: Contents, township: str | None) -> None:
    h, m, where = contents.opened.header, contents.manifest, str(contents.opened.path)
    _check_clock(store, contents, where)
    if h["kind"] == "export":
        others = {c.device_id for c in contents.changes} - {h["device_id"]}
        if others:
            raise BundleRejected(ErrorCode.BUNDLE_OTHER_DEVICES, device=min(others), where=where)
        used = forms.versions_in(contents.changes)
        problems = forms.too_new(used, _known_forms(store, light=True))
        if problems:  # look at what the database's own visits use before refusing
            problems = forms.too_new(used, _known_forms(store))
        if problems:
            raise BundleRejected(ErrorCode.BUNDLE_UNKNOWN_FORMS, where=where, problems=Words(
                "；".join(p.text("zh") for p in problems), "; ".join(p.text("en") for p in problems)))
        seen = (sync_keys.device(store, h["device_id"]) or {}).get("last_counter") or 0
        start = m.get("from_counter")
        if not isinstance(start, int) or start > seen + 1:
            raise BundleRejected(ErrorCode.BUNDLE_GAP, seen=seen, start=start, where=where)
    else:
        ref_settings = contents.reference["settings"]
        if ref_settings.get("id_salt") != store.setting("id_salt"):
            raise BundleRejected(ErrorCode.REFERENCE_SALT, where=where)


def _known_forms(store, light: bool = False) -> set[tuple[str, str]]:
    """Forms registered or shipped (and, unless light, used by visits in the database)."""
    known = set() if light else sync_keys.used_form_versions(store)
    known |= {(f["form_id"], f["version"]) for f in kept_forms.form_list(store)}
    known |= {(f["form_id"], f["version"]) for f in forms.shipped_forms()}
    return known


def apply_reference_extras(store, conn, contents: Contents) -> None:
    """At a laptop, inside the merge transaction: acknowledgements, resolved conflicts, forms,
    this laptop's certificate and the county's revocations."""
    ref = contents.reference
    _apply_certificates(store, conn, ref)
    ack = (ref.get("acks") or {}).get(store.device_id)
    current = int(store.setting("sync_acked_counter", "0") or 0)
    if isinstance(ack, int) and ack > current:
        store._put_settings({"sync_acked_counter": str(ack)})
    sync_conflicts.apply_resolutions(store, [r for r in ref.get("conflicts") or []
                                            if isinstance(r, dict)])
    rule = (ref.get("settings") or {}).get("coverage_rule")
    if rule and rule != store.setting("coverage_rule"):
        put_rule(store, CoverageRule.from_json(rule, where="参考包"))
    forms.receive_forms(store, contents.payload, ref.get("forms"))


def _apply_certificates(store, conn, ref: dict) -> None:
    from . import certificates, identity
    from .keys import b64

    county, mine = identity.county_public(store), b64(identity.own_public(store).sign)
    for cert in ref.get("certificates") or []:
        payload = certificates.verify(cert, county)
        if payload and payload.get("sign") == mine and payload.get("device_id") == store.device_id:
            store._put_settings({"device_certificate": json.dumps(cert, ensure_ascii=False)})
    for r in ref.get("revoked") or []:
        if isinstance(r, dict) and isinstance(r.get("device_id"), str):
            sync_keys.put_device(store, r["device_id"], name=r["device_id"], role="township",
                                 township=None, public_key=None, enrolment=str(r.get("serial")),
                                 status="revoked")


def require_keys(store, passphrase: str | None) -> KeyPair:
    from . import identity

    if not passphrase:
        raise SyncError(ErrorCode.PASSPHRASE_REQUIRED)
    return identity.unlock(store, passphrase)

"""`fieldapp check DB --repair-clock`: give malformed or future change stamps (taken in by older
versions from a laptop whose clock was wrong, or a hostile bundle) valid stamps at this computer's
current time. Explicit, never automatic; one transaction; says how many it rewrote.

Each bad change keeps its device and counter and gets `now-<n>-<device>`; a record whose current
stamp was bad takes the new stamp of the change that made it (so sync order is sound again)."""

from __future__ import annotations

from fieldapp.core.clock import DEFAULT_SKEW_S, HLC_GLOB, format_hlc, hlc_bound, now_ms

from .schema import SYNCED_FIELDS


def repair_clock(store) -> dict[str, int]:
    """Rewrite bad stamps; returns {"changes": n, "records": m}."""
    skew = float(store.setting("max_clock_skew_seconds") or DEFAULT_SKEW_S)
    bound = hlc_bound(now_ms(), skew)
    out = {"changes": 0, "records": 0}
    with store.transaction() as conn:
        now = now_ms()
        bad = conn.execute(
            "SELECT seq, device_id, counter, hlc FROM changes WHERE NOT hlc GLOB ? OR hlc > ?"
            " ORDER BY seq", (HLC_GLOB, bound)).fetchall()
        new_of: dict[tuple[str, int], str] = {}
        for n, (seq, device, counter, _old) in enumerate(bad):
            stamp = format_hlc(now, n, device)
            conn.execute("UPDATE changes SET hlc = ? WHERE seq = ?", (stamp, seq))
            new_of[(device, counter)] = stamp
        out["changes"] = len(bad)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for tbl in (t for t in SYNCED_FIELDS if t in tables):
            rows = conn.execute(f"SELECT rowid, device_id, counter FROM {tbl}"
                                " WHERE NOT hlc GLOB ? OR hlc > ?", (HLC_GLOB, bound)).fetchall()
            for rowid, device, counter in rows:
                stamp = new_of.get((device, counter)) or format_hlc(now, len(bad), device)
                conn.execute(f"UPDATE {tbl} SET hlc = ? WHERE rowid = ?", (stamp, rowid))
            out["records"] += len(rows)
    return out

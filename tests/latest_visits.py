"""Test helper: each live household's latest complete visit answers, read straight from the
tables (not through the app's queries), to check what commands print against."""

import json

from fieldapp.store import Store


def latest_answers(path) -> dict[str, dict]:
    latest = {}
    with Store.open(path, readonly=True) as s:
        live = {u for (u,) in s.conn.execute(
            "SELECT uuid FROM households WHERE deleted = 0 AND merged_into IS NULL")}
        for h, answers, when, hlc in s.conn.execute(
                "SELECT household_uuid, answers, coalesce(ended_at, started_at), hlc FROM visits"
                " WHERE state = 'complete' AND deleted = 0"):
            if h in live and (h not in latest or (when, hlc) > latest[h][0]):
                latest[h] = ((when, hlc), json.loads(answers))
    return {h: a for h, (_, a) in latest.items()}

"""Log a conflict resolution that keeps the value a record already holds.

`ChangeWriter.update` writes nothing when the value does not change, but a resolution must still
travel (it makes the county's decision the newest version of the field, so a laptop that still
holds the losing value takes the kept one). This stamps and logs such an update through the
writer's own counter and clock, inside its transaction.
"""

from __future__ import annotations

import json
from typing import Any

from fieldapp.store.sync_log.changes import ChangeWriter, _dumps


def reassert(w: ChangeWriter, tbl: str, record_uuid: str, field: str, value: Any) -> str:
    """Log `field = value` (already the record's value) as a new change; returns its version."""
    row = w.conn.execute(f"SELECT clock FROM {tbl} WHERE uuid = ?", (record_uuid,)).fetchone()
    clock = json.loads(row[0])
    head = field.split(".", 1)[0]
    base = clock.get(field, clock.get(head, clock.get("*")))
    counter, hlc = w._stamp()
    version = f"{w.device}:{counter}"
    clock[field] = version
    w.conn.execute(f"UPDATE {tbl} SET device_id = ?, counter = ?, hlc = ?, clock = ?"
                   " WHERE uuid = ?", (w.device, counter, hlc, _dumps(clock), record_uuid))
    w._log([(w.device, counter, hlc, tbl, record_uuid, "update", _dumps({field: value}),
             _dumps({field: value}), _dumps({field: base}), w.user, w.at)])
    return version

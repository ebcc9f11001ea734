"""Records named by a short id (the first characters of their uuid, fieldapp.core.short_id) or
the whole uuid, as commands print them."""

from __future__ import annotations


from fieldapp.core.errors import FieldappError
from fieldapp.core.messages import ErrorCode
from fieldapp.core.short_id import id_prefix

_TABLES = frozenset({"work_orders", "spot_checks", "spot_check_items"})


def resolve_id(store, table: str, text: str, *,
               error: type[FieldappError], missing: ErrorCode, what: str,
               **missing_params: str) -> str:
    """The uuid of the live record of `table` that `text` names; `missing` (with
    `missing_params`) when none does, an ambiguity error naming `what` when several do."""
    conn = store.conn
    assert table in _TABLES, table
    prefix = id_prefix(text)
    hits = [] if prefix is None else [r[0] for r in conn.execute(
        f"SELECT uuid FROM {table} WHERE uuid >= ? AND uuid < ? AND deleted = 0 LIMIT 50",
        (prefix, prefix + "g"))]
    if prefix in hits:
        return prefix
    if not hits:
        raise error(missing, **missing_params)
    if len(hits) > 1:
        raise error(ErrorCode.SHORT_ID_AMBIGUOUS, text=text.strip(), count=len(hits), what=what)
    return hits[0]

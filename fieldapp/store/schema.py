"""Schema and migrations. `PRAGMA user_version` holds the schema version.

Every synced table carries the sync columns (see docs/data-model.md):
  uuid       stable identity of the record on every device
  device_id  device that made the record's latest change
  counter    that device's change counter for the change (per device, strictly increasing)
  hlc        hybrid logical clock stamp of the change (total order across devices)
  clock      JSON {field: "device:counter"} version of each field; "*" is the insert's version
  deleted    tombstone (records are never removed, so a delete can travel)
"""

from __future__ import annotations

SYNC_COLUMNS = """
  device_id TEXT NOT NULL,
  counter INTEGER NOT NULL,
  hlc TEXT NOT NULL,
  clock TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0
"""

# Data columns of each synced table: what travels in bundles and is versioned per field.
SYNCED_FIELDS: dict[str, tuple[str, ...]] = {
    "areas": ("code", "name", "level", "parent_code", "unit_type", "boundary"),
    "households": (
        "village_code", "group_no", "head_name", "size", "phone", "id_hash", "id_masked",
        "id_full", "address", "lon", "lat", "notes", "source", "merged_into",
        "outside_confirmed_m",  # v016
    ),
    "visits": (
        "household_uuid", "form_id", "form_version", "answers", "state", "surveyor",
        "device", "started_at", "ended_at",
    ),
    "attachments": ("sha256", "media_type", "size", "content", "thumbnail", "created_at"),
    "public_places": (
        "township_code", "village_code", "place_type", "name", "form_id", "form_version",
        "answers", "state", "surveyor", "lon", "lat", "notes", "updated_at",
    ),
    # v002: gap follow-up and spot checks (issue 4)
    "work_orders": (
        "household_uuid", "kind", "operator", "due_date", "state", "opened_at", "done_at",
        "verified_at", "verified_visit_uuid", "notes",
    ),
    "spot_checks": (
        "area_code", "method", "amount", "seed", "population", "drawn_at", "drawn_by", "notes",
    ),
    "spot_check_items": (
        "check_uuid", "household_uuid", "village_code", "outcome", "checked_at", "checker", "note",
    ),
    # v018: service points and public-area emergency-broadcast terminals (seed 2)
    "facilities": (
        "kind", "township_code", "village_code", "name", "address", "contact", "phone", "status",
        "lon", "lat", "notes", "updated_at",
    ),
    # v007: printed verification sheets (sheet_id: the id in the QR codes)
    "sheet_prints": (
        "sheet_id", "kind", "area_code", "stamp", "generated_at", "pages", "row_count", "file", "printed_by",
        "page_data",
    ),
}

# Synced columns declared INTEGER or REAL (tests/store/test_number_fields.py checks this against
# a new database): a change may give them a number, or text SQLite stores as one, never other text.
NUMBER_FIELDS = {
    "households": ("size", "lon", "lat", "outside_confirmed_m"),
    "attachments": ("size",),
    "public_places": ("lon", "lat"),
    "spot_checks": ("amount", "seed", "population"),
    "facilities": ("lon", "lat"),
    "sheet_prints": ("pages", "row_count"),
}

# JSON object columns versioned per key ("answers.works_now"), so two devices editing
# different answers of one visit never conflict.
JSON_FIELDS = frozenset({"answers"})

from .migrations import MIGRATIONS, SCHEMA_VERSION  # noqa: E402,F401

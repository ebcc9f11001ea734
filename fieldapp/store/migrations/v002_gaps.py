"""Version 2: gap follow-up work orders, spot-check samples and their items (all synced), the
register import log (local), and partial covering indexes that keep the county reconciliation
(status counts, duplicate ID numbers, same names in a group) well under a second."""

from fieldapp.store.schema import SYNC_COLUMNS

SQL = f"""
CREATE TABLE work_orders (
  uuid TEXT PRIMARY KEY,
  household_uuid TEXT NOT NULL REFERENCES households(uuid),
  kind TEXT NOT NULL CHECK (kind IN ('install', 'repair', 'handover')),
  operator TEXT NOT NULL,
  due_date TEXT,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'verified', 'cancelled')),
  opened_at TEXT,
  done_at TEXT,
  verified_at TEXT,
  verified_visit_uuid TEXT,
  notes TEXT,
  {SYNC_COLUMNS}
);
CREATE INDEX work_orders_household ON work_orders(household_uuid);
CREATE INDEX work_orders_state ON work_orders(state, due_date);
CREATE TABLE spot_checks (
  uuid TEXT PRIMARY KEY,
  area_code TEXT NOT NULL REFERENCES areas(code),
  method TEXT NOT NULL CHECK (method IN ('percent', 'count')),
  amount REAL NOT NULL,
  seed INTEGER NOT NULL,
  population INTEGER,
  drawn_at TEXT,
  drawn_by TEXT,
  notes TEXT,
  {SYNC_COLUMNS}
);
CREATE TABLE spot_check_items (
  uuid TEXT PRIMARY KEY,
  check_uuid TEXT NOT NULL REFERENCES spot_checks(uuid),
  household_uuid TEXT NOT NULL REFERENCES households(uuid),
  village_code TEXT NOT NULL,
  outcome TEXT NOT NULL DEFAULT 'pending'
    CHECK (outcome IN ('pending', 'confirmed', 'not_confirmed', 'unreachable')),
  checked_at TEXT,
  checker TEXT,
  note TEXT,
  {SYNC_COLUMNS}
);
CREATE INDEX spot_check_items_check ON spot_check_items(check_uuid, village_code);
CREATE TABLE import_log (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  file TEXT NOT NULL,
  sha256 TEXT,
  user TEXT,
  at TEXT NOT NULL,
  added INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  warnings INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX households_reconcile ON households(village_code, source, status, status_reason)
  WHERE deleted = 0 AND merged_into IS NULL;
CREATE INDEX households_dup_id ON households(id_hash, village_code)
  WHERE deleted = 0 AND merged_into IS NULL AND id_hash IS NOT NULL;
CREATE INDEX households_dup_name ON households(village_code, group_no, head_name, id_hash)
  WHERE deleted = 0 AND merged_into IS NULL
"""

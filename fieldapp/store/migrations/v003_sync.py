"""Version 3: sync — this device's protected key pair, field-level conflicts, the archive of merged
bundles, forms received or registered, enrolment tokens issued, duplicate-household flags and the
export log. Peers (the county at a laptop, enrolled laptops at the county) live in `devices`
(public_key JSON, enrolment token id, status, last_counter = highest change counter merged).
"""

SQL = """
CREATE TABLE sync_keys (
  device_id TEXT PRIMARY KEY,
  sign_public TEXT NOT NULL,
  box_public TEXT NOT NULL,
  protected TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE sync_conflicts (
  id INTEGER PRIMARY KEY,
  tbl TEXT NOT NULL,
  record_uuid TEXT NOT NULL,
  field TEXT NOT NULL,
  loser_version TEXT NOT NULL,
  base_version TEXT,
  base TEXT,
  theirs TEXT,
  theirs_device TEXT NOT NULL,
  ours TEXT,
  ours_version TEXT NOT NULL,
  ours_device TEXT NOT NULL,
  village_code TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolution TEXT,
  resolved_value TEXT,
  resolved_by TEXT,
  resolved_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (tbl, record_uuid, field, loser_version)
);
CREATE INDEX sync_conflicts_field ON sync_conflicts(tbl, record_uuid, field, status);
CREATE INDEX sync_conflicts_status ON sync_conflicts(status);
CREATE TABLE sync_bundles (
  sha256 TEXT PRIMARY KEY,
  bundle_uuid TEXT NOT NULL,
  kind TEXT NOT NULL,
  device_id TEXT NOT NULL,
  township_code TEXT,
  file_name TEXT,
  size INTEGER NOT NULL,
  content BLOB NOT NULL,
  merged_at TEXT NOT NULL,
  merged_by TEXT,
  result TEXT
);
CREATE INDEX sync_bundles_uuid ON sync_bundles(bundle_uuid);
CREATE TABLE sync_forms (
  form_id TEXT NOT NULL,
  version TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  content BLOB NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (form_id, version)
);
CREATE TABLE sync_enrolments (
  token_id TEXT PRIMARY KEY,
  township_code TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'issued'
);
CREATE TABLE sync_duplicates (
  id INTEGER PRIMARY KEY,
  household_a TEXT NOT NULL,
  household_b TEXT NOT NULL,
  village_code TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('id_hash', 'head_group')),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'dismissed')),
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  UNIQUE (household_a, household_b)
);
CREATE INDEX sync_duplicates_status ON sync_duplicates(status);
CREATE TABLE sync_exports (
  bundle_uuid TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  township_code TEXT,
  from_counter INTEGER,
  to_counter INTEGER,
  changes INTEGER NOT NULL,
  file_name TEXT,
  created_at TEXT NOT NULL
)
"""

"""Version 1: settings, devices, areas, households, visits, attachments, public places, change log,
audit log."""

from fieldapp.store.schema import SYNC_COLUMNS

SQL = f"""
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT
);
CREATE TABLE devices (
  device_id TEXT PRIMARY KEY,
  name TEXT,
  role TEXT,
  township_code TEXT,
  public_key TEXT,
  enrolment TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  last_counter INTEGER NOT NULL DEFAULT 0,
  first_seen TEXT,
  last_seen TEXT
);
CREATE TABLE areas (
  code TEXT PRIMARY KEY CHECK (length(code) = 12),
  uuid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('county', 'township', 'village')),
  parent_code TEXT REFERENCES areas(code),
  unit_type TEXT,
  boundary TEXT,
  {SYNC_COLUMNS}
);
CREATE INDEX areas_parent ON areas(parent_code);
CREATE TABLE households (
  uuid TEXT PRIMARY KEY,
  village_code TEXT NOT NULL REFERENCES areas(code),
  group_no TEXT,
  head_name TEXT NOT NULL,
  head_initials TEXT,
  size INTEGER,
  phone TEXT,
  id_hash TEXT,
  id_masked TEXT,
  id_full TEXT,
  address TEXT,
  lon REAL,
  lat REAL,
  notes TEXT,
  source TEXT NOT NULL DEFAULT 'register',
  merged_into TEXT,
  status TEXT NOT NULL DEFAULT 'not_visited',
  status_reason TEXT NOT NULL DEFAULT '',
  last_visit_at TEXT,
  {SYNC_COLUMNS}
);
CREATE INDEX households_village ON households(village_code, status);
CREATE INDEX households_id_hash ON households(id_hash);
CREATE TABLE visits (
  uuid TEXT PRIMARY KEY,
  household_uuid TEXT NOT NULL REFERENCES households(uuid),
  form_id TEXT NOT NULL,
  form_version TEXT NOT NULL,
  answers TEXT NOT NULL DEFAULT '{{}}',
  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'complete')),
  surveyor TEXT,
  device TEXT,
  started_at TEXT,
  ended_at TEXT,
  {SYNC_COLUMNS}
);
CREATE INDEX visits_household ON visits(household_uuid);
CREATE TABLE attachments (
  uuid TEXT NOT NULL UNIQUE,
  sha256 TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  content BLOB NOT NULL,
  thumbnail BLOB,
  created_at TEXT,
  {SYNC_COLUMNS}
);
CREATE TABLE public_places (
  uuid TEXT PRIMARY KEY,
  township_code TEXT NOT NULL REFERENCES areas(code),
  village_code TEXT REFERENCES areas(code),
  place_type TEXT,
  name TEXT NOT NULL,
  form_id TEXT,
  form_version TEXT,
  answers TEXT NOT NULL DEFAULT '{{}}',
  state TEXT NOT NULL DEFAULT 'draft',
  surveyor TEXT,
  lon REAL,
  lat REAL,
  notes TEXT,
  updated_at TEXT,
  {SYNC_COLUMNS}
);
CREATE INDEX public_places_township ON public_places(township_code);
CREATE TABLE changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id TEXT NOT NULL,
  counter INTEGER NOT NULL,
  hlc TEXT NOT NULL,
  tbl TEXT NOT NULL,
  record_uuid TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  data TEXT NOT NULL,
  old TEXT,
  base TEXT,
  user TEXT,
  at TEXT NOT NULL,
  UNIQUE (device_id, counter)
);
CREATE INDEX changes_record ON changes(tbl, record_uuid);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  tbl TEXT NOT NULL,
  record_uuid TEXT NOT NULL,
  field TEXT NOT NULL,
  old TEXT,
  new TEXT,
  user TEXT,
  device_id TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX audit_record ON audit_log(record_uuid);
"""

"""Version 18: the registers of seed 2 (issue 17 item 9): broadcasting service points (a service
station per township, agency points in villages) and public-area emergency-broadcast terminals,
one synced table `facilities` told apart by `kind` (station, agency, terminal)."""

from fieldapp.store.schema import SYNC_COLUMNS

SQL = f"""
CREATE TABLE IF NOT EXISTS facilities (
  uuid TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  township_code TEXT NOT NULL REFERENCES areas(code),
  village_code TEXT REFERENCES areas(code),
  name TEXT NOT NULL,
  address TEXT,
  contact TEXT,
  phone TEXT,
  status TEXT,
  lon REAL,
  lat REAL,
  notes TEXT,
  updated_at TEXT,
  {SYNC_COLUMNS}
);
CREATE INDEX IF NOT EXISTS facilities_township ON facilities(township_code, kind)
"""

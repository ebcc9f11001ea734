"""Version 5: register of printed sheets and pages. Each printed page keeps the rows it showed
(household uuid and the printed cells, zlib-compressed JSON), so `sheets verify` can say what has
changed since a signed paper was printed. Local to this database (not synced)."""

SQL = """
CREATE TABLE printed_sheets (
  sheet_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('village', 'places', 'slip')),
  area_code TEXT NOT NULL,
  stamp TEXT NOT NULL,
  generated_at TEXT NOT NULL,
  pages INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  file TEXT,
  user TEXT
);
CREATE INDEX printed_sheets_area ON printed_sheets(area_code, generated_at);
CREATE TABLE printed_pages (
  sheet_id TEXT NOT NULL REFERENCES printed_sheets(sheet_id),
  page INTEGER NOT NULL,
  row_hash TEXT NOT NULL,
  rows BLOB NOT NULL,
  PRIMARY KEY (sheet_id, page)
)
"""

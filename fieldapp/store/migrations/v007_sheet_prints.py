"""Version 7: the register of printed sheets becomes a synced table, so the county can say what
changed on a page a township printed (and a township on one the county printed for it). One
record a printed sheet (its own uuid: the 8-digit sheet id in the QR codes is short, and two
devices may draw the same one); its pages (row hash and the printed cells of every row) are one
zlib-compressed JSON blob. Sheets printed before stay in the local printed_sheets /
printed_pages tables (v005) and are still read from there."""

from fieldapp.store.schema import SYNC_COLUMNS

SQL = f"""
CREATE TABLE sheet_prints (
  uuid TEXT PRIMARY KEY,
  sheet_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('village', 'places', 'slip')),
  area_code TEXT NOT NULL REFERENCES areas(code),
  stamp TEXT NOT NULL,
  generated_at TEXT NOT NULL,
  pages INTEGER NOT NULL,
  row_count INTEGER NOT NULL,
  file TEXT,
  printed_by TEXT,
  page_data BLOB NOT NULL,
  {SYNC_COLUMNS}
);
CREATE INDEX sheet_prints_sheet ON sheet_prints(sheet_id)
"""

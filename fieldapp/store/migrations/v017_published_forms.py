"""Version 17: checklists that travel (issue 18 item 5). A county publishes a revised XLSForm
(`fieldapp form publish`): the workbook is kept in `sync_forms` with its title, where it came
from (`origin`: shipped with the program, published here, or received in a reference bundle) and
who published it; the choice files its select_*_from_file questions read are kept beside it in
`sync_form_files`. Reference bundles carry both to the laptops."""

SQL = """
ALTER TABLE sync_forms ADD COLUMN title TEXT;
ALTER TABLE sync_forms ADD COLUMN origin TEXT NOT NULL DEFAULT 'shipped';
ALTER TABLE sync_forms ADD COLUMN published_by TEXT;
CREATE TABLE sync_form_files (
  form_id TEXT NOT NULL,
  version TEXT NOT NULL,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  content BLOB NOT NULL,
  PRIMARY KEY (form_id, version, name)
)
"""

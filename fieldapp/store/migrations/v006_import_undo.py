"""Version 6: an import remembers the change-counter range it wrote (this device's counters
first_counter..last_counter), so it can be undone change by change; undone_at marks it undone."""

SQL = """
ALTER TABLE import_log ADD COLUMN device_id TEXT;
ALTER TABLE import_log ADD COLUMN first_counter INTEGER;
ALTER TABLE import_log ADD COLUMN last_counter INTEGER;
ALTER TABLE import_log ADD COLUMN undone_at TEXT
"""

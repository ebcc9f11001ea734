"""Version 4: a covering index for the map view, so the positions and statuses of a whole county
(218,800 households) are read from the index instead of scanning the wide households rows."""

SQL = """
CREATE INDEX IF NOT EXISTS households_map ON households(deleted, merged_into, status, lon, lat)
"""

"""Version 20: an index in the household list's order (village, group as a number, head's name),
so the first page of a township or the whole county — the list the app shows at start-up,
sorted by village — is read from the index instead of sorting 218,800 households (0.6 s)."""

SQL = """
CREATE INDEX IF NOT EXISTS households_list
  ON households(village_code, CAST(group_no AS INTEGER), group_no, head_name, uuid)
  WHERE deleted = 0 AND merged_into IS NULL
"""

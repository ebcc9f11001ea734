"""The change log and what sync reads from and writes to the database."""

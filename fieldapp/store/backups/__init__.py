"""Backups of a database file and what a backup holds."""

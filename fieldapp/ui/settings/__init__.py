"""Settings and backups dialogs."""

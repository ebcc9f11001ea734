"""Public places tab and checklist."""

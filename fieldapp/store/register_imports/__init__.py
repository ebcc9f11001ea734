"""Household register imports: plan, apply, log and undo."""

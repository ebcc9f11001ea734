"""The map tab and map imports/checks."""

"""Domain types and rules. Pure Python: no Qt, no SQLite, no reportlab."""

"""Fault-injection fixtures (see fault_helpers.py)."""

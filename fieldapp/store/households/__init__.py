"""Households: lists, derived status, gaps and work orders, export rows."""

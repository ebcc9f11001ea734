"""Synthetic demo counties built on the real division codes and boundaries."""

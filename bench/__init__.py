"""County-scale benchmarks: `python -m bench` (see bench/__main__.py and bench/common.py).

Every workload is timed against a plain baseline doing the same job in the same run (raw sqlite3,
a bare reportlab table, a bare file read), and reported as a ratio.
"""

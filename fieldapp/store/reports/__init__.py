"""Read queries behind reports, reconciliation and printed sheets."""

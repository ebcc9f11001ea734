"""Sync bundles between township laptops and the county: keys, bundle files (encrypted and
signed), delta export, reference bundles, merge with field-level conflicts. No Qt here."""

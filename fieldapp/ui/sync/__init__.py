"""The Sync menu: merge, conflicts, bundles."""

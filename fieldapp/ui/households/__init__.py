"""Area tree, household table and household detail."""

"""The Print / Reports menu: sheets, slips, verification, coverage report."""

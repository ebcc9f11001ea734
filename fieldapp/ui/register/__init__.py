"""Register import wizard and import history."""

"""schema.NUMBER_FIELDS (the synced columns a bundle may only give numbers) is every synced
column a new database declares INTEGER or REAL: a column added later cannot be missed."""

from fieldapp.store.schema import NUMBER_FIELDS, SYNCED_FIELDS
from fieldapp.store.setup import new_county_database


def test_number_fields_are_the_integer_and_real_columns(tmp_path):
    store = new_county_database(tmp_path / "county.sqlite", "330411")
    try:
        declared = {}
        for table, fields in SYNCED_FIELDS.items():
            types = {r[1]: r[2] for r in store.conn.execute(f"PRAGMA table_info({table})")}
            numbers = tuple(f for f in fields if types[f] in ("INTEGER", "REAL"))
            if numbers:
                declared[table] = numbers
    finally:
        store.close()
    assert declared == NUMBER_FIELDS

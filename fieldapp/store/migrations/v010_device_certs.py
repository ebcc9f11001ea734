"""Version 10: device certificates. The county signs each laptop's public keys (device id,
township, keys, issue date, serial); a bundle is accepted only from a key with a valid,
unrevoked certificate. The old enrolment tokens were bearer credentials that travelled in every
export header: they are retired here and the copy a laptop kept in its settings is removed.
Laptops enrolled the old way are re-enrolled in one step at the county (`devices enrol DB
FINGERPRINT --township CODE`), their pinned keys stay in `devices`."""

SQL = """
CREATE TABLE device_certs (
  serial INTEGER PRIMARY KEY,
  device_id TEXT NOT NULL,
  name TEXT,
  township_code TEXT NOT NULL,
  sign_public TEXT NOT NULL,
  box_public TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  certificate TEXT NOT NULL,
  revoked_at TEXT,
  revoked_reason TEXT
);
CREATE INDEX device_certs_key ON device_certs(sign_public);
CREATE INDEX device_certs_device ON device_certs(device_id);
UPDATE sync_enrolments SET status = 'retired';
DELETE FROM settings WHERE key = 'sync_enrolment'
"""

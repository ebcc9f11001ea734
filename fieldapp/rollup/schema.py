"""The roll-up schema on PostgreSQL/PostGIS (`fieldapp rollup init`): one schema `fieldapp`, every
table keyed by county so that a push touches only its own county's rows, geometries in CGCS2000
(EPSG:4490), views a GIS user opens in QGIS. Migrations are append-only, like the county store's.
See docs/rollup.md."""

from __future__ import annotations

from fieldapp.core.messages import ErrorCode

from .errors import RollupError

SCHEMA = "fieldapp"

_V1 = """
CREATE SCHEMA IF NOT EXISTS fieldapp;
CREATE TABLE fieldapp.meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE fieldapp.counties (
  county_code text PRIMARY KEY CHECK (county_code ~ '^[0-9]{12}$'),
  name text NOT NULL,
  city_code text NOT NULL,
  province_code text NOT NULL,
  source_id text NOT NULL,
  pushed_seq bigint NOT NULL DEFAULT 0,
  load_table text,
  load_after text,
  load_seq bigint,
  pushed_at timestamptz
);
CREATE TABLE fieldapp.divisions (
  county_code text NOT NULL REFERENCES fieldapp.counties,
  code text NOT NULL,
  name text NOT NULL,
  level text NOT NULL,
  parent_code text,
  deleted boolean NOT NULL DEFAULT false,
  boundary geometry(MultiPolygon, 4490),
  PRIMARY KEY (county_code, code)
);
CREATE INDEX divisions_boundary ON fieldapp.divisions USING gist (boundary);
CREATE TABLE fieldapp.households (
  county_code text NOT NULL REFERENCES fieldapp.counties,
  uuid text NOT NULL,
  township_code text NOT NULL,
  village_code text NOT NULL,
  group_no text,
  head_name text NOT NULL,
  size integer,
  id_masked text,
  source text,
  merged_into text,
  status text NOT NULL,
  status_reason text NOT NULL DEFAULT '',
  last_visit_at text,
  deleted boolean NOT NULL DEFAULT false,
  geom geometry(Point, 4490),
  PRIMARY KEY (county_code, uuid)
);
CREATE INDEX households_village ON fieldapp.households (village_code, status);
CREATE INDEX households_geom ON fieldapp.households USING gist (geom);
CREATE TABLE fieldapp.visits (
  county_code text NOT NULL REFERENCES fieldapp.counties,
  uuid text NOT NULL,
  household_uuid text NOT NULL,
  form_id text,
  form_version text,
  answers jsonb NOT NULL DEFAULT '{}',
  state text,
  surveyor text,
  started_at text,
  ended_at text,
  deleted boolean NOT NULL DEFAULT false,
  PRIMARY KEY (county_code, uuid)
);
CREATE INDEX visits_household ON fieldapp.visits (county_code, household_uuid);
CREATE TABLE fieldapp.work_orders (
  county_code text NOT NULL REFERENCES fieldapp.counties,
  uuid text NOT NULL,
  household_uuid text NOT NULL,
  kind text, operator text, due_date text, state text,
  opened_at text, done_at text, verified_at text,
  deleted boolean NOT NULL DEFAULT false,
  PRIMARY KEY (county_code, uuid)
);
CREATE TABLE fieldapp.spot_checks (
  county_code text NOT NULL REFERENCES fieldapp.counties,
  uuid text NOT NULL,
  area_code text, method text, amount double precision, population integer, drawn_at text,
  deleted boolean NOT NULL DEFAULT false,
  PRIMARY KEY (county_code, uuid)
);
CREATE TABLE fieldapp.spot_check_items (
  county_code text NOT NULL REFERENCES fieldapp.counties,
  uuid text NOT NULL,
  check_uuid text, household_uuid text, village_code text, outcome text, checked_at text,
  deleted boolean NOT NULL DEFAULT false,
  PRIMARY KEY (county_code, uuid)
);
-- Each household's latest complete visit, kept by the push (in the same transaction as the visits
-- it derives from), with the answers the reports read; a report then never sorts all visits.
CREATE TABLE fieldapp.household_latest (
  county_code text NOT NULL REFERENCES fieldapp.counties,
  household_uuid text NOT NULL,
  visit_uuid text NOT NULL,
  visit_result text, paid text, handed_over text, illegal text, amount text, charged_by text,
  surveyor text, visited_at text,
  PRIMARY KEY (county_code, household_uuid)
);
CREATE VIEW fieldapp.latest_visits AS
  SELECT v.* FROM fieldapp.household_latest l
  JOIN fieldapp.visits v ON v.county_code = l.county_code AND v.uuid = l.visit_uuid;
CREATE VIEW fieldapp.persons AS
  SELECT v.county_code, v.household_uuid, m.n AS member_no,
         m.p->>'member_name' AS name, m.p->>'relation' AS relation, m.p->>'sex' AS sex,
         m.p->>'birth_year' AS birth_year, m.p->>'lives_here' AS lives_here
  FROM fieldapp.latest_visits v,
       LATERAL jsonb_array_elements(CASE jsonb_typeof(v.answers->'members')
                                    WHEN 'array' THEN v.answers->'members' ELSE '[]' END)
       WITH ORDINALITY AS m(p, n);
CREATE VIEW fieldapp.households_map AS
  SELECT h.county_code, h.uuid, h.village_code, v.name AS village_name, h.group_no, h.head_name,
         h.status,
         CASE h.status WHEN 'covered' THEN '已覆盖' WHEN 'not_covered' THEN '未覆盖'
           WHEN 'not_visited' THEN '未入户' WHEN 'vacant' THEN '空置房'
           WHEN 'refused' THEN '拒绝核查' WHEN 'moved' THEN '已迁出/合户' ELSE h.status END
           AS status_label,
         CASE h.status WHEN 'covered' THEN '#2e7d32' WHEN 'not_covered' THEN '#c62828'
           WHEN 'not_visited' THEN '#f9a825' ELSE '#757575' END AS colour,
         h.status_reason, h.source, h.geom
  FROM fieldapp.households h
  LEFT JOIN fieldapp.divisions v ON v.county_code = h.county_code AND v.code = h.village_code
  WHERE NOT h.deleted AND h.merged_into IS NULL AND h.geom IS NOT NULL;
CREATE VIEW fieldapp.village_coverage AS
  SELECT d.county_code, d.code, d.name, d.parent_code AS township_code,
         count(h.uuid) AS households,
         count(h.uuid) FILTER (WHERE h.status = 'covered') AS covered,
         count(h.uuid) FILTER (WHERE h.status NOT IN ('vacant', 'moved')) AS counted,
         round(count(h.uuid) FILTER (WHERE h.status = 'covered')::numeric
               / nullif(count(h.uuid) FILTER (WHERE h.status NOT IN ('vacant', 'moved')), 0), 4)
           AS coverage_rate,
         d.boundary
  FROM fieldapp.divisions d
  LEFT JOIN fieldapp.households h ON h.county_code = d.county_code AND h.village_code = d.code
       AND NOT h.deleted AND h.merged_into IS NULL
  WHERE d.level = 'village' AND NOT d.deleted
  GROUP BY d.county_code, d.code, d.name, d.parent_code, d.boundary;
"""

# v2: the people on each household's latest member roster (不落一人), derived like the status.
_V2 = """
ALTER TABLE fieldapp.households ADD COLUMN persons integer NOT NULL DEFAULT 0;
"""

MIGRATIONS: dict[int, str] = {1: _V1, 2: _V2}
VERSION = max(MIGRATIONS)


def current_version(conn) -> int:
    with conn.cursor() as cur:
        cur.execute("SELECT to_regclass('fieldapp.meta') IS NOT NULL")
        if not cur.fetchone()[0]:
            return 0
        cur.execute("SELECT value FROM fieldapp.meta WHERE key = 'schema_version'")
        row = cur.fetchone()
        return int(row[0]) if row else 0


def init(conn) -> tuple[int, int]:
    """Create or migrate the schema (one transaction); returns (version before, version after).
    PostGIS must be installed on the server; the extension is created when allowed."""
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(hashtext('fieldapp rollup schema'))")
        cur.execute("SELECT count(*) FROM pg_extension WHERE extname = 'postgis'")
        if not cur.fetchone()[0]:
            cur.execute("SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'")
            if not cur.fetchone()[0]:
                raise RollupError(ErrorCode.ROLLUP_NO_POSTGIS)
            cur.execute("CREATE EXTENSION postgis")
        before = current_version(conn)
        if before > VERSION:
            raise RollupError(ErrorCode.ROLLUP_SCHEMA_NEWER, found=before, supported=VERSION)
        for v in range(before + 1, VERSION + 1):
            cur.execute(MIGRATIONS[v])
            cur.execute("INSERT INTO fieldapp.meta VALUES ('schema_version', %s)"
                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(v),))
    return before, VERSION


def require(conn) -> None:
    """Refuse to work on a server whose schema is missing or of another version."""
    v = current_version(conn)
    if v == 0:
        raise RollupError(ErrorCode.ROLLUP_NOT_INITIALISED)
    if v != VERSION:
        raise RollupError(ErrorCode.ROLLUP_SCHEMA_OTHER, found=v, supported=VERSION)

-- Core schema: administrative units, communities, facilities, roads, water, schedule and progress.
-- Geometry is stored in EPSG:4326 (WGS-84 / CGCS2000 are treated as identical at this precision);
-- areas and lengths are computed on geography, in metres.

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE districts (
  id integer PRIMARY KEY,
  code text,                                   -- 12-digit statistical division code where known
  name text NOT NULL,
  geom geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX districts_geom_idx ON districts USING gist (geom);

CREATE TABLE streets (
  id integer PRIMARY KEY,
  code text,
  name text NOT NULL,
  district_id integer NOT NULL REFERENCES districts(id),
  geom geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX streets_geom_idx ON streets USING gist (geom);
CREATE INDEX streets_district_idx ON streets (district_id);

CREATE TABLE communities (
  id integer PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  district_id integer NOT NULL REFERENCES districts(id),
  street_id integer NOT NULL REFERENCES streets(id),
  neighbourhood text NOT NULL DEFAULT '',
  build_year integer NOT NULL CHECK (build_year BETWEEN 1900 AND 2100),
  buildings integer NOT NULL CHECK (buildings >= 0),
  households integer NOT NULL CHECK (households >= 0),
  floor_area_m2 double precision NOT NULL CHECK (floor_area_m2 >= 0),
  population integer NOT NULL CHECK (population >= 0),
  ownership_type text NOT NULL,
  management_mode text NOT NULL,
  has_owners_committee boolean NOT NULL DEFAULT false,
  illegal_structures_cleared boolean NOT NULL DEFAULT false,
  owners_total integer NOT NULL DEFAULT 0 CHECK (owners_total >= 0),
  owners_consulted integer NOT NULL DEFAULT 0 CHECK (owners_consulted >= 0),
  owners_agreeing integer NOT NULL DEFAULT 0 CHECK (owners_agreeing >= 0),
  deficiencies text[] NOT NULL DEFAULT '{}',
  plan_year integer,
  library_tier text NOT NULL,
  stage text NOT NULL,
  progress_pct double precision NOT NULL DEFAULT 0 CHECK (progress_pct BETWEEN 0 AND 100),
  investment_planned_wan double precision NOT NULL DEFAULT 0,
  investment_spent_wan double precision NOT NULL DEFAULT 0,
  funding jsonb NOT NULL DEFAULT '{}'::jsonb,
  area_m2 double precision NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  geom geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX communities_geom_idx ON communities USING gist (geom);
CREATE INDEX communities_district_idx ON communities (district_id);
CREATE INDEX communities_street_idx ON communities (street_id);
CREATE INDEX communities_stage_idx ON communities (stage);

CREATE TABLE facilities (
  id integer PRIMARY KEY,
  name text NOT NULL,
  type text NOT NULL,
  status text NOT NULL DEFAULT 'existing',
  district_id integer REFERENCES districts(id),
  geom geometry(Point, 4326) NOT NULL
);
CREATE INDEX facilities_geom_idx ON facilities USING gist (geom);
CREATE INDEX facilities_type_idx ON facilities (type);

CREATE TABLE roads (
  id integer PRIMARY KEY,
  name text,
  road_class text NOT NULL,
  walkable boolean NOT NULL DEFAULT true,
  bridge boolean NOT NULL DEFAULT false,
  length_m double precision NOT NULL DEFAULT 0,
  geom geometry(LineString, 4326) NOT NULL
);
CREATE INDEX roads_geom_idx ON roads USING gist (geom);

CREATE TABLE water (
  id integer PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL,
  geom geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX water_geom_idx ON water USING gist (geom);

-- Planned and actual dates per community and stage.
CREATE TABLE stage_records (
  community_id integer NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  stage text NOT NULL,
  planned_start date,
  planned_end date,
  actual_start date,
  actual_end date,
  progress_pct double precision NOT NULL DEFAULT 0 CHECK (progress_pct BETWEEN 0 AND 100),
  PRIMARY KEY (community_id, stage)
);

-- Weekly progress reports: appended, never updated (the history is the record).
CREATE TABLE progress_reports (
  id bigserial PRIMARY KEY,
  community_id integer NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  stage text NOT NULL,
  progress_pct double precision NOT NULL CHECK (progress_pct BETWEEN 0 AND 100),
  report_date date NOT NULL,
  note text NOT NULL DEFAULT '',
  reported_by text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX progress_reports_community_idx ON progress_reports (community_id, report_date);
CREATE INDEX progress_reports_date_idx ON progress_reports (report_date);

-- Dataset metadata (label, demo flag, plan year, as-of date) and per-layer data versions that
-- invalidate tile caches in every API process.
CREATE TABLE dataset_meta (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
CREATE TABLE layer_versions (
  layer text PRIMARY KEY,
  version bigint NOT NULL DEFAULT 1
);
INSERT INTO layer_versions (layer) VALUES ('communities'), ('facilities'), ('roads'), ('water'), ('districts'), ('streets');

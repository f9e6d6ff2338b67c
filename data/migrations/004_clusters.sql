-- 片区 (contiguous renovation areas) and tender packages (issue 5). A community belongs to at most one
-- 片区 per plan year; a 片区 belongs to at most one package. Outlines derive from the members.

CREATE TABLE clusters (
  id serial PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  plan_year integer NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'proposed', 'approved')),
  notes text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  geom geometry(MultiPolygon, 4326)
);
CREATE INDEX clusters_year_idx ON clusters (plan_year);
CREATE INDEX clusters_geom_idx ON clusters USING gist (geom);

CREATE TABLE cluster_members (
  cluster_id integer NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
  community_id integer NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  plan_year integer NOT NULL,
  PRIMARY KEY (cluster_id, community_id),
  UNIQUE (community_id, plan_year)
);

CREATE TABLE tender_packages (
  id serial PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  plan_year integer NOT NULL,
  notes text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tender_packages_year_idx ON tender_packages (plan_year);

CREATE TABLE tender_package_members (
  package_id integer NOT NULL REFERENCES tender_packages(id) ON DELETE CASCADE,
  cluster_id integer NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
  PRIMARY KEY (package_id, cluster_id),
  UNIQUE (cluster_id)
);

INSERT INTO layer_versions (layer) VALUES ('clusters') ON CONFLICT DO NOTHING;

-- Walking coverage (issue 4): versioned facility edits, and two optional layers the analysis uses when
-- present: community gates (entrances) and candidate sites for new facilities.

ALTER TABLE facilities ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE facilities ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Where a community's residents actually leave it. Without gates, entrances are found where walkable
-- roads meet the community's boundary.
CREATE TABLE community_gates (
  id integer PRIMARY KEY,
  community_id integer NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  name text NOT NULL DEFAULT '',
  geom geometry(Point, 4326) NOT NULL
);
CREATE INDEX community_gates_community_idx ON community_gates (community_id);

-- Sites a planner could build on (vacant plots, ground floors for rent). `types` NULL: any facility type.
CREATE TABLE candidate_sites (
  id integer PRIMARY KEY,
  name text NOT NULL DEFAULT '',
  types text[],
  geom geometry(Point, 4326) NOT NULL
);
CREATE INDEX candidate_sites_geom_idx ON candidate_sites USING gist (geom);

-- New planned facilities need ids; existing ids were assigned by loaders.
CREATE SEQUENCE facilities_id_seq OWNED BY facilities.id;
SELECT setval('facilities_id_seq', GREATEST((SELECT COALESCE(MAX(id), 0) FROM facilities), 1000000));
ALTER TABLE facilities ALTER COLUMN id SET DEFAULT nextval('facilities_id_seq');

INSERT INTO layer_versions (layer) VALUES ('community_gates'), ('candidate_sites') ON CONFLICT DO NOTHING;

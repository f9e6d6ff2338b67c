-- Schedule and battle map (issue 6): plan-year configuration (milestones, targets, the at-risk threshold),
-- the progress history made immutable, and a layer version that moves with every progress report.

CREATE TABLE plan_years (
  year integer PRIMARY KEY CHECK (year BETWEEN 1990 AND 2100),
  milestones jsonb NOT NULL DEFAULT '[]'::jsonb,
  targets jsonb NOT NULL DEFAULT '{}'::jsonb,
  rules jsonb NOT NULL DEFAULT '{}'::jsonb,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A weekly report is a record of what was said that week: it is never changed afterwards. A correction is a
-- new report (a later one wins). Rows still go when their community or the whole dataset is replaced.
CREATE FUNCTION progress_reports_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'progress_reports are never updated: send a new report instead' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER progress_reports_no_update BEFORE UPDATE ON progress_reports FOR EACH ROW EXECUTE FUNCTION progress_reports_immutable();

CREATE INDEX progress_reports_order_idx ON progress_reports (community_id, report_date, id);

INSERT INTO layer_versions (layer) VALUES ('progress') ON CONFLICT DO NOTHING;

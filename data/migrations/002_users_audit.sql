-- Users, sessions, login throttling and the append-only audit trail; versions on stage records.

CREATE TABLE users (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username = lower(username)),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'planner', 'leader', 'analyst', 'district_staff', 'street_staff')),
  -- Scope by id without a foreign key: reloading a dataset must not be blocked by accounts, and a scope
  -- that no longer exists simply grants nothing.
  district_id integer,
  street_id integer,
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  disabled boolean NOT NULL DEFAULT false,
  is_demo boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (CASE role
           WHEN 'district_staff' THEN district_id IS NOT NULL AND street_id IS NULL
           WHEN 'street_staff' THEN district_id IS NOT NULL AND street_id IS NOT NULL
           ELSE district_id IS NULL AND street_id IS NULL END)
);

-- Only a hash of the session token is stored: a copy of this table does not let anyone sign in.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  client_address text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE login_attempts (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  client_address text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  success boolean NOT NULL
);
CREATE INDEX login_attempts_user_idx ON login_attempts (username, at);
CREATE INDEX login_attempts_addr_idx ON login_attempts (client_address, at);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id integer,
  actor_name text NOT NULL,
  actor_role text,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  district_id integer,
  street_id integer,
  before jsonb,
  after jsonb,
  client_address text,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_scope_idx ON audit_log (district_id, street_id);

-- Append-only: rows can be inserted, never changed or removed, whoever connects.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
-- The application's own role keeps INSERT and SELECT only (it owns the table, so this is an explicit revoke).
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM CURRENT_USER;

ALTER TABLE stage_records ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE progress_reports ADD COLUMN reported_by_user_id integer;

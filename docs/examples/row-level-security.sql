-- Tenant isolation enforced by PostgreSQL itself: one role per organisation, and row-level
-- security on every table of traject's that holds an organisation's rows (docs/security.md,
-- "Tenant isolation by the database"). traject keeps organisations apart in its own code;
-- with this, a role of one organisation cannot read or change another's rows even with SQL of
-- its own (a compromised partner system, a psql session).
--
-- Run as the owner of traject's tables, after `traject init --org ORG` made the organisation,
-- once per organisation (again after an upgrade of traject that adds tables):
--
--   createuser --login --pwprompt traject_amsterdam
--   psql -v org=amsterdam -v role=traject_amsterdam -f row-level-security.sql \
--        postgresql://owner@db.example/traject
--
-- Then let that organisation's coordinators and systems connect as its role:
--   traject --db postgresql://traject_amsterdam@db.example/traject --org amsterdam ...
-- The role may read and write its organisation's rows of the tables (not of their partitions,
-- which it is given no rights on), read schema_version, and nothing else: `init`, `backup`,
-- `restore`, migrations and `--rebuild` of every organisation stay with the owner.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
BEGIN;

-- Which organisation each role works in: read only through tenant_org() below, written only
-- here; no organisation's role may read it (it would list every organisation's roles).
CREATE TABLE IF NOT EXISTS tenant_roles (
  role_name name PRIMARY KEY,
  org TEXT NOT NULL REFERENCES organisations (id)
);
REVOKE ALL ON tenant_roles FROM PUBLIC;
INSERT INTO tenant_roles (role_name, org) VALUES (:'role', :'org')
  ON CONFLICT (role_name) DO UPDATE SET org = EXCLUDED.org;
SELECT set_config('traject.tenant_role', :'role', true) AS tenant_role \gset

DO $$
DECLARE
  role_name name := current_setting('traject.tenant_role');
  t record;
  -- Evaluated once per statement (an InitPlan), not once per row.
  mine text := '(SELECT tenant_org())';
BEGIN
  -- The connected role's organisation. SECURITY DEFINER: it reads tenant_roles with the
  -- owner's rights, so the roles need none on it; session_user, as current_user inside it is
  -- the owner; a fixed search_path, so no role can put a function of its own in the way.
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION %I.tenant_org() RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %I, pg_temp
      AS 'SELECT org FROM tenant_roles WHERE role_name = session_user'$f$,
    current_schema(), current_schema());
  EXECUTE format('REVOKE ALL ON FUNCTION tenant_org() FROM PUBLIC');
  EXECUTE format('GRANT EXECUTE ON FUNCTION tenant_org() TO %I', role_name);
  EXECUTE format('GRANT SELECT ON schema_version TO %I', role_name);
  EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), role_name);
  -- Every table (not partition) with an org column, and organisations by its id.
  FOR t IN
    SELECT c.relname AS name, CASE WHEN c.relname = 'organisations' THEN 'id' ELSE 'org' END AS col
    FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
      AND NOT c.relispartition AND c.relname <> 'tenant_roles'
      AND (c.relname = 'organisations' OR EXISTS (
        SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org'))
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.name);
    EXECUTE format('DROP POLICY IF EXISTS tenant ON %I', t.name);
    EXECUTE format('CREATE POLICY tenant ON %I USING (%I = %s) WITH CHECK (%I = %s)',
                   t.name, t.col, mine, t.col, mine);
    IF t.name = 'organisations' THEN
      EXECUTE format('GRANT SELECT ON %I TO %I', t.name, role_name);
    ELSE
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO %I', t.name, role_name);
    END IF;
  END LOOP;
  -- A role that may change rows may also lock their tables (LOCK TABLE needs no more), and so
  -- keep every organisation waiting: bound how long one statement, and a transaction left
  -- idle, may hold a lock. (PostgreSQL 15 cannot bound a whole busy transaction.)
  EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', role_name, '60s');
  EXECUTE format('ALTER ROLE %I SET idle_in_transaction_session_timeout = %L', role_name, '30s');
END
$$;

COMMIT;

-- V4: the second wall between tenants — row-level security.
--
-- The application's statements run as pressroom_app (switched to per transaction by the unit of
-- work: set_config('role', 'pressroom_app', true)), a role that owns no table, is no superuser
-- and has no BYPASSRLS, so RLS holds even when DATABASE_URL logs in as a superuser.
-- Policies read the per-transaction settings made by the same unit of work:
--   pressroom.organization_id  the tenant ('' = none: tenant tables show no rows)
--   pressroom.user_id          the signed-in user (their own memberships across organizations)
--   pressroom.scope            'tenant' | 'user' | 'system'
-- The role is cluster-wide: created idempotently, never dropped (rollback.sql leaves it).

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pressroom_app') THEN
        CREATE ROLE pressroom_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- created meanwhile by a migration of another database of the same cluster
END
$$;

-- the migrating (and connecting) user may switch to it
DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'pressroom_app', 'MEMBER') THEN
        EXECUTE format('GRANT pressroom_app TO %I', current_user);
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION pressroom_current_org() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT nullif(current_setting('pressroom.organization_id', true), '')::uuid $$;

CREATE OR REPLACE FUNCTION pressroom_current_user() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT nullif(current_setting('pressroom.user_id', true), '')::uuid $$;

CREATE OR REPLACE FUNCTION pressroom_current_scope() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT coalesce(nullif(current_setting('pressroom.scope', true), ''), 'none') $$;

GRANT USAGE ON SCHEMA public TO pressroom_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO pressroom_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO pressroom_app;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO pressroom_app;
-- tables of later migrations (created by the migrating user) get the same grants
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO pressroom_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO pressroom_app;
-- the migration history is the migrator's alone
REVOKE ALL ON flyway_schema_history FROM pressroom_app;

-- organizations: the tenant itself, and those the signed-in user belongs to
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
CREATE POLICY organizations_tenant ON organizations
    USING (id = pressroom_current_org())
    WITH CHECK (id = pressroom_current_org());
CREATE POLICY organizations_own_memberships ON organizations FOR SELECT
    USING (EXISTS (SELECT 1 FROM organization_members m
                   WHERE m.organization_id = organizations.id AND m.user_id = pressroom_current_user()));

-- organization_members: the tenant's members, and the signed-in user's own memberships
ALTER TABLE organization_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE organization_members FORCE ROW LEVEL SECURITY;
CREATE POLICY organization_members_tenant ON organization_members
    USING (organization_id = pressroom_current_org())
    WITH CHECK (organization_id = pressroom_current_org());
CREATE POLICY organization_members_own ON organization_members FOR SELECT
    USING (user_id = pressroom_current_user());

-- the plain tenant tables
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['shops', 'files', 'printers', 'print_jobs', 'canvas_configs'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY %I ON %I USING (organization_id = pressroom_current_org()) '
                       'WITH CHECK (organization_id = pressroom_current_org())', t || '_tenant', t);
    END LOOP;
END
$$;

-- events: an organization's events to its tenant; events of no organization (signup, login,
-- system admin actions) may be appended by anyone but read only through the system admin's
-- SECURITY DEFINER functions.
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
CREATE POLICY events_tenant_read ON events FOR SELECT
    USING (organization_id = pressroom_current_org());
CREATE POLICY events_append ON events FOR INSERT
    WITH CHECK (organization_id IS NULL OR organization_id = pressroom_current_org());

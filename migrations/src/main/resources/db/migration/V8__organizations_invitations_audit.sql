-- V8: organizations — invitations, the append-only audit trail, and the narrow paths that
-- have no tenant yet (system admin reads, invitation lookup by token).
--
-- (organizations.deleted_at, the soft delete, is already in V2.)
SET LOCAL lock_timeout = '5s';

-- ---------------------------------------------------------------------------------------------
-- Invitations: {email, role, expiry}; the token is shown once and only its SHA-256 is kept.
CREATE TABLE IF NOT EXISTS organization_invitations (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id     UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    email               VARCHAR NOT NULL,
    role                VARCHAR NOT NULL DEFAULT 'member',
    token_hash          VARCHAR NOT NULL,
    invited_by_user_id  UUID REFERENCES users(id),
    created_at          TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at          TIMESTAMP NOT NULL,
    accepted_at         TIMESTAMP,
    accepted_by_user_id UUID REFERENCES users(id),
    revoked_at          TIMESTAMP,
    CONSTRAINT organization_invitations_org_id_id_key UNIQUE (organization_id, id),
    CONSTRAINT organization_invitations_token_hash_key UNIQUE (token_hash),
    CONSTRAINT organization_invitations_token_hash_check CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT organization_invitations_role_check CHECK (role IN ('admin', 'member')),
    CONSTRAINT organization_invitations_email_check CHECK (position('@' in email) > 1),
    CONSTRAINT organization_invitations_once CHECK (accepted_at IS NULL OR revoked_at IS NULL),
    CONSTRAINT organization_invitations_accepted_by CHECK ((accepted_at IS NULL) = (accepted_by_user_id IS NULL))
);
CREATE INDEX IF NOT EXISTS idx_organization_invitations_org_id ON organization_invitations(organization_id);

CREATE TRIGGER organization_invitations_organization_fixed BEFORE UPDATE OF organization_id ON organization_invitations
    FOR EACH ROW EXECUTE FUNCTION pressroom_forbid_organization_change();

GRANT SELECT, INSERT, UPDATE, DELETE ON organization_invitations TO pressroom_app;
ALTER TABLE organization_invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organization_invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY organization_invitations_tenant ON organization_invitations
    USING (organization_id = pressroom_current_org())
    WITH CHECK (organization_id = pressroom_current_org());

-- events: newest first per organization (the list and the export walk this index)
CREATE INDEX IF NOT EXISTS idx_events_org_created ON events(organization_id, created_at DESC, id DESC);

-- ---------------------------------------------------------------------------------------------
-- The audit trail is append-only, whoever connects: UPDATE, DELETE and TRUNCATE are refused by
-- triggers that fire ALWAYS (also under session_replication_role = replica, and for superusers,
-- whom row-level security does not stop). Hard-deleting an organization that has events fails
-- too (its ON DELETE CASCADE would delete them): organizations are deleted softly.
CREATE OR REPLACE FUNCTION pressroom_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege', HINT = 'the audit trail keeps every event';
END
$$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION pressroom_events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION pressroom_events_append_only();
ALTER TABLE events ENABLE ALWAYS TRIGGER events_append_only;
ALTER TABLE events ENABLE ALWAYS TRIGGER events_no_truncate;
-- and the runtime role is not even granted them
REVOKE UPDATE, DELETE, TRUNCATE ON events FROM pressroom_app;

-- ---------------------------------------------------------------------------------------------
-- pressroom_definer: owns the SECURITY DEFINER functions below and nothing else. NOLOGIN, no
-- BYPASSRLS, and pressroom_app is not a member of it, so the application cannot become it; the
-- only code that runs as it is these functions, each of which returns only what its argument
-- (a secret) or the caller (a system admin) unlocks. Its read policies are granted TO it alone.
-- Why not let the migrating role own them: tables are FORCE ROW LEVEL SECURITY, so a
-- non-superuser owner would see no rows through them; a superuser owner would, but then the
-- behaviour would differ between installations.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pressroom_definer') THEN
        CREATE ROLE pressroom_definer NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- created meanwhile by a migration of another database of the same cluster
END
$$;

-- the migrating user must be able to hand functions over to it (ALTER FUNCTION ... OWNER TO)
DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RETURN;
    END IF;
    IF current_setting('server_version_num')::int >= 160000 THEN
        IF NOT pg_has_role(current_user, 'pressroom_definer', 'SET') THEN
            EXECUTE format('GRANT pressroom_definer TO %I WITH SET TRUE', current_user);
        END IF;
    ELSIF NOT pg_has_role(current_user, 'pressroom_definer', 'MEMBER') THEN
        EXECUTE format('GRANT pressroom_definer TO %I', current_user);
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO pressroom_definer;
GRANT SELECT ON organizations, organization_invitations, printers, print_jobs, users TO pressroom_definer;
CREATE POLICY organizations_definer_read ON organizations FOR SELECT TO pressroom_definer USING (true);
CREATE POLICY organization_invitations_definer_read ON organization_invitations FOR SELECT TO pressroom_definer USING (true);
CREATE POLICY printers_definer_read ON printers FOR SELECT TO pressroom_definer USING (true);
CREATE POLICY print_jobs_definer_read ON print_jobs FOR SELECT TO pressroom_definer USING (true);
-- users has no row security today; should a later migration enable it, the definer still reads
CREATE POLICY users_definer_read ON users FOR SELECT TO pressroom_definer USING (true);

-- Is the per-transaction user (pressroom.user_id) a system admin (users.is_admin)?
CREATE OR REPLACE FUNCTION pressroom_is_system_admin() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT coalesce((SELECT u.is_admin FROM public.users u WHERE u.id = public.pressroom_current_user()), false) $$;

-- The organization an invitation token (its SHA-256, hex) belongs to, for the signed-in user
-- who holds the token; nothing else. The acceptance itself then runs in that tenant's scope.
CREATE OR REPLACE FUNCTION pressroom_invitation_organization(p_token_hash text) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT i.organization_id FROM public.organization_invitations i
     WHERE i.token_hash = p_token_hash AND public.pressroom_current_user() IS NOT NULL
$$;

-- Counts for the system admin dashboard (organizations, users, printers, jobs by status).
CREATE OR REPLACE FUNCTION pressroom_admin_stats() RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
    IF NOT public.pressroom_is_system_admin() THEN
        RAISE EXCEPTION 'only a system admin may read the statistics' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN jsonb_build_object(
        'organizations', (SELECT count(*) FROM public.organizations WHERE deleted_at IS NULL),
        'inactiveOrganizations', (SELECT count(*) FROM public.organizations
                                   WHERE deleted_at IS NULL AND settings -> 'is_active' = 'false'::jsonb),
        'deletedOrganizations', (SELECT count(*) FROM public.organizations WHERE deleted_at IS NOT NULL),
        'users', (SELECT count(*) FROM public.users),
        'systemAdmins', (SELECT count(*) FROM public.users WHERE is_admin),
        'printers', (SELECT count(*) FROM public.printers p JOIN public.organizations o ON o.id = p.organization_id
                      WHERE o.deleted_at IS NULL),
        'printJobsByStatus', (SELECT coalesce(jsonb_object_agg(s.status, s.n), '{}'::jsonb)
                                FROM (SELECT j.status, count(*) AS n
                                        FROM public.print_jobs j JOIN public.organizations o ON o.id = j.organization_id
                                       WHERE o.deleted_at IS NULL
                                       GROUP BY j.status) s));
END
$$;

-- ownership to the definer role (it needs CREATE on the schema only for the hand-over)
GRANT CREATE ON SCHEMA public TO pressroom_definer;
ALTER FUNCTION pressroom_is_system_admin() OWNER TO pressroom_definer;
ALTER FUNCTION pressroom_invitation_organization(text) OWNER TO pressroom_definer;
ALTER FUNCTION pressroom_admin_stats() OWNER TO pressroom_definer;
REVOKE CREATE ON SCHEMA public FROM pressroom_definer;

REVOKE ALL ON FUNCTION pressroom_is_system_admin() FROM PUBLIC;
REVOKE ALL ON FUNCTION pressroom_invitation_organization(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION pressroom_admin_stats() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pressroom_is_system_admin() TO pressroom_app;
GRANT EXECUTE ON FUNCTION pressroom_invitation_organization(text) TO pressroom_app;
GRANT EXECUTE ON FUNCTION pressroom_admin_stats() TO pressroom_app;

-- ---------------------------------------------------------------------------------------------
-- System admin reads across organizations, in a unit of work of scope 'system' whose user is a
-- system admin (both conditions; a system admin acting inside an organization sees only it).
CREATE POLICY organizations_system_admin_read ON organizations FOR SELECT
    USING (pressroom_current_scope() = 'system' AND pressroom_is_system_admin());
-- events of no organization (signup, login, system admin actions): system admins only
CREATE POLICY events_system_admin_read ON events FOR SELECT
    USING (organization_id IS NULL AND pressroom_current_scope() = 'system' AND pressroom_is_system_admin());

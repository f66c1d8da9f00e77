-- The seed's rollback, plus what Pressroom added on top of it. Run by `rollback --yes`, which
-- also removes the history rows of the versions it undoes (V2 and later), so that `migrate`
-- works again afterwards. The legacy tables (users, templates, canvas_configs) and their rows
-- stay; the runtime role (cluster-wide) is never dropped here.
-- Objects of V4 and later, newest first (each migration adds its undo here).

-- V16: the one-statement session look-up (organization_members' definer policy goes with that table)
DROP FUNCTION IF EXISTS pressroom_session_access(bytea, timestamp, uuid);

-- V15: the agent's one-round-trip functions
DROP FUNCTION IF EXISTS pressroom_agent_complete_and_claim(uuid, uuid, uuid, uuid, uuid, uuid, timestamp, text, timestamp, varchar, text, boolean);
DROP FUNCTION IF EXISTS pressroom_agent_claim(uuid, uuid, uuid, uuid, timestamp, text, timestamp, varchar, text, boolean);
DROP FUNCTION IF EXISTS pressroom_enter_agent_scope(uuid, uuid);
DROP FUNCTION IF EXISTS pressroom_claim_print_job(uuid, uuid, uuid, timestamp, timestamp);

-- V12: the in-use check on the legacy templates
DROP TRIGGER IF EXISTS templates_in_use_by_printers ON templates;
DROP FUNCTION IF EXISTS pressroom_protect_used_template();

-- V11: the lower(email) index (the definer's grants and policies go with V8's and V5's objects)
DROP INDEX IF EXISTS idx_users_email_lower;

-- V10 and V6: the queue (its print_jobs columns and events.seq go with those tables below)
DROP FUNCTION IF EXISTS pressroom_printer_key_owner(text);
DROP FUNCTION IF EXISTS pressroom_lapsed_print_job_organizations(timestamp, integer);
DROP TABLE IF EXISTS printer_keys CASCADE;

-- V14: the job list's indexes go with print_jobs (dropped below)

-- V9: the maintenance policy on the legacy canvas_configs, the printers' template check
DROP POLICY IF EXISTS canvas_configs_maintenance ON canvas_configs;
DROP FUNCTION IF EXISTS pressroom_check_printer_templates() CASCADE;

-- V8: invitations, the append-only trigger on events, the definer functions and their policies
DROP TABLE IF EXISTS organization_invitations CASCADE;
DROP FUNCTION IF EXISTS pressroom_admin_stats();
DROP FUNCTION IF EXISTS pressroom_invitation_organization(text);
DROP FUNCTION IF EXISTS pressroom_is_system_admin() CASCADE;
DROP FUNCTION IF EXISTS pressroom_events_append_only() CASCADE;
DROP POLICY IF EXISTS users_definer_read ON users;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pressroom_definer') THEN
        REVOKE ALL ON users FROM pressroom_definer;
        REVOKE ALL ON SCHEMA public FROM pressroom_definer;
    END IF;
END
$$;

-- V7: the legacy owners' policy on canvas_configs (files' constraints and indexes go with the table)
DROP POLICY IF EXISTS canvas_configs_own_legacy ON canvas_configs;

-- V5: identity (sessions, reset tokens, login throttling, users.password_hash withdrawn)
DROP FUNCTION IF EXISTS pressroom_login_credentials(text);
DROP FUNCTION IF EXISTS pressroom_own_password_hash();
DROP FUNCTION IF EXISTS pressroom_session_by_token(bytea, timestamp);
DROP FUNCTION IF EXISTS pressroom_redeem_password_reset(bytea, timestamp);
DROP FUNCTION IF EXISTS pressroom_login_failure_counts(text, text, integer);
DROP FUNCTION IF EXISTS pressroom_record_login_failure(text, text);
DROP FUNCTION IF EXISTS pressroom_clear_login_failures(text);
DROP TABLE IF EXISTS login_failures;
DROP TABLE IF EXISTS password_reset_tokens;
DROP TABLE IF EXISTS sessions;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pressroom_app') THEN
        GRANT SELECT ON users TO pressroom_app;
    END IF;
END
$$;

-- V4: row-level security on the legacy canvas_configs (its policy names organization_id)
DROP POLICY IF EXISTS canvas_configs_tenant ON canvas_configs;
ALTER TABLE canvas_configs NO FORCE ROW LEVEL SECURITY;
ALTER TABLE canvas_configs DISABLE ROW LEVEL SECURITY;

-- V2 and V3
ALTER TABLE users DROP COLUMN IF EXISTS org_id;
ALTER TABLE canvas_configs
    DROP COLUMN IF EXISTS dpi,
    DROP COLUMN IF EXISTS spacing_width_inches,
    DROP COLUMN IF EXISTS spacing_height_inches,
    DROP COLUMN IF EXISTS organization_id;

DROP TABLE IF EXISTS events CASCADE;
DROP TABLE IF EXISTS print_jobs CASCADE;
DROP TABLE IF EXISTS printers CASCADE;
DROP TABLE IF EXISTS files CASCADE;
DROP TABLE IF EXISTS shops CASCADE;
DROP TABLE IF EXISTS organization_members CASCADE;
DROP TABLE IF EXISTS organizations CASCADE;

DROP FUNCTION IF EXISTS pressroom_check_print_job_files() CASCADE;
DROP FUNCTION IF EXISTS pressroom_protect_used_file() CASCADE;
DROP FUNCTION IF EXISTS pressroom_forbid_organization_change() CASCADE;
DROP FUNCTION IF EXISTS pressroom_current_org();
DROP FUNCTION IF EXISTS pressroom_current_user();
DROP FUNCTION IF EXISTS pressroom_current_scope();

-- V6: printers' API keys and the print-job queue (leases, attempts), the stream sequence.
--
-- One short transaction; lock_timeout makes it give up (and the runner retry) rather than
-- queue writers behind a lock it cannot get at once. Every column added here is nullable or
-- has a constant default (no table rewrite); constraints on existing tables are NOT VALID
-- and validated, with the indexes built CONCURRENTLY, by V10 (outside a transaction).
SET LOCAL lock_timeout = '500ms';

-- the queue: which attempt this is (from 1), the lease of the agent printing it (a fencing
-- token checked on every report, and its expiry), and the printer that claimed it last
ALTER TABLE print_jobs
    ADD COLUMN IF NOT EXISTS attempt INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN IF NOT EXISTS lease_token UUID,
    ADD COLUMN IF NOT EXISTS lease_expires_at TIMESTAMP,
    ADD COLUMN IF NOT EXISTS claimed_by_printer_id UUID;
ALTER TABLE print_jobs
    ADD CONSTRAINT print_jobs_attempt_check CHECK (attempt >= 1) NOT VALID,
    ADD CONSTRAINT print_jobs_lease_check CHECK ((lease_token IS NULL) = (lease_expires_at IS NULL)) NOT VALID,
    ADD CONSTRAINT print_jobs_claimed_by_printer_fkey FOREIGN KEY (organization_id, claimed_by_printer_id)
        REFERENCES printers (organization_id, id) NOT VALID;

-- the last call of a printer's agent (online = within two leases)
ALTER TABLE printers ADD COLUMN IF NOT EXISTS last_seen_at TIMESTAMP;

-- a queue table churns: vacuum it early and often (dead index entries at the head of the
-- claimable index slow every claim), and leave room on each page for HOT updates
ALTER TABLE print_jobs SET (
    autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_vacuum_threshold = 200,
    autovacuum_vacuum_insert_scale_factor = 0.05,
    autovacuum_analyze_scale_factor = 0.02,
    autovacuum_vacuum_cost_delay = 0,
    fillfactor = 85);
-- the audit trail grows with every transition: analyze it often enough for good plans
ALTER TABLE events SET (autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.05);

-- events get a database-wide increasing number: the id of a live-stream event, from which a
-- client resumes (Last-Event-ID). Nullable with a sequence default: instant, old rows keep null.
CREATE SEQUENCE IF NOT EXISTS events_seq;
ALTER TABLE events ADD COLUMN IF NOT EXISTS seq BIGINT;
ALTER TABLE events ALTER COLUMN seq SET DEFAULT nextval('events_seq');
ALTER SEQUENCE events_seq OWNED BY events.seq;
GRANT USAGE, SELECT ON SEQUENCE events_seq TO pressroom_app;

-- printer API keys: the SHA-256 of a random key (shown once), revocable
CREATE TABLE IF NOT EXISTS printer_keys (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id    UUID NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    printer_id         UUID NOT NULL,
    key_hash           VARCHAR NOT NULL,
    key_prefix         VARCHAR NOT NULL,
    created_by_user_id UUID REFERENCES users(id),
    created_at         TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    revoked_at         TIMESTAMP,
    CONSTRAINT printer_keys_key_hash_key UNIQUE (key_hash),
    CONSTRAINT printer_keys_key_hash_check CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT printer_keys_printer_fkey FOREIGN KEY (organization_id, printer_id)
        REFERENCES printers (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS idx_printer_keys_printer ON printer_keys (organization_id, printer_id);
ALTER TABLE printer_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE printer_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY printer_keys_tenant ON printer_keys
    USING (organization_id = pressroom_current_org())
    WITH CHECK (organization_id = pressroom_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON printer_keys TO pressroom_app;
CREATE TRIGGER printer_keys_organization_fixed BEFORE UPDATE OF organization_id ON printer_keys
    FOR EACH ROW EXECUTE FUNCTION pressroom_forbid_organization_change();

-- The two paths without a tenant, each a SECURITY DEFINER function returning only what it
-- must. They run as the migrating role; when that role is not a superuser, FORCE ROW LEVEL
-- SECURITY applies to it too, so it gets SELECT policies of its own on exactly these tables
-- (pressroom_app, the role the application runs as, never gets them).

-- an agent's key → its printer and organization (and whether the organization is active)
CREATE OR REPLACE FUNCTION pressroom_printer_key_owner(p_key_hash text)
    RETURNS TABLE (key_id uuid, printer_id uuid, organization_id uuid, organization_active boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT k.id, k.printer_id, k.organization_id,
           o.deleted_at IS NULL AND coalesce((o.settings ->> 'is_active')::boolean, true)
      FROM printer_keys k
      JOIN organizations o ON o.id = k.organization_id
     WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL
$$;

-- the lease sweeper: which organizations have jobs whose lease lapsed (ids only; each is then
-- swept in a unit of work of that organization)
CREATE OR REPLACE FUNCTION pressroom_lapsed_print_job_organizations(p_now timestamp, p_limit integer)
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT DISTINCT organization_id
      FROM (SELECT organization_id FROM print_jobs
             WHERE status IN ('printing', 'paused') AND lease_expires_at < p_now
             LIMIT p_limit) lapsed
$$;

REVOKE ALL ON FUNCTION pressroom_printer_key_owner(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION pressroom_lapsed_print_job_organizations(timestamp, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pressroom_printer_key_owner(text) TO pressroom_app;
GRANT EXECUTE ON FUNCTION pressroom_lapsed_print_job_organizations(timestamp, integer) TO pressroom_app;

DO $$
BEGIN
    IF NOT (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('CREATE POLICY printer_keys_definer ON printer_keys FOR SELECT TO %I USING (true)', current_user);
        EXECUTE format('CREATE POLICY organizations_key_definer ON organizations FOR SELECT TO %I USING (true)', current_user);
        EXECUTE format('CREATE POLICY print_jobs_sweeper_definer ON print_jobs FOR SELECT TO %I USING (true)', current_user);
    END IF;
END
$$;

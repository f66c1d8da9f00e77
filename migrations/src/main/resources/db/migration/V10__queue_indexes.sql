-- V10: the queue's indexes, built CONCURRENTLY (print_jobs and events may be large and live),
-- and V6's constraints validated (a scan without blocking writes). Outside a transaction
-- (V10__queue_indexes.sql.conf); a failed build leaves an INVALID index that
-- Migrations.migrate() drops before the rerun.
SET lock_timeout = '5s';

-- the claim: pending rows only, in claim order (priority desc, then age) per organization;
-- small however large the table grows, since finished jobs are not in it
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_print_jobs_claimable
    ON print_jobs (organization_id, priority DESC, created_at, id) WHERE status = 'pending';

-- the sweeper: leases by expiry
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_print_jobs_lease_expiry
    ON print_jobs (lease_expires_at) WHERE status IN ('printing', 'paused');

-- job lists by printer (filters and the printer's unfinished-jobs check)
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_print_jobs_org_printer
    ON print_jobs (organization_id, printer_id) WHERE printer_id IS NOT NULL;

-- the live stream and its replay: an organization's print-job events in order
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_events_print_job_seq
    ON events (organization_id, seq) WHERE entity_type = 'print_job';

ALTER TABLE print_jobs VALIDATE CONSTRAINT print_jobs_attempt_check;
ALTER TABLE print_jobs VALIDATE CONSTRAINT print_jobs_lease_check;
ALTER TABLE print_jobs VALIDATE CONSTRAINT print_jobs_claimed_by_printer_fkey;

-- V6's two SECURITY DEFINER functions are handed to pressroom_definer (V8), the role that owns
-- such functions and nothing else, with a read policy of its own on printer_keys (it already
-- reads organizations and print_jobs); the owner policies V6 made for a non-superuser migrator
-- are no longer needed.
GRANT SELECT ON printer_keys TO pressroom_definer;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE tablename = 'printer_keys' AND policyname = 'printer_keys_definer_read') THEN
        CREATE POLICY printer_keys_definer_read ON printer_keys FOR SELECT TO pressroom_definer USING (true);
    END IF;
END
$$;
GRANT CREATE ON SCHEMA public TO pressroom_definer;
ALTER FUNCTION pressroom_printer_key_owner(text) OWNER TO pressroom_definer;
ALTER FUNCTION pressroom_lapsed_print_job_organizations(timestamp, integer) OWNER TO pressroom_definer;
REVOKE CREATE ON SCHEMA public FROM pressroom_definer;
DROP POLICY IF EXISTS printer_keys_definer ON printer_keys;
DROP POLICY IF EXISTS organizations_key_definer ON organizations;
DROP POLICY IF EXISTS print_jobs_sweeper_definer ON print_jobs;

RESET lock_timeout;

-- V14 (ops): the job list's indexes, found by bench/list. GET /api/print-jobs pages an
-- organization's jobs newest first (ORDER BY created_at DESC, id DESC), optionally of one status.
-- Without these, the page's SELECT found the organization's pending rows through the claim index
-- and sorted them all (fine at 250 rows, linear in the organization's pending jobs); with them
-- the first page is an index range read that stops after 51 rows, whatever the organization's size.
-- Built CONCURRENTLY outside a transaction (V14__job_list_indexes.sql.conf): print_jobs is live.
-- Rerunnable from its first line (IF NOT EXISTS; an INVALID leftover is dropped by migrate).
SET lock_timeout = '5s';

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_print_jobs_org_status_created
    ON print_jobs (organization_id, status, created_at DESC, id DESC);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_print_jobs_org_created
    ON print_jobs (organization_id, created_at DESC, id DESC);

RESET lock_timeout;
